import TestSupport
import XCTest
import Evaluation

/// Log loss, Brier score and the reliability table on hand-computed cases.
final class ProbabilityMetricTests: XCTestCase {
    let p: [Double] = [0.9, 0.2, 0.6]
    let y: [UInt8] = [1, 0, 0]

    func testLogLossByHand() throws {
        // −(ln 0.9 + ln 0.8 + ln 0.4) / 3 = (0.1053605 + 0.2231436 + 0.9162907) / 3.
        assertClose(try logLoss(probabilities: p, outcomes: y), 0.414931599615397)
        // Weights 1, 2, 1: (0.1053605 + 2 · 0.2231436 + 0.9162907) / 4.
        assertClose(try logLoss(probabilities: p, outcomes: y, weights: [1, 2, 1]), 0.3669845875401002)
    }

    func testLogLossClipsCertainMistakes() throws {
        // A confident mistake costs −ln(1e−15), not infinity.
        let wrong = try logLoss(probabilities: [0, 1], outcomes: [1, 0])
        XCTAssert(wrong.isFinite)
        assertClose(wrong, -log(1e-15))
        assertClose(wrong, 34.538776394910684)
        // A confident hit costs nothing.
        let right = try logLoss(probabilities: [0, 1], outcomes: [0, 1])
        XCTAssertEqual(right, 0)
    }

    func testBrierByHand() throws {
        // (0.1² + 0.2² + 0.6²) / 3.
        assertClose(try brierScore(probabilities: p, outcomes: y), 0.41 / 3)
        assertClose(try brierScore(probabilities: p, outcomes: y, weights: [2, 0, 1]), (2 * 0.01 + 0.36) / 3)
    }

    func testProbabilityMetricsRejectScores() {
        assertThrows(EvaluationError.probabilityOutOfRange(index: 1, value: 1.2)) { () throws(EvaluationError) in
            try logLoss(probabilities: [0.5, 1.2], outcomes: [0, 1])
        }
        assertThrows(EvaluationError.probabilityOutOfRange(index: 0, value: -0.1)) { () throws(EvaluationError) in
            try brierScore(probabilities: [-0.1, 0.2], outcomes: [0, 1])
        }
        assertThrows(EvaluationError.probabilityOutOfRange(index: 0, value: 3)) { () throws(EvaluationError) in
            try reliabilityTable(probabilities: [3], outcomes: [1])
        }
    }

    func testReliabilityTableAndECEByHand() throws {
        // Bins of width 0.1: [0, 0.1] holds 0.05 (observed 0), (0.1, 0.2] holds both 0.15 (observed ½),
        // (0.9, 1] holds 0.95 (observed 1). ECE = (1·0.05 + 2·0.35 + 1·0.05) / 4 = 0.2.
        let table = try reliabilityTable(probabilities: [0.05, 0.15, 0.15, 0.95], outcomes: [0, 1, 0, 1])
        XCTAssertEqual(table.bins.count, 3)
        XCTAssertEqual(table.bins.map(\.rows), [1, 2, 1])
        assertClose(table.bins.map(\.meanPredicted), [0.05, 0.15, 0.95])
        assertClose(table.bins.map(\.observedRate), [0, 0.5, 1])
        assertClose(table.bins.map(\.lower), [0, 0.1, 0.9])
        assertClose(table.expectedCalibrationError, 0.2)
        assertClose(try expectedCalibrationError(probabilities: [0.05, 0.15, 0.15, 0.95], outcomes: [0, 1, 0, 1]), 0.2)
    }

    func testBinsAreClosedOnTheRight() throws {
        // 0 is in the first bin, 0.2 in (0.1, 0.2], 1 in the last bin (scikit-learn's searchsorted rule).
        let table = try reliabilityTable(probabilities: [0, 0.2, 1], outcomes: [0, 0, 1], bins: 10)
        assertClose(table.bins.map(\.upper), [0.1, 0.2, 1])
        // One bin: everything pooled, ECE = |mean p − rate| = |0.4 − ⅓|.
        let single = try reliabilityTable(probabilities: [0, 0.2, 1], outcomes: [0, 0, 1], bins: 1)
        XCTAssertEqual(single.bins.count, 1)
        assertClose(single.expectedCalibrationError, 0.4 - 1.0 / 3.0)
    }

    func testEqualCountBins() throws {
        // Quartiles of 0.1…0.4: edges 0.1, 0.25, 0.4, so two rows per bin.
        let table = try reliabilityTable(probabilities: [0.4, 0.1, 0.3, 0.2], outcomes: [1, 0, 1, 1], bins: 2, binning: .equalCount)
        XCTAssertEqual(table.bins.map(\.rows), [2, 2])
        assertClose(table.bins.map(\.upper), [0.25, 0.4])
        assertClose(table.bins.map(\.observedRate), [0.5, 1])
        // Heavy ties merge bins instead of splitting equal predictions.
        let tied = try reliabilityTable(probabilities: [0.5, 0.5, 0.5, 0.5, 0.9], outcomes: [0, 1, 0, 1, 1], bins: 4, binning: .equalCount)
        XCTAssertEqual(tied.bins.map(\.rows), [4, 1])
    }

    func testPerfectCalibrationHasZeroECE() throws {
        let probabilities = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75]
        let outcomes: [UInt8] = [1, 0, 0, 0, 1, 1, 1, 0]
        XCTAssertEqual(try expectedCalibrationError(probabilities: probabilities, outcomes: outcomes), 0)
    }
}
