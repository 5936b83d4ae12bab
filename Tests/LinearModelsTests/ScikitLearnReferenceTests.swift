import Foundation
import LinearAlgebra
import TestSupport
import XCTest
@testable import LinearModels

/// Fits the design matrix `make_reference.py` encoded from the shipped online-shoppers data (6 000 rows × 27 columns)
/// and compares with scikit-learn 1.9's `LogisticRegression` at the same penalty (`C = 1/strength`),
/// fitted there at tolerance 1e-12 (newton-cholesky for L2, saga for L1 and elastic net).
final class ScikitLearnReferenceTests: XCTestCase {
    private let fixture = ReferenceFixture.shoppers

    /// Relative gradient tolerance: 1e-10 for L2; 1e-9 with an L1 part, where on this design the proximal
    /// Newton steps reach the rounding limit of the objective (about 1 270: a decrease of 1e-13) at a
    /// gradient norm near 2e-7, just above 1e-10 of the starting gradient.
    private func tolerance(_ reference: ReferenceFixture.Case) -> Double { reference.l1_ratio > 0 ? 1e-9 : 1e-10 }

    private func fit(_ reference: ReferenceFixture.Case, solver: LogisticRegression.Solver = .automatic) throws -> DesignFit {
        let penalty: LogisticRegression.Penalty = switch reference.l1_ratio {
        case 0: .l2
        case 1: .l1
        default: .elasticNet(l1Ratio: reference.l1_ratio)
        }
        let parameters = LogisticRegression(penalty: penalty, strength: 1 / reference.C,
                                            classWeight: reference.class_weight == "balanced" ? .balanced : .uniform,
                                            solver: solver, tolerance: tolerance(reference))
        return try parameters.fit(design: fixture.design, labels: fixture.labels,
                                  sampleWeights: reference.sample_weights ? fixture.sampleWeights : nil)
    }

    /// Relative 1e-4 per coefficient, with an absolute floor of 1e-6 for coefficients near zero (on
    /// standardised columns, 1e-6 log-odds per standard deviation is far below any card's resolution).
    private func assertMatches(_ fit: DesignFit, _ reference: ReferenceFixture.Case, file: StaticString = #filePath, line: UInt = #line) {
        assertClose(fit.weights, reference.coef, relative: 1e-4, absolute: 1e-6, reference.name, file: file, line: line)
        assertClose([fit.intercept], [reference.intercept], relative: 1e-4, absolute: 1e-6, "\(reference.name) intercept", file: file, line: line)
        XCTAssertTrue(fit.diagnostics.converged, "\(reference.name): \(fit.diagnostics)", file: file, line: line)
        XCTAssertEqual(fit.diagnostics.warnings, [], reference.name, file: file, line: line)
    }

    func testL2MatchesScikitLearn() throws {
        for name in ["l2", "l2-strong", "l2-balanced-weighted"] {
            let reference = fixture.case(name)
            let fitted = try fit(reference)
            XCTAssertEqual(fitted.diagnostics.solver, .newtonCholesky)
            assertMatches(fitted, reference)
        }
    }

    func testHessianFreeNewtonCGMatchesToo() throws {
        let reference = fixture.case("l2")
        assertMatches(try fit(reference, solver: .newtonCG), reference)
    }

    func testL1GivesExactZerosWhereScikitLearnDoes() throws {
        let reference = fixture.case("l1")
        let fitted = try fit(reference)
        XCTAssertEqual(fitted.diagnostics.solver, .proximalNewton)
        XCTAssertEqual(fitted.weights.map { $0 == 0 }, reference.coef.map { $0 == 0 }, "zero pattern")
        XCTAssertGreaterThan(fitted.weights.filter { $0 == 0 }.count, 10)
        assertMatches(fitted, reference)
    }

    func testElasticNetMatchesScikitLearn() throws {
        let reference = fixture.case("elastic-net")
        let fitted = try fit(reference)
        XCTAssertEqual(fitted.weights.map { $0 == 0 }, reference.coef.map { $0 == 0 }, "zero pattern")
        assertMatches(fitted, reference)
    }

    /// Recomputes the gradient of the objective at the fitted weights from scratch: it must be below the
    /// documented threshold, `tolerance · ‖∇f‖` at the intercept-only model.
    func testGradientAtTheSolutionIsBelowTolerance() throws {
        for name in ["l2", "l1"] {
            let reference = fixture.case(name)
            let fitted = try fit(reference)
            let strength = 1 / reference.C
            let l1 = strength * reference.l1_ratio
            var loss = LogisticLoss(design: fixture.design, targets: fixture.labels.map(Double.init),
                                    rowWeights: [Double](repeating: 1, count: fixture.labels.count), ridge: strength - l1)
            let stopping = StoppingRule(tolerance: tolerance(reference), maxIterations: 1)
            let solver = ProximalNewton(stopping: stopping, l1: l1)
            let positives = Double(fixture.labels.filter { $0 == 1 }.count)
            let interceptOnly = [Double](repeating: 0, count: loss.dimension - 1) + [log(positives / (Double(fixture.labels.count) - positives))]
            _ = try loss.evaluate(at: interceptOnly)
            let threshold = tolerance(reference) * norm(try loss.gradient())
            _ = try loss.evaluate(at: fitted.weights + [fitted.intercept])
            let gradient = solver.subgradient(try loss.gradient(), at: fitted.weights + [fitted.intercept])
            XCTAssertLessThanOrEqual(norm(gradient), threshold, name)
            XCTAssertEqual(fitted.diagnostics.gradientThreshold, threshold, accuracy: threshold * 1e-9, name)
        }
    }
}
