import Evaluation
import TestSupport
import XCTest

/// `rocCurve` against scikit-learn 1.9's `roc_curve(y, s, sample_weight=w, drop_intermediate=False)` on
/// cases small enough to check by hand.
final class ROCCurveTests: XCTestCase {
    func testScikitLearnDocstringCase() throws {
        let curve = try rocCurve(scores: [0.1, 0.4, 0.35, 0.8], outcomes: [0, 0, 1, 1])
        XCTAssertEqual(curve.map(\.threshold), [.infinity, 0.8, 0.4, 0.35, 0.1])
        XCTAssertEqual(curve.map(\.falsePositiveRate), [0, 0, 0.5, 0.5, 1])
        XCTAssertEqual(curve.map(\.truePositiveRate), [0, 0.5, 0.5, 1, 1])
    }

    func testTiesAreOneDiagonalStep() throws {
        // Score 5 holds two converted and one lost lead: one corner jumps both rates at once.
        let scores: [Double] = [3, 3, 5, 1, 2, 5, 5, 0]
        let outcomes: [UInt8] = [1, 0, 1, 1, 0, 0, 1, 0]
        let curve = try rocCurve(scores: scores, outcomes: outcomes)
        XCTAssertEqual(curve.map(\.threshold), [.infinity, 5, 3, 2, 1, 0])
        XCTAssertEqual(curve.map(\.falsePositiveRate), [0, 0.25, 0.5, 0.75, 0.75, 1])
        XCTAssertEqual(curve.map(\.truePositiveRate), [0, 0.5, 0.75, 0.75, 1, 1])
        assertClose(trapezoidalArea(curve), try rocAUC(scores: scores, outcomes: outcomes))
    }

    func testWeights() throws {
        let curve = try rocCurve(scores: [3, 3, 5, 1, 2, 5, 5, 0], outcomes: [1, 0, 1, 1, 0, 0, 1, 0],
                                 weights: [1, 2, 1, 0.5, 1, 1, 3, 1])
        assertClose(curve.map(\.falsePositiveRate), [0, 0.2, 0.6, 0.8, 0.8, 1])
        assertClose(curve.map(\.truePositiveRate), [0, 8 / 11, 10 / 11, 10 / 11, 1, 1])
    }

    func testOneClassHasNoCurve() {
        XCTAssertThrowsError(try rocCurve(scores: [1, 2], outcomes: [1, 1])) { error in
            XCTAssertEqual(error as? EvaluationError, .singleClass(positives: 2, negatives: 0))
        }
    }

    private func trapezoidalArea(_ curve: [ROCPoint]) -> Double {
        zip(curve, curve.dropFirst()).reduce(0) { area, segment in
            area + (segment.1.falsePositiveRate - segment.0.falsePositiveRate) * (segment.0.truePositiveRate + segment.1.truePositiveRate) / 2
        }
    }
}
