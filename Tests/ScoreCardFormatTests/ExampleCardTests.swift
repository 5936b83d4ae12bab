import Foundation
import ScoreCardFormat
import XCTest

final class ExampleCardTests: XCTestCase {
    func testShippedExamplesLoadAndValidate() throws {
        let paths = try exampleCardPaths()
        XCTAssertGreaterThanOrEqual(paths.count, 2)
        for path in paths {
            XCTAssertNoThrow(try ScoreCard.load(path: path), path)
        }
    }

    func testTheFormatPageExampleScoresAsThePageSays() throws {
        let card = try ScoreCard(json: Data(formatPageExample().utf8))
        // webinar 20 + pricing page 15 + active last week 5 + VP 10 = 50; student, no activity: −20 → 0.
        XCTAssertEqual(card.total(criterionPoints: [20, 15, 5, 10]), 50)
        XCTAssertEqual(card.total(criterionPoints: [0, 0, -10, -10]), 0)
        XCTAssertEqual(card.reachableTotals().last, 50)
    }

    func testEncodingRoundTripsEveryExample() throws {
        for path in try exampleCardPaths() {
            let card = try ScoreCard.load(path: path)
            let again = try ScoreCard(json: card.jsonData())
            XCTAssertEqual(again, card, path)
        }
    }

    func testEncodingIsStableAndInDocumentedOrder() throws {
        var card = try ScoreCard(json: Data(smallCard.utf8))
        card.provenance = Provenance(trainer: TrainerRecord(name: "logistic", settings: ["l2": 1.0, "bins": 10, "criterion": "auc", "merge": true]))
        let first = String(decoding: try card.jsonData(), as: UTF8.self)
        XCTAssertEqual(first, String(decoding: try card.jsonData(), as: UTF8.self))
        let order = ["\"format\"", "\"version\"", "\"name\"", "\"missingValues\"", "\"basePoints\"", "\"maximumPoints\"", "\"criteria\"", "\"tiers\"", "\"provenance\""]
        let positions = order.map { first.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), first)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        XCTAssertTrue(first.contains("\"bins\": 10"), first)
        XCTAssertTrue(first.contains("\"merge\": true"), first)
    }

    func testDefaultsForAShortHandWrittenCard() throws {
        let card = try ScoreCard(json: Data("""
            {"format": "leadscore-card", "version": 1, "name": "webinar",
             "criteria": [{"feature": "webinar", "label": "Webinar", "type": "boolean",
                           "conditions": [{"is": true, "points": 20, "label": "attended a webinar"},
                                          {"otherwise": true, "points": 0, "label": "no webinar"}]}]}
            """.utf8))
        XCTAssertEqual(card.maximumPoints, 100)
        XCTAssertEqual(card.basePoints, 0)
        XCTAssertEqual(card.missingValues, [""])
        XCTAssertEqual(card.reachableTotals(), [0, 20])
    }

    func testTrainedIntervalConstructorMatchesModelCoreConvention() {
        let range = NumericRange(greaterThan: 2, atMost: 5)
        XCTAssertFalse(range.contains(2))
        XCTAssertTrue(range.contains(2.000001))
        XCTAssertTrue(range.contains(5))
        XCTAssertFalse(range.contains(5.000001))
        let open = NumericRange(greaterThan: -.infinity, atMost: .infinity)
        XCTAssertNil(open.lower)
        XCTAssertNil(open.upper)
        XCTAssertEqual(NumericRange(greaterThan: 0, atMost: nil).description, "(0, ∞)")
        XCTAssertEqual(NumericRange(atLeast: 3, lessThan: 10).description, "[3, 10)")
    }
}
