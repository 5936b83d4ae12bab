import Foundation
import TestSupport
import XCTest
import ProbabilityCalibration

final class IsotonicTests: XCTestCase {
    /// Independent reference: the isotonic fit at point i has the closed form
    /// max over j ≤ i of min over k ≥ i of the weighted mean of points j…k (Barlow et al. 1972). O(n³), no pooling
    /// logic shared with PAV. Points are (distinct score, summed weight, weighted mean outcome).
    func bruteForceIsotonic(scores: [Double], outcomes: [UInt8], weights: [Double]) -> [Double: Double] {
        var pooled: [Double: (weight: Double, sum: Double)] = [:]
        for i in scores.indices where weights[i] > 0 {
            pooled[scores[i], default: (0, 0)].weight += weights[i]
            pooled[scores[i], default: (0, 0)].sum += weights[i] * Double(outcomes[i])
        }
        let xs = pooled.keys.sorted()
        let w = xs.map { pooled[$0]!.weight }, s = xs.map { pooled[$0]!.sum }
        var fitted: [Double: Double] = [:]
        for i in xs.indices {
            var best = -Double.infinity
            for j in 0...i {
                var smallest = Double.infinity
                for k in i..<xs.count {
                    let mean = s[j...k].reduce(0, +) / w[j...k].reduce(0, +)
                    smallest = min(smallest, mean)
                }
                best = max(best, smallest)
            }
            fitted[xs[i]] = best
        }
        return fitted
    }

    func testMatchesBruteForceOnSmallRandomInputs() throws {
        var rng = SplitMix64(seed: 2024)
        for trial in 0..<200 {
            let n = 1 + Int(rng.uniform() * 25)
            let distinct = 1 + Int(rng.uniform() * 12)  // few distinct scores → many ties
            let scores = (0..<n).map { _ in Double(Int(rng.uniform() * Double(distinct))) }
            var outcomes = scores.map { rng.bernoulli(0.2 + 0.6 * $0 / Double(distinct)) }
            outcomes[0] = 1
            if n > 1 { outcomes[1] = 0 } else { continue }
            let weights = trial.isMultiple(of: 2) ? scores.map { _ in Double(Int(rng.uniform() * 4)) + 0.5 } : Array(repeating: 1.0, count: n)
            let calibrator = try IsotonicCalibrator.fit(scores: scores, outcomes: outcomes, weights: weights)
            for (score, expected) in bruteForceIsotonic(scores: scores, outcomes: outcomes, weights: weights) {
                assertClose(calibrator.probability(for: score), expected, tolerance: 1e-12, "trial \(trial), score \(score)")
            }
        }
    }

    func testOutputIsMonotoneAndWithinRange() throws {
        var rng = SplitMix64(seed: 7)
        let scores = (0..<2000).map { _ in rng.uniform() * 10 - 5 }
        let outcomes = scores.map { rng.bernoulli(1 / (1 + exp(-$0))) }
        let calibrator = try IsotonicCalibrator.fit(scores: scores, outcomes: outcomes)
        let grid = stride(from: -7.0, through: 7.0, by: 0.001).map { $0 }
        let probabilities = calibrator.probabilities(for: grid)
        for i in 1..<probabilities.count {
            XCTAssertGreaterThanOrEqual(probabilities[i], probabilities[i - 1], "at score \(grid[i])")
        }
        XCTAssert(probabilities.allSatisfy { (0...1).contains($0) })
        XCTAssertEqual(calibrator.probability(for: -100), calibrator.values.first)  // clipped, not extrapolated
        XCTAssertEqual(calibrator.probability(for: 100), calibrator.values.last)
    }

    func testEqualScoresArePooledFirst() throws {
        // At score 1 one lead converted and one did not: a step function must give that score ½,
        // whatever order the rows came in (PAV on unpooled rows would give 0 or 1 depending on order).
        for outcomes: [UInt8] in [[0, 1, 0, 1], [0, 0, 1, 1]] {
            let calibrator = try IsotonicCalibrator.fit(scores: [0, 1, 1, 2], outcomes: outcomes)
            XCTAssertEqual(calibrator.probability(for: 1), 0.5)
        }
    }

    func testInterpolatesAcrossMissingIntegerTotals() throws {
        // Totals 0 and 10 seen; 5 missing → halfway between their probabilities, as scikit-learn does.
        let calibrator = try IsotonicCalibrator.fit(scores: [0, 0, 0, 0, 10, 10, 10, 10], outcomes: [0, 0, 0, 1, 0, 1, 1, 1])
        XCTAssertEqual(calibrator.thresholds, [0, 10])
        XCTAssertEqual(calibrator.probabilities(for: [0, 5, 10]), [0.25, 0.5, 0.75])
    }

    func testSingleDistinctScoreGivesTheBaseRate() throws {
        // Unlike Platt scaling, isotonic calibration is defined for a constant score: one block, the base rate.
        let calibrator = try IsotonicCalibrator.fit(scores: [4, 4, 4, 4], outcomes: [1, 0, 0, 0], weights: [1, 1, 1, 1])
        XCTAssertEqual(calibrator.thresholds, [4])
        XCTAssertEqual(calibrator.probabilities(for: [-10, 4, 10]), [0.25, 0.25, 0.25])
    }

    func testPriorCorrectionKeepsAwayFromZeroAndOne() throws {
        let scores: [Double] = [0, 1, 2, 3, 4, 5]
        let outcomes: [UInt8] = [0, 0, 0, 1, 1, 1]
        let plain = try IsotonicCalibrator.fit(scores: scores, outcomes: outcomes)
        XCTAssertEqual(plain.values.first, 0)
        XCTAssertEqual(plain.values.last, 1)
        let corrected = try IsotonicCalibrator.fit(scores: scores, outcomes: outcomes, priorCorrection: true)
        assertClose(try XCTUnwrap(corrected.values.first), 1.0 / 5.0)  // 1 / (N₋ + 2)
        assertClose(try XCTUnwrap(corrected.values.last), 4.0 / 5.0)   // (N₊ + 1) / (N₊ + 2)
    }

    func testMatchesScikitLearnIsotonicRegression() throws {
        let fixture = try CalibrationFixture.load()
        XCTAssertEqual(fixture.isotonic.count, 4)
        for reference in fixture.isotonic {
            let scores = reference.input == "scores" ? fixture.scores : fixture.probabilities
            let calibrator = try IsotonicCalibrator.fit(scores: scores, outcomes: fixture.outcomes,
                                                        weights: reference.weighted ? fixture.weights : nil)
            let context = "\(reference.input), weighted \(reference.weighted)"
            assertClose(calibrator.thresholds, reference.xThresholds, tolerance: 0, context)
            assertClose(calibrator.values, reference.yThresholds, tolerance: 1e-9, context)
            assertClose(calibrator.probabilities(for: reference.grid), reference.predictions, tolerance: 1e-9, context)
        }
    }

    func testCodableRoundTripAndValidation() throws {
        let calibrator = try IsotonicCalibrator.fit(scores: [0, 1, 2, 3], outcomes: [0, 1, 0, 1])
        let data = try JSONEncoder().encode(calibrator)
        XCTAssertEqual(try JSONDecoder().decode(IsotonicCalibrator.self, from: data), calibrator)
        let decreasing = Data(#"{"thresholds": [0, 1], "values": [0.6, 0.4]}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(IsotonicCalibrator.self, from: decreasing))
        XCTAssertThrowsError(try IsotonicCalibrator(thresholds: [1, 1], values: [0.2, 0.3]))
    }

    func testErrors() {
        assertThrows(CalibrationError.singleClass(positives: 0, negatives: 3)) { () throws(CalibrationError) in
            try IsotonicCalibrator.fit(scores: [1, 2, 3], outcomes: [0, 0, 0])
        }
        assertThrows(CalibrationError.lengthMismatch(name: "outcomes", expected: 2, actual: 1)) { () throws(CalibrationError) in
            try IsotonicCalibrator.fit(scores: [1, 2], outcomes: [0])
        }
        assertThrows(CalibrationError.nonFiniteScore(index: 1)) { () throws(CalibrationError) in
            try IsotonicCalibrator.fit(scores: [1, .infinity], outcomes: [0, 1])
        }
        assertThrows(CalibrationError.invalidWeight(index: 0, value: -2)) { () throws(CalibrationError) in
            try IsotonicCalibrator.fit(scores: [1, 2], outcomes: [0, 1], weights: [-2, 1])
        }
    }
}
