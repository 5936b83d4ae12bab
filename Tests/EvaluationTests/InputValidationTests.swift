import TestSupport
import XCTest
import Evaluation

/// Bad input gives a named error, never NaN.
final class InputValidationTests: XCTestCase {
    func testEmptyInput() {
        assertThrows(EvaluationError.emptyInput) { () throws(EvaluationError) in try rocAUC(scores: [], outcomes: []) }
        assertThrows(EvaluationError.emptyInput) { () throws(EvaluationError) in try logLoss(probabilities: [], outcomes: []) }
    }

    func testLengthMismatch() {
        assertThrows(EvaluationError.lengthMismatch(name: "outcomes", expected: 2, actual: 1)) { () throws(EvaluationError) in
            try brierScore(probabilities: [0.1, 0.2], outcomes: [1])
        }
        assertThrows(EvaluationError.lengthMismatch(name: "weights", expected: 2, actual: 3)) { () throws(EvaluationError) in
            try rocAUC(scores: [0.1, 0.2], outcomes: [1, 0], weights: [1, 1, 1])
        }
    }

    func testBadValues() {
        assertThrows(EvaluationError.invalidOutcome(index: 1, value: 2)) { () throws(EvaluationError) in
            try rocAUC(scores: [0.1, 0.2], outcomes: [1, 2])
        }
        assertThrows(EvaluationError.nonFiniteScore(index: 0)) { () throws(EvaluationError) in
            try ksStatistic(scores: [.nan, 0.2], outcomes: [1, 0])
        }
        assertThrows(EvaluationError.invalidWeight(index: 1, value: -1)) { () throws(EvaluationError) in
            try averagePrecision(scores: [0.1, 0.2], outcomes: [1, 0], weights: [1, -1])
        }
        assertThrows(EvaluationError.zeroTotalWeight) { () throws(EvaluationError) in
            try logLoss(probabilities: [0.1, 0.2], outcomes: [1, 0], weights: [0, 0])
        }
    }

    func testMessagesNameTheProblem() {
        XCTAssert(EvaluationError.singleClass(positives: 0, negatives: 7).description.contains("only one outcome class"))
        XCTAssert(EvaluationError.lengthMismatch(name: "weights", expected: 3, actual: 2).description.contains("weights has 2 values"))
        XCTAssert(EvaluationError.inSplit("test", .noConversions).description.hasPrefix("split 'test': "))
    }
}
