import Foundation
import LeadData
import Evaluation
import PointExport
import ProbabilityCalibration
import RuleScoring
import ScoreCardFormat
import XCTest
@testable import CardOperations

final class RecalibrationTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The hand-written seed-practice card's points, with its in-sample Platt table from the stable
    /// synthetic leads, on late drifting leads whose base rate has roughly doubled.
    func lateLeads() -> (card: ScoreCard, leads: Dataset) {
        let card = try! ScoreCard.load(path: Self.repository.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
        let (data, _) = DriftingLeads(rows: 24_000, seed: 11).generate()
        return (card, data.selecting(Array(18_000..<24_000)))
    }

    func criteriaJSON(_ card: ScoreCard) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(card.criteria)
    }

    func testKeepsEveryCriterionAndImprovesHeldOutCalibration() throws {
        let (card, leads) = lateLeads()
        let result = try Recalibration.recalibrate(
            try CardLeads(card: card, leads: leads), source: DataFingerprint(file: "late.csv", sha256: String(repeating: "a", count: 64), rows: leads.rowCount),
            options: RecalibrationOptions(holdoutFraction: 0.5), created: "2026-12-02T00:00:00Z")
        XCTAssertEqual(try criteriaJSON(result.card), try criteriaJSON(card), "recalibration must not touch a criterion")
        XCTAssertEqual(result.card.basePoints, card.basePoints)
        XCTAssertEqual(result.card.tiers.map(\.minimumPoints), card.tiers.map(\.minimumPoints))
        XCTAssertEqual(result.method, .platt, "the card's own method")
        XCTAssertFalse(result.inSample)
        XCTAssertEqual(result.fittedRows, 3_000)
        XCTAssertEqual(result.measuredRows, 3_000)
        XCTAssertGreaterThan(result.eceBefore, 0.1, "the old table predates the rise in conversions")
        XCTAssertLessThan(result.eceAfter, result.eceBefore / 2)
        // The table is training's Platt fit on the first half's totals, computed here independently.
        let scored = try CardLeads(card: card, leads: leads)
        let platt = try PlattCalibrator.fit(scores: scored.totals.prefix(3_000).map(Double.init), outcomes: Array(scored.labels!.prefix(3_000)))
        XCTAssertEqual(result.card.calibration?.logistic?.slope ?? 0, platt.slope, accuracy: 1e-12)
        XCTAssertEqual(result.card.calibration?.logistic?.intercept ?? 0, platt.intercept, accuracy: 1e-12)
        for entry in result.card.calibration?.table ?? [] {
            XCTAssertEqual(entry.probability, platt.probability(for: Double(entry.points)), accuracy: 1e-12)
        }
        // Measured on the second half: the old and new probabilities' ECE, recomputed here.
        let second = scored.selecting(Array(3_000..<6_000))
        let new = try RuleScorer(card: result.card)
        XCTAssertEqual(result.eceAfter, try expectedCalibrationError(probabilities: second.totals.map { new.probability(forTotal: $0)! },
                                                                     outcomes: second.labels!), accuracy: 1e-12)
        XCTAssertEqual(result.eceBefore, try expectedCalibrationError(probabilities: second.probabilities, outcomes: second.labels!), accuracy: 1e-12)
        // Every reachable total has a probability, and the record is in the provenance.
        XCTAssertEqual(result.card.calibration?.table.map(\.points), card.reachableTotals())
        let record = try XCTUnwrap(result.card.provenance?.recalibrations?.last)
        XCTAssertEqual(record.data.file, "late.csv")
        XCTAssertEqual(record.fittedRows, 3_000)
        XCTAssertEqual(record.eceAfter, result.eceAfter)
        // The card survives a JSON round trip with the record.
        XCTAssertEqual(try ScoreCard(json: try result.card.jsonData()), result.card)
    }

    /// Refitting capacity tiers puts about the asked share of the fitted leads in each tier.
    func testCapacityTiersRefitOnTheRecentLeads() throws {
        let (card, leads) = lateLeads()
        let scored = try CardLeads(card: card, leads: leads)
        let rule = TierRule.capacity([TierSpec(name: "x", value: 0.2), TierSpec(name: "y", value: 0.3)])
        let result = try Recalibration.recalibrate(scored, source: DataFingerprint(), options: RecalibrationOptions(tiers: rule), created: "now")
        XCTAssertTrue(result.inSample)
        XCTAssertEqual(card.tiers.count, 3)
        for (tier, cumulative) in [(0, 0.2), (1, 0.5)] {
            let threshold = result.card.tiers[tier].minimumPoints
            let share = Double(scored.totals.filter { $0 >= threshold }.count) / Double(scored.rows)
            let above = Double(scored.totals.filter { $0 > threshold }.count) / Double(scored.rows)
            XCTAssertGreaterThanOrEqual(share, cumulative, "the threshold is the total of the lead at the \(cumulative) mark")
            XCTAssertLessThan(above, cumulative)
        }
        let threshold = result.card.tiers[0].minimumPoints
        XCTAssertEqual(result.card.tiers.map(\.name), card.tiers.map(\.name), "names and actions are the card's")
        XCTAssertEqual(result.card.tiers[0].history?.leads, scored.totals.filter { $0 >= threshold }.count)
    }

    func testTooFewOutcomesIsRefusedWithTheRule() throws {
        let (card, leads) = lateLeads()
        let few = leads.selecting(Array(0..<60))
        XCTAssertThrowsError(try Recalibration.recalibrate(try CardLeads(card: card, leads: few), source: DataFingerprint(), created: "now")) { error in
            guard case CardOperationError.tooFewOutcomes(_, _, let rule) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(rule.contains("at least 30"), rule)
        }
        let noOutcome = Dataset(source: "x", columns: leads.columns, labels: nil, outcome: nil, rowCount: leads.rowCount)
        XCTAssertThrowsError(try Recalibration.recalibrate(try CardLeads(card: card, leads: noOutcome), source: DataFingerprint(), created: "now")) { error in
            XCTAssertEqual(error as? CardOperationError, .noOutcome(operation: "recalibrate"))
        }
    }

    func testTierCountMustMatchTheCard() throws {
        let (card, leads) = lateLeads()
        let rule = TierRule.capacity([TierSpec(name: "a", value: 0.1), TierSpec(name: "b", value: 0.2), TierSpec(name: "c", value: 0.2)])
        XCTAssertThrowsError(try Recalibration.recalibrate(try CardLeads(card: card, leads: leads), source: DataFingerprint(),
                                                           options: RecalibrationOptions(tiers: rule), created: "now")) { error in
            guard case CardOperationError.invalidTiers = error else { return XCTFail("\(error)") }
        }
    }
}

final class CardDiffTests: XCTestCase {
    /// Old: demo 10, hot at 10. New: demo 6, a new "partner" source condition worth 4, hot at 6.
    /// Leads: (demo, web) 10 → 6 stays hot; (no demo, partner) 0 → 4 stays cold; (demo, partner) 10 → 10 hot;
    /// (no demo, web) 0 → 0 cold. With hot at 4 instead, the partner lead moves cold → hot.
    func testConditionsTiersAndTransitions() throws {
        let old = TinyCard.card
        var new = old
        new.name = "tiny v2"
        new.criteria[0].conditions[0].points = 6
        new.criteria[1].conditions.insert(Condition(.categories(["partner"]), points: 4, label: "partner"), at: 1)
        new.tiers[0].minimumPoints = 4
        new.calibration = Calibration(method: "platt", table: [0, 4, 6, 10].map { CalibrationEntry(points: $0, probability: 0.1 + Double($0) / 25) })
        try new.validate()
        let leads = TinyCard.leads(demo: [true, false, true, false], source: ["web", "partner", "partner", "web"])
        let diff = CardDiff(old: old, new: new, oldLeads: try CardLeads(card: old, leads: leads), newLeads: try CardLeads(card: new, leads: leads))
        XCTAssertEqual(diff.criteria.map(\.status), [.changed, .changed])
        let demo = diff.criteria[0].conditions
        XCTAssertEqual(demo.map(\.status), [.changed, .unchanged])
        XCTAssertEqual(demo[0].oldPoints, 10)
        XCTAssertEqual(demo[0].newPoints, 6)
        XCTAssertEqual(diff.criteria[1].conditions.map(\.status), [.unchanged, .unchanged, .added])
        XCTAssertEqual(diff.criteria[1].conditions.last?.values, "partner")
        XCTAssertEqual(diff.tiers.map(\.status), [.changed, .unchanged])
        let transitions = try XCTUnwrap(diff.transitions)
        XCTAssertEqual(transitions.counts, [[2, 0], [1, 1]])
        XCTAssertEqual(transitions.changedTier, 1)
        XCTAssertEqual(transitions.changedTotal, 2)
        XCTAssertTrue(diff.header.contains { $0.contains("manual → platt") })
        XCTAssertTrue(diff.text().contains("-4 points"))
        XCTAssertTrue(CardDiff(old: old, new: old).isEmpty)
    }
}

final class BaselineFormatTests: XCTestCase {
    func testBaselineRoundTripsAndOldCardsStillLoad() throws {
        let training = TinyCard.leads(demo: [true, false, false], source: ["web", "partner", "web"])
        let card = try TinyCard.card.withBaseline(from: training)
        let json = try card.jsonData()
        XCTAssertEqual(try ScoreCard(json: json), card)
        XCTAssertTrue(String(decoding: json, as: UTF8.self).contains("\"baseline\""))
        XCTAssertNil(try ScoreCard(json: try TinyCard.card.jsonData()).provenance?.baseline)
    }

    func testBaselineThatDoesNotMatchTheCardIsRefused() throws {
        var card = try TinyCard.card.withBaseline(from: TinyCard.leads(demo: [true], source: ["web"]))
        card.provenance?.baseline?.criteria[0].shares = [0.5, 0.25, 0.25]
        card.provenance?.baseline?.totals[0].share = 1.5
        let problems = card.problems().map(\.description).joined(separator: "\n")
        XCTAssertTrue(problems.contains("provenance.baseline.criteria[0].shares"), problems)
        XCTAssertTrue(problems.contains("provenance.baseline.totals[0].share"), problems)
    }
}
