import LeadData
import LinearAlgebra
import XCTest
@testable import LinearModels

final class SolverChoiceTests: XCTestCase {
    func testNarrowDesignsUseNewtonCholesky() throws {
        let (design, labels) = simulatedDesign(rows: 500, weights: [1, -1], intercept: 0, seed: 3)
        XCTAssertEqual(try LogisticRegression().fit(design: design, labels: labels).diagnostics.solver, .newtonCholesky)
    }

    /// Wider than `denseHessianLimit`: the automatic choice is Hessian-free and still converges.
    func testWideDesignsUseHessianFreeNewtonCG() throws {
        let columns = LogisticRegression.denseHessianLimit + 4
        var generator = SeededGenerator(seed: 4)
        var design = Matrix(rows: 200, columns: columns)
        var labels = [UInt8](repeating: 0, count: 200)
        for row in 0..<200 {
            // Sparse 0/1 columns, like a one-hot of many rare levels; the first column carries the signal.
            for _ in 0..<20 { design[row, Int(generator.next() % UInt64(columns))] = 1 }
            design[row, 0] = generator.nextUniform() < 0.5 ? 1 : 0
            labels[row] = generator.nextUniform() < (design[row, 0] == 1 ? 0.8 : 0.2) ? 1 : 0
        }
        let fitted = try LogisticRegression().fit(design: design, labels: labels)
        XCTAssertEqual(fitted.diagnostics.solver, .newtonCG)
        XCTAssertTrue(fitted.diagnostics.converged, "\(fitted.diagnostics)")
        XCTAssertGreaterThan(fitted.weights[0], 0.5)
    }
}
