import RuleScoring
import ScoreCardFormat
import XCTest

/// Totals, subtotals, tiers and probabilities checked against sums done by hand on `handCard`.
final class HandComputedTests: XCTestCase {
    func testReachableTotals() throws {
        XCTAssertEqual(try handScorerCard().reachableTotals(), Array(stride(from: 0, through: 45, by: 5)))
    }

    func testEngagementCapTopLead() throws {
        let scorer = try RuleScorer(card: handScorerCard())
        // engagement 20 + 15 = 35 → capped 20; fit 15; size 5; base 5 → 45.
        let lead = scorer.score(["visits": "5", "demo": "yes", "level": "vp", "size": "250"])
        XCTAssertEqual(lead.points, 45)
        XCTAssertEqual(lead.display, "45/50")
        XCTAssertEqual(lead.subtotals, [GroupSubtotal(group: "engagement", points: 20, uncapped: 35),
                                        GroupSubtotal(group: "fit", points: 15, uncapped: 15)])
        XCTAssertEqual(lead.tier?.name, "hot")
        XCTAssertEqual(lead.probability, 0.45)
        XCTAssertEqual(lead.contributions.map(\.points), [20, 15, 15, 5])
    }

    func testFloorOnFitAndPaddedValues() throws {
        let scorer = try RuleScorer(card: handScorerCard())
        // visits " 2 " → 10; "No" → 0; student −10 → floored −5; size "NA" missing → otherwise 0; 5 + 10 − 5 = 10.
        let lead = scorer.score(["visits": " 2 ", "demo": "No", "level": "student", "size": "NA"])
        XCTAssertEqual(lead.points, 10)
        XCTAssertEqual(lead.subtotals.map(\.points), [10, -5])
        XCTAssertEqual(lead.subtotals.map(\.uncapped), [10, -10])
        XCTAssertEqual(lead.tier?.name, "cold")
        XCTAssertEqual(lead.probability, 0.1)
    }

    func testAbsentFieldsScoreAsMissing() throws {
        let lead = try RuleScorer(card: handScorerCard()).score([:])
        XCTAssertEqual(lead.points, 5)
        XCTAssertEqual(lead.contributions.map(\.label), ["visits unknown", "no demo", "other level", "small or unknown company"])
    }

    func testBoundariesAndNumberSpellings() throws {
        let scorer = try RuleScorer(card: handScorerCard())
        // visits 3 is "at most 3" → 10; "1.0" is true → 15; engagement 25 → 20; unseen "manager" → 0; "1e2" = 100 → 5.
        let lead = scorer.score(["visits": "3", "demo": "1.0", "level": "manager", "size": "1e2"])
        XCTAssertEqual(lead.points, 30)
        XCTAssertEqual(lead.tier?.name, "hot")
        XCTAssertEqual(scorer.score(["visits": "3.000001"]).contributions[0].label, "4+ visits")
        XCTAssertEqual(scorer.score(["visits": "0"]).contributions[0].label, "no visit")
        XCTAssertEqual(scorer.score(["visits": "-0.5"]).contributions[0].label, "no visit")
        XCTAssertEqual(scorer.score(["visits": "\t.5"]).contributions[0].label, "1–3 visits")
        XCTAssertEqual(scorer.score(["size": "99.999"]).contributions[3].points, 0)
    }

    func testUnreadableValuesCountAsMissing() throws {
        let scorer = try RuleScorer(card: handScorerCard())
        // "abc" is no number → missing 0; "maybe" is no boolean → missing → otherwise 0; "VP" ≠ "vp" → otherwise 0.
        let lead = scorer.score(["visits": "abc", "demo": "maybe", "level": "VP", "size": "0x100"])
        XCTAssertEqual(lead.points, 5)
        XCTAssertEqual(lead.contributions.map(\.label), ["visits unknown", "no demo", "other level", "small or unknown company"])
        for spelling in ["inf", "NaN", "1,5", "3 visits", "1e", "."] {
            XCTAssertEqual(scorer.score(["visits": spelling]).contributions[0].label, "visits unknown", spelling)
        }
    }

    func testBooleanSpellings() throws {
        let scorer = try RuleScorer(card: handScorerCard())
        for yes in ["yes", "YES", "y", "True", "1", "1.0", " true "] {
            XCTAssertEqual(scorer.score(["demo": yes]).contributions[1].points, 15, yes)
        }
        for other in ["no", "N", "false", "0", "0.0", "2", "", "NA", "ja"] {
            XCTAssertEqual(scorer.score(["demo": other]).contributions[1].points, 0, other)
        }
    }

    func testADecimalCommaCard() throws {
        var card = try handScorerCard()
        card.decimalSeparator = ","
        let scorer = try RuleScorer(card: card)
        XCTAssertEqual(scorer.score(["visits": "2,5"]).contributions[0].label, "1–3 visits")
        XCTAssertEqual(scorer.score(["visits": "3,5"]).contributions[0].label, "4+ visits")
        XCTAssertEqual(scorer.score(["visits": "2.5"]).contributions[0].label, "visits unknown")
        XCTAssertEqual(scorer.score(["demo": "1,0"]).contributions[1].points, 15)
    }

    func testFastPathsAgreeWithTheFullResult() throws {
        let scorer = try RuleScorer(card: handScorerCard())
        let rows = scorer.rowScorer(header: ["size", "level", "visits", "unrelated", "demo"])
        let row = ["250", "vp", "5", "x", "yes"]
        XCTAssertEqual(rows.total(row), 45)
        XCTAssertEqual(rows.score(row).points, 45)
        XCTAssertEqual(rows.absentCriteria, [])
    }

    func testTierAndProbabilityLookups() throws {
        let scorer = try RuleScorer(card: handScorerCard())
        XCTAssertEqual(scorer.tier(forTotal: 29)?.name, "warm")
        XCTAssertEqual(scorer.tier(forTotal: 30)?.name, "hot")
        XCTAssertEqual(scorer.tier(forTotal: -7)?.name, "cold")
        XCTAssertEqual(scorer.probability(forTotal: 25), 0.25)
        XCTAssertNil(scorer.probability(forTotal: 26))
    }

    func testInvalidCardIsRefused() throws {
        var card = try handScorerCard()
        card.tiers[0].minimumPoints = 60
        XCTAssertThrowsError(try RuleScorer(card: card)) { error in
            XCTAssertTrue("\(error)".contains(#"tiers[0] "hot".minimumPoints: 60 is outside the score range 0…50"#), "\(error)")
        }
    }
}
