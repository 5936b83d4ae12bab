import Foundation
import ScoreCardFormat
import XCTest

/// Event criteria (card version 2): their arithmetic by hand, their JSON, their rules, and that version-1
/// cards still load and are still written as version 1.
final class EventCriterionTests: XCTestCase {
    /// `smallCard` with two event criteria, version 2.
    static let eventCard = smallCard(replacing: #""version": 1"#, with: #""version": 2"#)
        .replacingOccurrences(of: #""criteria": ["#, with: #"""
            "groups": [{"name": "engagement", "maximumPoints": 30}],
            "eventCriteria": [
              {"event": "webinar", "label": "webinar", "group": "engagement", "pointsPerEvent": 14, "halfLifeDays": 30, "maximumPoints": 28},
              {"event": "unsubscribe", "label": "unsubscribed", "pointsPerEvent": -10, "maximumPoints": 10}
            ],
            "events": {"leadId": "id", "type": "kind", "time": "at"},
            "criteria": [
            """#)
            .replacingOccurrences(of: #""label": "Demo requested","#, with: #""label": "Demo requested", "group": "engagement","#)

    func testPointsByHand() {
        let webinar = EventCriterion(event: "webinar", label: "webinar", pointsPerEvent: 14, halfLifeDays: 30, maximumPoints: 28)
        // One webinar 30 days ago weighs exactly 1/2: 7 points; 12 days ago 2^(−0.4) = 0.757858: 10.61 → 11.
        XCTAssertEqual(webinar.weight(ageDays: 30), 0.5, accuracy: 1e-15)
        XCTAssertEqual(webinar.points(decayedCount: 0.5), 7)
        XCTAssertEqual(webinar.points(decayedCount: webinar.weight(ageDays: 12)), 11)
        // Three fresh ones: 42, capped at 28. Half a point rounds away from zero: 14 × 0.25 = 3.5 → 4.
        XCTAssertEqual(webinar.points(decayedCount: 3), 28)
        XCTAssertEqual(webinar.points(decayedCount: 0.25), 4)
        XCTAssertEqual(webinar.points(decayedCount: 0), 0)
        let unsubscribe = EventCriterion(event: "unsubscribe", label: "unsubscribed", pointsPerEvent: -10, halfLifeDays: nil, maximumPoints: 15)
        XCTAssertEqual(unsubscribe.weight(ageDays: 400), 1)
        XCTAssertEqual(unsubscribe.points(decayedCount: 1), -10)
        XCTAssertEqual(unsubscribe.points(decayedCount: 2), -15)
        XCTAssertEqual(unsubscribe.points(decayedCount: 0.25), -3) // −2.5 → −3, away from zero
        XCTAssertEqual(unsubscribe.reachablePoints, [-15, -10, 0])
        XCTAssertEqual(webinar.reachablePoints, Array(0...28))
    }

    func testVersionTwoRoundTripsAndTotalsIncludeEvents() throws {
        let card = try ScoreCard(json: Data(Self.eventCard.utf8))
        XCTAssertEqual(card.version, 2)
        XCTAssertEqual(card.eventCriteria.map(\.event), ["webinar", "unsubscribe"])
        XCTAssertEqual(card.events, EventSource(leadId: "id", type: "kind", time: "at"))
        let again = try ScoreCard(json: card.jsonData())
        XCTAssertEqual(again, card)
        XCTAssertTrue(String(decoding: try card.jsonData(), as: UTF8.self).contains(#""version": 2"#))
        // visits 4+ (20), level vp (15), demo (10, engagement) + webinar 28 → engagement 38 capped at 30;
        // unsubscribed −10 ungrouped: 5 + 20 + 15 + 30 − 10 = 60 → the range's top, 50.
        XCTAssertEqual(card.groupSubtotals(criterionPoints: [20, 15, 10], eventPoints: [28, -10]), [30])
        XCTAssertEqual(card.total(criterionPoints: [20, 15, 10], eventPoints: [28, -10]), 50)
        XCTAssertEqual(card.total(criterionPoints: [0, -5, 0], eventPoints: [3, -10]), 0)
        XCTAssertEqual(card.total(criterionPoints: [10, 0, 0], eventPoints: [7, 0]), 22)
        // Every total from 0 to 50 is reachable once a decaying event criterion can give 0…28.
        XCTAssertEqual(card.reachableTotals(), Array(0...50))
    }

    func testVersionOneCardsStillLoadAndAreWrittenAsVersionOne() throws {
        let card = try ScoreCard(json: Data(smallCard.utf8))
        XCTAssertEqual(card.version, 1)
        XCTAssertEqual(card.eventCriteria, [])
        XCTAssertTrue(String(decoding: try card.jsonData(), as: UTF8.self).contains(#""version": 1"#))
        for path in try exampleCardPaths() { XCTAssertNoThrow(try ScoreCard.load(path: path), path) }
        // A card built in Swift without events is version 1; with them it is written as version 2.
        var built = ScoreCard(name: "built", criteria: card.criteria)
        XCTAssertEqual(built.version, 1)
        built.eventCriteria = [EventCriterion(event: "demo", label: "demo", pointsPerEvent: 5, halfLifeDays: 10, maximumPoints: 5)]
        XCTAssertTrue(String(decoding: try built.jsonData(), as: UTF8.self).contains(#""version": 2"#))
    }

    func testVersionOneWithEventCriteriaIsRefused() {
        let text = problems(Self.eventCard.replacingOccurrences(of: #""version": 2"#, with: #""version": 1"#))
        XCTAssertTrue(text.contains("\"eventCriteria\" and \"events\" need card version 2"), text)
    }

    func testBrokenEventCriteriaNameTheProblem() {
        func broken(_ original: String, _ replacement: String) -> String {
            problems(Self.eventCard.replacingOccurrences(of: original, with: replacement))
        }
        XCTAssertTrue(broken(#""pointsPerEvent": 14"#, #""pointsPerEvent": 0"#)
            .contains(#"eventCriteria[0] "webinar".pointsPerEvent: must be a whole number"#))
        XCTAssertTrue(broken(#""halfLifeDays": 30"#, #""halfLifeDays": -2"#)
            .contains(#"eventCriteria[0] "webinar".halfLifeDays: must be a number of days above 0"#))
        XCTAssertTrue(broken(#""event": "unsubscribe""#, #""event": "webinar""#)
            .contains("is already scored by eventCriteria[0]"))
        XCTAssertTrue(broken(#""group": "engagement", "pointsPerEvent""#, #""group": "fit", "pointsPerEvent""#)
            .contains(#"eventCriteria[0] "webinar".group: "fit" is not in "groups""#))
        XCTAssertTrue(broken(#""event": "webinar""#, #""event": "web\u0000inar""#).contains("control character"))
        XCTAssertTrue(broken(#""event": "webinar""#, #""event": " webinar""#).contains("starts or ends with a space or tab"))
        XCTAssertTrue(broken(#", "maximumPoints": 10}"#, #"}"#).contains("maximumPoints"))
    }
}
