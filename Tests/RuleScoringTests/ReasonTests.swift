import RuleScoring
import ScoreCardFormat
import XCTest

final class ReasonTests: XCTestCase {
    func testGainsLargestFirst() throws {
        let lead = try RuleScorer(card: handScorerCard()).score(["visits": "5", "demo": "yes", "level": "vp", "size": "250"])
        XCTAssertEqual(lead.reasons(limit: 2).map(\.description), ["4+ visits +20", "demo requested +15"])
        XCTAssertEqual(lead.reasons(limit: 9).count, 4)
    }

    func testCostsAreMeasuredFromTheBestCondition() throws {
        let lead = try RuleScorer(card: handScorerCard()).score(["visits": "2", "demo": "no", "level": "student"])
        // Shortfalls: student 15 − (−10) = 25, no demo 15, 1–3 visits 20 − 10 = 10, size 5. The visits gave
        // points, so they are a gain (10 of 20) and not listed again among the costs.
        let reasons = lead.reasons(limit: 2)
        XCTAssertEqual(reasons.map(\.description), ["1–3 visits 10 of 20", "Job level: student −10 of 15", "no demo 0 of 15"])
        XCTAssertEqual(reasons.map { $0.text(minus: "-") }, ["1–3 visits 10 of 20", "Job level: student -10 of 15", "no demo 0 of 15"])
        XCTAssertEqual(reasons.map(\.shortfall), [10, 25, 15])
        XCTAssertEqual(reasons.map(\.kind), [.gain, .cost, .cost])
        XCTAssertEqual(reasons.map(\.feature), ["visits", "level", "demo"])
        XCTAssertEqual(lead.contributions.map(\.shortfall), [10, 15, 25, 5])
    }

    func testNoReasonsWhenLimitIsZero() throws {
        XCTAssertEqual(try RuleScorer(card: handScorerCard()).score([:]).reasons(limit: 0), [])
    }
}
