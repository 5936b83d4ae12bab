import Foundation
import TestSupport
import XCTest
import ProbabilityCalibration

final class PlattTests: XCTestCase {
    func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    func testRecoversKnownParameters() throws {
        // 200 000 rows from σ(1.5·s − 0.5), s uniform on [−3, 3]. The maximum-likelihood standard errors are
        // about 0.006 for a and 0.006 for b (1/√(n·E[p(1−p)·s²]) and similar), so 0.03 is 5 standard errors;
        // prior correction moves the targets by ~1e−5, far below that.
        var rng = SplitMix64(seed: 42)
        var scores: [Double] = [], outcomes: [UInt8] = []
        for _ in 0..<200_000 {
            let s = rng.uniform() * 6 - 3
            scores.append(s)
            outcomes.append(rng.bernoulli(sigmoid(1.5 * s - 0.5)))
        }
        let platt = try PlattCalibrator.fit(scores: scores, outcomes: outcomes)
        XCTAssertEqual(platt.slope, 1.5, accuracy: 0.03)
        XCTAssertEqual(platt.intercept, -0.5, accuracy: 0.03)
        XCTAssertTrue(platt.priorCorrected)
    }

    func testWorksOnIntegerPointTotals() throws {
        // A score card's totals 0…100 with p = σ(0.08·total − 4): 20 000 rows, standard errors ≈ 0.002 (a)
        // and 0.1 (b); tolerances are about 4 standard errors.
        var rng = SplitMix64(seed: 9)
        var totals: [Double] = [], outcomes: [UInt8] = []
        for _ in 0..<20_000 {
            let total = Double(Int(rng.uniform() * 101))
            totals.append(total)
            outcomes.append(rng.bernoulli(sigmoid(0.08 * total - 4)))
        }
        let platt = try PlattCalibrator.fit(scores: totals, outcomes: outcomes)
        XCTAssertEqual(platt.slope, 0.08, accuracy: 0.008)
        XCTAssertEqual(platt.intercept, -4, accuracy: 0.4)
        // One probability per integer total, increasing.
        let table = platt.probabilities(for: (0...100).map(Double.init))
        XCTAssert(zip(table, table.dropFirst()).allSatisfy { $0 < $1 })
    }

    func testConvergesOnHundredsOfThousandsOfTiedTotals() throws {
        // The validation leads of a million-row file: 250 000 totals bunched on 30…70. Rounding in the sums
        // over that many rows once kept the gradient above tolerance while the line search crawled, and the
        // fit reported no convergence; the answer must match the generating line to a few standard errors.
        var rng = SplitMix64(seed: 11)
        var totals: [Double] = [], outcomes: [UInt8] = []
        for _ in 0..<250_000 {
            let total = Double(30 + Int(rng.uniform() * 21) + Int(rng.uniform() * 21))
            totals.append(total)
            outcomes.append(rng.bernoulli(sigmoid(0.06 * total - 4.3)))
        }
        let platt = try PlattCalibrator.fit(scores: totals, outcomes: outcomes)
        XCTAssertEqual(platt.slope, 0.06, accuracy: 0.004)
        XCTAssertEqual(platt.intercept, -4.3, accuracy: 0.2)
    }

    func testMatchesTightScipyFitAndScikitLearn() throws {
        let fixture = try CalibrationFixture.load()
        XCTAssertEqual(fixture.platt.count, 4)
        for reference in fixture.platt {
            let scores = reference.input == "scores" ? fixture.scores : fixture.probabilities
            let platt = try PlattCalibrator.fit(scores: scores, outcomes: fixture.outcomes,
                                                weights: reference.weighted ? fixture.weights : nil)
            let context = "\(reference.input), weighted \(reference.weighted)"
            // SciPy's trust-region Newton solved to a gradient of 1e−7 over 400 rows: parameters good to ~1e−9.
            assertClose(platt.slope, reference.slope, tolerance: 1e-7, context)
            assertClose(platt.intercept, reference.intercept, tolerance: 1e-7, context)
            // scikit-learn's _sigmoid_calibration stops L-BFGS at gtol 1e−6, so it agrees only to ~1e−8…1e−7.
            assertClose(platt.slope, reference.sklearnSlope, tolerance: 1e-6, context)
            assertClose(platt.intercept, reference.sklearnIntercept, tolerance: 1e-6, context)
        }
    }

    func testLargeRawScoresAreHandled() throws {
        // The same relation on a score scaled by 1000 and shifted: slope scales by 1/1000, probabilities agree.
        var rng = SplitMix64(seed: 1)
        let s = (0..<5000).map { _ in rng.uniform() * 4 - 2 }
        let outcomes = s.map { rng.bernoulli(sigmoid(2 * $0)) }
        let small = try PlattCalibrator.fit(scores: s, outcomes: outcomes)
        let large = try PlattCalibrator.fit(scores: s.map { 1000 * $0 + 50_000 }, outcomes: outcomes)
        assertClose(large.slope * 1000, small.slope, tolerance: 1e-8)
        assertClose(large.probability(for: 50_500), small.probability(for: 0.5), tolerance: 1e-8)
    }

    func testDecreasingScoreIsRejected() {
        // Higher score, fewer conversions: a calibrator would reverse the ranking, so the fit refuses.
        let scores: [Double] = [1, 2, 3, 4, 5, 6]
        let outcomes: [UInt8] = [1, 1, 0, 1, 0, 0]
        XCTAssertThrowsError(try PlattCalibrator.fit(scores: scores, outcomes: outcomes)) { error in
            guard case CalibrationError.scoreNotIncreasing(let slope) = error else { return XCTFail("\(error)") }
            XCTAssertLessThan(slope, 0)
            XCTAssert((error as! CalibrationError).description.contains("higher scores do not convert more often"))
        }
    }

    func testConstantScoresAndSeparation() throws {
        assertThrows(CalibrationError.constantScores) { () throws(CalibrationError) in
            try PlattCalibrator.fit(scores: [3, 3, 3], outcomes: [0, 1, 0])
        }
        // Perfectly separated: no finite maximum-likelihood slope, but the prior-corrected fit is finite.
        let scores: [Double] = [0, 1, 2, 3], outcomes: [UInt8] = [0, 0, 1, 1]
        assertThrows(CalibrationError.separable) { () throws(CalibrationError) in
            try PlattCalibrator.fit(scores: scores, outcomes: outcomes, priorCorrection: false)
        }
        let corrected = try PlattCalibrator.fit(scores: scores, outcomes: outcomes)
        XCTAssert(corrected.slope.isFinite && corrected.slope > 0)
        XCTAssert(corrected.probability(for: 0) > 0 && corrected.probability(for: 3) < 1)
    }

    func testPlainMaximumLikelihoodWithoutPriorCorrection() throws {
        // Two score values: the unpenalised fit reproduces each value's observed rate exactly.
        let scores: [Double] = [0, 0, 0, 0, 1, 1, 1, 1]
        let outcomes: [UInt8] = [1, 0, 0, 0, 1, 1, 1, 0]
        let platt = try PlattCalibrator.fit(scores: scores, outcomes: outcomes, priorCorrection: false)
        assertClose(platt.probability(for: 0), 0.25, tolerance: 1e-10)
        assertClose(platt.probability(for: 1), 0.75, tolerance: 1e-10)
        assertClose(platt.intercept, log(1.0 / 3.0), tolerance: 1e-10)
        assertClose(platt.slope, 2 * log(3.0), tolerance: 1e-10)
    }

    func testCodableRoundTripAndValidation() throws {
        let platt = try PlattCalibrator(slope: 0.07, intercept: -3.2)
        let data = try JSONEncoder().encode(platt)
        XCTAssertEqual(try JSONDecoder().decode(PlattCalibrator.self, from: data), platt)
        let backwards = Data(#"{"slope": -0.5, "intercept": 1}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(PlattCalibrator.self, from: backwards))
        XCTAssertEqual(platt.probability(for: 1e6), 1)      // no overflow at extreme scores
        XCTAssertEqual(platt.probability(for: -1e6), 0)
    }

    func testCalibratorsAreInterchangeableThroughTheProtocol() throws {
        func fitted<C: ScoreCalibrator>(_ type: C.Type) throws -> [Double] {
            try C.fit(scores: [0, 1, 2, 3, 4, 5], outcomes: [0, 0, 1, 0, 1, 1], weights: nil).probabilities(for: [0, 5])
        }
        for probabilities in [try fitted(PlattCalibrator.self), try fitted(IsotonicCalibrator.self)] {
            XCTAssertLessThan(probabilities[0], probabilities[1])
        }
    }
}
