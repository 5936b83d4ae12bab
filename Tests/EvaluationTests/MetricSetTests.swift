import Foundation
import TestSupport
import XCTest
import Evaluation

/// MetricSet: every metric of one set of predictions, as the single metric functions give them.
final class MetricSetTests: XCTestCase {
    /// Probabilities from a single-feature "model" on seeded synthetic leads.
    func predictions(_ name: String, rows: Int, seed: UInt64) -> (probabilities: [Double], outcomes: [UInt8]) {
        var rng = SplitMix64(seed: seed)
        var probabilities: [Double] = [], outcomes: [UInt8] = []
        for _ in 0..<rows {
            let visits = Double(Int(rng.uniform() * 10))
            let p = 1 / (1 + exp(-(0.4 * visits - 2)))
            outcomes.append(rng.bernoulli(p))
            probabilities.append(((p * 100).rounded()) / 100)
        }
        return (probabilities, outcomes)
    }

    func testMetricSetAgreesWithTheSingleMetrics() throws {
        let split = predictions("test", rows: 500, seed: 1)
        let set = try MetricSet(probabilities: split.probabilities, outcomes: split.outcomes)
        let (p, y) = (split.probabilities, split.outcomes)
        XCTAssertEqual(set.auc, try rocAUC(scores: p, outcomes: y))
        XCTAssertEqual(set.averagePrecision, try averagePrecision(scores: p, outcomes: y))
        XCTAssertEqual(set.logLoss, try logLoss(probabilities: p, outcomes: y))
        XCTAssertEqual(set.brier, try brierScore(probabilities: p, outcomes: y))
        XCTAssertEqual(set.ece, try expectedCalibrationError(probabilities: p, outcomes: y, bins: 10))
        XCTAssertEqual(set.ks, try ksStatistic(scores: p, outcomes: y))
        XCTAssertEqual(set.rows, 500)
        XCTAssertEqual(set.positives, y.reduce(0) { $0 + Int($1) })
        assertClose(set.positiveRate, Double(set.positives) / 500)
    }

    func testMetricSetRejectsSingleClass() {
        assertThrows(EvaluationError.singleClass(positives: 0, negatives: 2)) { () throws(EvaluationError) in
            try MetricSet(probabilities: [0.1, 0.2], outcomes: [0, 0])
        }
    }
}
