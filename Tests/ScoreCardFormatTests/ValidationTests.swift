import Foundation
import ScoreCardFormat
import XCTest

/// Every way a card can be wrong gets an error that names the place (criterion and field) and says what
/// to do; each test breaks `smallCard` in one place.
final class ValidationTests: XCTestCase {
    func testSmallCardIsValid() throws {
        let card = try ScoreCard(json: Data(smallCard.utf8))
        XCTAssertEqual(card.problems(), [])
    }

    func testSyntaxErrorGivesLineAndColumn() {
        let text = problems(smallCard(replacing: #""basePoints": 5,"#, with: #""basePoints": 5,,"#))
        XCTAssertTrue(text.contains("line 6, column"), text)
        XCTAssertTrue(text.contains("not valid JSON"), text)
    }

    func testNaNAndInfinityAreRejectedWithAHint() {
        let nan = problems(smallCard(replacing: #"{"atMost": 0}"#, with: #"{"atMost": NaN}"#))
        XCTAssertTrue(nan.contains("line 14"), nan)
        XCTAssertTrue(nan.contains("NaN and Infinity are not numbers"), nan)
        let huge = problems(smallCard(replacing: #"{"atMost": 0}"#, with: #"{"atMost": 1e999}"#))
        XCTAssertTrue(huge.contains("line 14"), huge)
        XCTAssertTrue(huge.contains("1e999 is too large"), huge)
    }

    func testNonIntegerPointsNameTheCondition() {
        let text = problems(smallCard(replacing: #""points": 10, "label": "1–3 visits""#, with: #""points": 2.5, "label": "1–3 visits""#))
        XCTAssertTrue(text.contains(#"criteria[0] "visits" conditions[1].points: must be a whole number; found 2.5"#), text)
    }

    func testUnknownVersionAndFormat() {
        let version = problems(smallCard(replacing: #""version": 1"#, with: #""version": 3"#))
        XCTAssertTrue(version.contains("version: card version 3 is not supported; this LeadScore reads versions 1 and 2 (a newer LeadScore wrote it: upgrade)"), version)
        let format = problems(smallCard(replacing: #""format": "leadscore-card""#, with: #""format": "scorecard""#))
        XCTAssertTrue(format.contains(#"format: is "scorecard"; a LeadScore card says "leadscore-card""#), format)
    }

    func testMisspeltFieldIsAnError() {
        let text = problems(smallCard(replacing: #""label": "Job level","#, with: #""label": "Job level", "gruop": "fit","#))
        XCTAssertTrue(text.contains(#"criteria[1] "level" gruop: unknown field "gruop""#), text)
    }

    func testMissingFieldAndWrongType() {
        let missing = problems(smallCard(replacing: #""label": "Visits","#, with: ""))
        XCTAssertTrue(missing.contains(#"criteria[0] "visits": missing required field "label""#), missing)
        let wrongType = problems(smallCard(replacing: #""categories": ["student"]"#, with: #""categories": "student""#))
        XCTAssertTrue(wrongType.contains(#"criteria[1] "level" conditions[1].categories: expected a list"#), wrongType)
        let unknownType = problems(smallCard(replacing: #""type": "boolean""#, with: #""type": "flag""#))
        XCTAssertTrue(unknownType.contains(#"criteria[2] "demo" type: is "flag"; use one of "numeric", "categorical", "boolean""#), unknownType)
    }

    func testConditionNeedsExactlyOneMatch() {
        let none = problems(smallCard(replacing: #"{"otherwise": true, "points": 0, "label": "no demo"}"#, with: #"{"points": 0, "label": "no demo"}"#))
        XCTAssertTrue(none.contains(#"criteria[2] "demo" conditions[1]: a condition needs exactly one of"#), none)
        let two = problems(smallCard(replacing: #"{"otherwise": true, "points": 0, "label": "no demo"}"#, with: #"{"otherwise": true, "missing": true, "points": 0, "label": "no demo"}"#))
        XCTAssertTrue(two.contains(#"found "missing" and "otherwise""#), two)
        let falseMissing = problems(smallCard(replacing: #"{"missing": true, "points": 0"#, with: #"{"missing": false, "points": 0"#))
        XCTAssertTrue(falseMissing.contains(#"write "missing": true, or leave the condition out"#), falseMissing)
    }

    func testOverlappingRanges() {
        let text = problems(smallCard(replacing: #"{"range": {"greaterThan": 0, "atMost": 3}"#, with: #"{"range": {"atLeast": 0, "atMost": 3}"#))
        XCTAssertTrue(text.contains(#"criteria[0] "visits" conditions[1].range: overlaps conditions[0] at 0"#), text)
        let wide = problems(smallCard(replacing: #"{"range": {"greaterThan": 3}"#, with: #"{"range": {"greaterThan": 2}"#))
        XCTAssertTrue(wide.contains(#"criteria[0] "visits" conditions[2].range: overlaps conditions[1] on (2, 3]"#), wide)
    }

    func testGappingRanges() {
        let point = problems(smallCard(replacing: #"{"range": {"greaterThan": 3}"#, with: #"{"range": {"greaterThan": 4}"#))
        XCTAssertTrue(point.contains(#"criteria[0] "visits" conditions[2].range: leaves a gap after conditions[1]: numbers in (3, 4] are not covered"#), point)
        let single = problems(smallCard(replacing: #"{"range": {"greaterThan": 0, "atMost": 3}"#, with: #"{"range": {"greaterThan": 0, "lessThan": 3}"#))
        XCTAssertTrue(single.contains("leaves a gap after conditions[1]: 3 is not covered"), single)
        let bottom = problems(smallCard(replacing: #"{"range": {"atMost": 0}"#, with: #"{"range": {"atLeast": -5, "atMost": 0}"#))
        XCTAssertTrue(bottom.contains(#"criteria[0] "visits" conditions[0].range: numbers below -5 are not covered"#), bottom)
        let top = problems(smallCard(replacing: #"{"range": {"greaterThan": 3}"#, with: #"{"range": {"greaterThan": 3, "lessThan": 100}"#))
        XCTAssertTrue(top.contains("100 and above are not covered"), top)
    }

    func testGapsAreAllowedWhenOtherwiseTakesThem() throws {
        let json = smallCard(replacing: #"{"range": {"greaterThan": 3}"#, with: #"{"otherwise": true, "points": 1, "label": "other"}, {"range": {"greaterThan": 4}"#)
        let card = try ScoreCard(json: Data(json.utf8))
        XCTAssertEqual(card.criteria[0].conditions.count, 5)
    }

    func testEmptyRangeAndBothEndsOnOneSide() {
        let empty = problems(smallCard(replacing: #"{"range": {"greaterThan": 0, "atMost": 3}"#, with: #"{"range": {"greaterThan": 3, "atMost": 0}"#))
        XCTAssertTrue(empty.contains(#"conditions[1].range: (3, 0] contains no number"#), empty)
        let both = problems(smallCard(replacing: #"{"range": {"greaterThan": 3}"#, with: #"{"range": {"greaterThan": 3, "atLeast": 3}"#))
        XCTAssertTrue(both.contains(#"give "greaterThan" or "atLeast", not both"#), both)
    }

    func testNumericCriterionMustCoverMissing() {
        let text = problems(smallCard(replacing: #"{"missing": true, "points": 0, "label": "visits unknown"}"#, with: #"{"range": {"atLeast": 1000}, "points": 1, "label": "x"}"#))
        XCTAssertTrue(text.contains("overlaps conditions[2] on [1000, ∞)"), text)
        let uncovered = problems(smallCard(replacing: #"""
,
        {"missing": true, "points": 0, "label": "visits unknown"}
"""#, with: ""))
        XCTAssertTrue(uncovered.contains(#"criteria[0] "visits".conditions: no condition covers missing values; add conditions for them or an "otherwise" condition"#), uncovered)
    }

    func testOtherwiseThatCanNeverMatch() {
        let text = problems(smallCard(replacing: #"{"missing": true, "points": 0, "label": "visits unknown"}"#, with: #"{"missing": true, "points": 0, "label": "visits unknown"}, {"otherwise": true, "points": 0, "label": "never"}"#))
        XCTAssertTrue(text.contains(#"criteria[0] "visits".conditions: the "otherwise" condition can never match"#), text)
    }

    func testCategoricalNeedsOtherwiseAndDistinctLabels() {
        let noOtherwise = problems(smallCard(replacing: #"{"otherwise": true, "points": 0, "label": "other level"}"#, with: #"{"missing": true, "points": 0, "label": "unknown level"}"#))
        XCTAssertTrue(noOtherwise.contains(#"criteria[1] "level".conditions: a categorical criterion needs an "otherwise" condition"#), noOtherwise)
        let duplicate = problems(smallCard(replacing: #""categories": ["student"]"#, with: #""categories": ["student", "vp"]"#))
        XCTAssertTrue(duplicate.contains(#"criteria[1] "level" conditions[1].categories: "vp" is also in conditions[0]"#), duplicate)
        let token = problems(smallCard(replacing: #""categories": ["student"]"#, with: #""categories": ["NA"]"#))
        XCTAssertTrue(token.contains(#""NA" is a missing value, not a category"#), token)
        let padded = problems(smallCard(replacing: #""categories": ["student"]"#, with: #""categories": ["student "]"#))
        XCTAssertTrue(padded.contains("starts or ends with a space or tab"), padded)
    }

    func testConditionKindMustFitTheType() {
        let text = problems(smallCard(replacing: #"{"is": true, "points": 10, "label": "demo requested"}"#, with: #"{"categories": ["yes"], "points": 10, "label": "demo requested"}"#))
        XCTAssertTrue(text.contains(#"criteria[2] "demo" conditions[0]: a boolean criterion takes "is", "missing" and "otherwise" conditions, not "categories""#), text)
    }

    func testBooleanCoverage() {
        let text = problems(smallCard(replacing: #"{"otherwise": true, "points": 0, "label": "no demo"}"#, with: #"{"is": false, "points": 0, "label": "no demo"}"#))
        XCTAssertTrue(text.contains(#"criteria[2] "demo".conditions: no condition covers missing values"#), text)
        let twice = problems(smallCard(replacing: #"{"otherwise": true, "points": 0, "label": "no demo"}"#, with: #"{"is": true, "points": 0, "label": "again"}"#))
        XCTAssertTrue(twice.contains(#"criteria[2] "demo" conditions[1]: a second "is": true condition (the first is conditions[0])"#), twice)
    }

    func testDecimalSeparator() throws {
        let text = problems(smallCard(replacing: #""basePoints": 5,"#, with: #""decimalSeparator": ";", "basePoints": 5,"#))
        XCTAssertTrue(text.contains(#"decimalSeparator: must be "." or ","; found ";""#), text)
        let comma = try ScoreCard(json: Data(smallCard(replacing: #""basePoints": 5,"#, with: #""decimalSeparator": ",", "basePoints": 5,"#).utf8))
        XCTAssertEqual(comma.decimalSeparator, ",")
        XCTAssertTrue(String(decoding: try comma.jsonData(), as: UTF8.self).contains(#""decimalSeparator": ",""#))
        XCTAssertFalse(String(decoding: try ScoreCard(json: Data(smallCard.utf8)).jsonData(), as: UTF8.self).contains("decimalSeparator"))
    }

    func testDuplicateFeature() {
        let text = problems(smallCard(replacing: #""feature": "demo""#, with: #""feature": "visits""#))
        XCTAssertTrue(text.contains(#"criteria[2] "visits".feature: "visits" is already scored by criteria[0]"#), text)
    }

    func testTierThresholdOutsideTheRange() {
        let above = problems(smallCard(replacing: #""minimumPoints": 35"#, with: #""minimumPoints": 80"#))
        XCTAssertTrue(above.contains(#"tiers[0] "hot".minimumPoints: 80 is outside the score range 0…50"#), above)
        let unreachable = problems(smallCard(replacing: #""maximumPoints": 50"#, with: #""maximumPoints": 80"#)
            .replacingOccurrences(of: #""minimumPoints": 35"#, with: #""minimumPoints": 60"#))
        XCTAssertTrue(unreachable.contains(#"tiers[0] "hot".minimumPoints: 60 is above the highest total a lead can reach (50)"#), unreachable)
        let uncovered = problems(smallCard(replacing: #""minimumPoints": 0, "action": "nurture""#, with: #""minimumPoints": 10, "action": "nurture""#))
        XCTAssertTrue(uncovered.contains(#"tiers[1] "cold".minimumPoints: leads with 0 to 9 points would get no tier"#), uncovered)
        let order = problems(smallCard(replacing: #""minimumPoints": 0, "action": "nurture""#, with: #""minimumPoints": 40, "action": "nurture""#))
        XCTAssertTrue(order.contains(#"tiers[1] "cold".minimumPoints: 40 is not below the tier before it ("hot" at 35)"#), order)
    }

    func testTierNoLeadCanReach() {
        // Totals are multiples of 5, so a tier from 36 to 39 is empty.
        let json = smallCard(replacing: #"{"name": "cold", "minimumPoints": 0, "action": "nurture"}"#,
                             with: #"{"name": "warm", "minimumPoints": 36}, {"name": "cold", "minimumPoints": 0}"#)
            .replacingOccurrences(of: #""minimumPoints": 35"#, with: #""minimumPoints": 40"#)
        XCTAssertTrue(problems(json).contains(#"tiers[1] "warm".minimumPoints: no lead can land in this tier: no reachable total is from 36 to 39"#))
    }

    func testCalibrationMustCoverEveryReachableTotal() {
        let json = smallCard(replacing: #""tiers": ["#, with: #""calibration": {"method": "manual", "table": [{"points": 0, "probability": 0.1}, {"points": 5, "probability": 1.5}]}, "tiers": ["#)
        let text = problems(json)
        XCTAssertTrue(text.contains("calibration.table[1].probability: must be a number from 0 to 1; found 1.5"), text)
        XCTAssertTrue(text.contains("calibration.table: has no probability for 8 reachable totals: 10, 15, 20, 25, 30, 35, 40, 50"), text)
    }

    func testBaselineTotalsFollowTheCalibrationTablesRules() {
        // The same rules as a calibration table (one check serves both): totals within 0…50, ascending, once each.
        let json = smallCard(replacing: #""tiers": ["#, with: #""provenance": {"baseline": {"rows": 10, "totals": [{"points": 5, "share": 0.5}, {"points": 5, "share": 0.25}, {"points": 60, "share": 0.25}], "criteria": []}}, "tiers": ["#)
        let text = problems(json)
        XCTAssertTrue(text.contains("provenance.baseline.totals[1].points: 5 does not follow 5; list totals once each, ascending"), text)
        XCTAssertTrue(text.contains("provenance.baseline.totals[2].points: 60 is outside the score range 0…50"), text)
    }

    func testLogisticFormCoversWhatTheTableLeavesOut() throws {
        let json = smallCard(replacing: #""tiers": ["#, with: #""calibration": {"method": "platt", "logistic": {"intercept": -3, "slope": 0.1}}, "tiers": ["#)
        let card = try ScoreCard(json: Data(json.utf8))
        XCTAssertEqual(card.calibration?.probability(forTotal: 30) ?? 0, 0.5, accuracy: 1e-12)
    }

    func testGroupsMustBeDeclaredAndUsed() {
        let undeclared = problems(smallCard(replacing: #""label": "Visits","#, with: #""label": "Visits", "group": "engagement","#))
        XCTAssertTrue(undeclared.contains(#"criteria[0] "visits".group: "engagement" is not in "groups" (none are declared)"#), undeclared)
        let unused = problems(smallCard(replacing: #""criteria": ["#, with: #""groups": [{"name": "fit"}], "criteria": ["#))
        XCTAssertTrue(unused.contains(#"groups[0] "fit": no criterion belongs to it"#), unused)
    }

    func testEveryProblemIsReportedAtOnce() {
        let json = smallCard(replacing: #""label": "Visits","#, with: #""label": "","#)
            .replacingOccurrences(of: #""categories": ["student"]"#, with: #""categories": ["vp"]"#)
        let text = problems(json)
        XCTAssertTrue(text.contains("2 problems in the card"), text)
        XCTAssertTrue(text.contains(#"criteria[0] "visits".label: must not be empty"#), text)
        XCTAssertTrue(text.contains(#""vp" is also in conditions[0]"#), text)
    }

    func testNonFiniteNumbersInRecordsAreRejected() throws {
        var card = try ScoreCard(json: Data(smallCard.utf8))
        card.metrics = CardMetrics(auc: .nan, logLoss: .infinity)
        card.provenance = Provenance(data: DataFingerprint(sha256: "abc", positiveRate: 1.2), trainer: TrainerRecord(name: "x", settings: ["l2": .number(.nan)]))
        card.tiers[0].history = TierHistory(leads: 10, conversions: 12, conversionRate: 0.5, conversionInterval: RateInterval(lower: 0.6, upper: 0.7, confidence: 0.95))
        let text = card.problems().map(\.description).joined(separator: "\n")
        for expected in ["metrics.auc: must be a number from 0 to 1; found nan", "metrics.logLoss: must be a finite number, 0 or more; found inf",
                         "provenance.data.sha256: must be 64 hexadecimal digits", "provenance.data.positiveRate: must be a number from 0 to 1",
                         "provenance.trainer.settings.l2: must be a finite number; found nan",
                         #"tiers[0] "hot".history.conversions: 12 is more than the tier's 10 leads"#,
                         #"tiers[0] "hot".history.conversionInterval: [0.6, 0.7] does not contain the conversion rate 0.5"#] {
            XCTAssertTrue(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        XCTAssertThrowsError(try card.jsonData())
    }

    func testLoadNamesTheFile() {
        XCTAssertThrowsError(try ScoreCard.load(path: "/nonexistent/card.json")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/card.json: cannot read the file; check the path")
        }
    }
}
