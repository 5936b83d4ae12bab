import LinearAlgebra
import XCTest
@testable import LinearModels

final class SeparableDataTests: XCTestCase {
    /// x < 0 always lost, x > 0 always converted.
    private let design = Matrix(rowMajor: [[-3], [-2], [-1], [-0.5], [0.5], [1], [2], [3]])
    private let labels: [UInt8] = [0, 0, 0, 0, 1, 1, 1, 1]

    func testAPenaltyKeepsWeightsFiniteAndTheFitSaysSo() throws {
        for penalty in [LogisticRegression.Penalty.l2, .l1] {
            let fitted = try LogisticRegression(penalty: penalty, strength: 0.1).fit(design: design, labels: labels)
            XCTAssertTrue(fitted.weights[0].isFinite && fitted.weights[0] > 0)
            XCTAssertTrue(fitted.diagnostics.converged)
            XCTAssertTrue(fitted.diagnostics.warnings.contains(.separable), "\(fitted.diagnostics.warnings)")
            XCTAssertTrue(FitWarning.separable.description.contains("penalty"))
        }
    }

    func testWithoutAPenaltyTheFitRefuses() {
        XCTAssertThrowsError(try LogisticRegression(strength: 0).fit(design: design, labels: labels)) { error in
            XCTAssertEqual(error as? LogisticRegressionError, .separableWithoutPenalty)
        }
    }

    func testOverlappingClassesGiveNoWarning() throws {
        let fitted = try LogisticRegression(strength: 0).fit(design: design, labels: [0, 0, 1, 0, 1, 0, 1, 1])
        XCTAssertEqual(fitted.diagnostics.warnings, [])
    }

    func testAnIterationLimitIsReportedNotHidden() throws {
        let fitted = try LogisticRegression(maxIterations: 1).fit(design: design, labels: [0, 0, 1, 0, 1, 0, 1, 1])
        XCTAssertFalse(fitted.diagnostics.converged)
        guard case .notConverged(let iterations, _, _, let stalled)? = fitted.diagnostics.warnings.first else {
            return XCTFail("expected a not-converged warning, got \(fitted.diagnostics.warnings)")
        }
        XCTAssertEqual(iterations, 1)
        XCTAssertFalse(stalled)
    }

    func testBadParametersAreRejectedBeforeAnyWork() {
        let cases: [LogisticRegression] = [
            LogisticRegression(strength: -1), LogisticRegression(penalty: .elasticNet(l1Ratio: 1.5)),
            LogisticRegression(tolerance: 0), LogisticRegression(maxIterations: 0),
            LogisticRegression(penalty: .l1, solver: .newtonCholesky),
        ]
        for parameters in cases {
            XCTAssertThrowsError(try parameters.fit(design: design, labels: labels)) { error in
                guard case .invalidParameter? = error as? LogisticRegressionError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertThrowsError(try LogisticRegression().fit(design: design, labels: [1, 1, 1, 1, 1, 1, 1, 1]))
        let wide = Matrix(rows: 2, columns: LogisticRegression.denseHessianLimit + 1)
        XCTAssertThrowsError(try LogisticRegression(penalty: .l1).fit(design: wide, labels: [0, 1])) { error in
            XCTAssertTrue("\(error)".contains("L2"), "\(error)")
        }
        XCTAssertThrowsError(try LogisticRegression().fit(design: design, labels: labels, sampleWeights: [1, 1, -1, 1, 1, 1, 1, 1]))
    }
}
