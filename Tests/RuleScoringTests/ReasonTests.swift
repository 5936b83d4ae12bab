import RuleScoring
import ScoreCardFormat
import XCTest

final class ReasonTests: XCTestCase {
    func testGainsLargestFirst() throws {
        let lead = try RuleScorer(card: handScorerCard()).score(["visits": "5", "demo": "yes", "level": "vp", "size": "250"])
        XCTAssertEqual(lead.reasons(limit: 2).map(\.description), ["+20 4+ visits", "+15 demo requested"])
        XCTAssertEqual(lead.reasons(limit: 9).count, 4)
    }

    func testCostsAreMeasuredFromTheBestCondition() throws {
        let lead = try RuleScorer(card: handScorerCard()).score(["visits": "2", "demo": "no", "level": "student"])
        // Shortfalls: student 15 − (−10) = 25, no demo 15, 1–3 visits 20 − 10 = 10, size 5.
        let reasons = lead.reasons(limit: 2)
        XCTAssertEqual(reasons.map(\.description), ["+10 1–3 visits", "−25 Job level: student", "−15 no demo"])
        XCTAssertEqual(reasons.map(\.kind), [.gain, .cost, .cost])
        XCTAssertEqual(reasons.map(\.feature), ["visits", "level", "demo"])
        XCTAssertEqual(lead.contributions.map(\.shortfall), [10, 15, 25, 5])
    }

    func testNoReasonsWhenLimitIsZero() throws {
        XCTAssertEqual(try RuleScorer(card: handScorerCard()).score([:]).reasons(limit: 0), [])
    }
}
