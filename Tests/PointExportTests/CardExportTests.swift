import XCTest
import LeadData
import ModelCore
import ScoreCardFormat
@testable import PointExport

final class CardExportTests: XCTestCase {
    private func splitSynthetic(rows: Int, seed: UInt64) throws -> (train: Dataset, validation: Dataset, test: Dataset) {
        let (data, _) = SyntheticLeads(rows: rows, seed: seed).generate()
        let split = try data.split(.stratified(seed: seed))
        return (data.selecting(split.train), data.selecting(split.validation), data.selecting(split.test))
    }

    func testCardFromTheTrueModelIsValidCalibratedAndTiered() throws {
        let (train, validation, test) = try splitSynthetic(rows: 30000, seed: 21)
        let (card, points) = try CardExport().card(from: PointRounderTests.truthModel(), name: "synthetic", train: train, heldOut: .validation(validation))
        XCTAssertEqual(card.maximumPoints, 100)
        // A probability for every reachable total, increasing with points, never NaN.
        let table = try XCTUnwrap(card.calibration?.table)
        XCTAssertEqual(table.map(\.points), points.reachableTotals)
        XCTAssertTrue(table.allSatisfy { $0.probability.isFinite && (0...1).contains($0.probability) })
        XCTAssertTrue(zip(table, table.dropFirst()).allSatisfy { $0.probability <= $1.probability })
        // Standard tiers: hot ≈ top 20 % and warm ≈ next 30 % of the held-out leads, cold the rest.
        XCTAssertEqual(card.tiers.map(\.name), ["hot", "warm", "cold"])
        XCTAssertEqual(card.tiers.last?.minimumPoints, points.minimumTotal)
        let shares = card.tiers.compactMap { $0.history?.shareOfLeads }
        XCTAssertEqual(shares[0], 0.2, accuracy: 0.05)
        XCTAssertEqual(shares[1], 0.3, accuracy: 0.07)
        let rates = card.tiers.compactMap { $0.history?.conversionRate }
        XCTAssertTrue(rates[0] > rates[1] && rates[1] > rates[2], "hotter tiers convert more: \(rates)")
        // On unseen rows the probabilities are calibrated and the ranking is close to the truth's.
        let metrics = try CardExport.metrics(of: card, points: points, on: test, description: "test")
        XCTAssertLessThan(try XCTUnwrap(metrics.ece), 0.02)
        XCTAssertGreaterThan(try XCTUnwrap(metrics.auc), 0.75)
        // The card survives its own JSON format.
        let data = try JSONEncoder().encode(card)
        XCTAssertEqual(try JSONDecoder().decode(ScoreCard.self, from: data), card)
    }

    func testFixedAndConversionRateTiers() throws {
        let (train, validation, _) = try splitSynthetic(rows: 10000, seed: 22)
        let fixed = CardExport(tiers: .fixed([TierSpec(name: "hot", action: "call", value: 60), TierSpec(name: "warm", value: 35)]))
        let (card, _) = try fixed.card(from: PointRounderTests.truthModel(), name: "t", train: train, heldOut: .validation(validation))
        XCTAssertEqual(card.tiers.map(\.minimumPoints).prefix(2), [60, 35])
        let byRate = CardExport(tiers: .conversionRate([TierSpec(name: "hot", value: 0.5)]))
        let (rated, _) = try byRate.card(from: PointRounderTests.truthModel(), name: "t", train: train, heldOut: .validation(validation))
        let threshold = rated.tiers[0].minimumPoints
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(rated.calibration?.probability(forTotal: threshold)), 0.5)
        let below = try XCTUnwrap(rated.calibration?.table.last { $0.points < threshold })
        XCTAssertLessThan(below.probability, 0.5)
        XCTAssertThrowsError(try CardExport(tiers: .fixed([TierSpec(name: "hot", value: 150)]))
            .card(from: PointRounderTests.truthModel(), name: "t", train: train, heldOut: .validation(validation)))
    }

    func testIntegerRangesReadAsCounts() {
        XCTAssertEqual(PointedShape.rangeLabel(lower: 2, upper: .infinity, integerValued: true), "3+")
        XCTAssertEqual(PointedShape.rangeLabel(lower: 0, upper: 2, integerValued: true), "1–2")
        XCTAssertEqual(PointedShape.rangeLabel(lower: -.infinity, upper: 0, integerValued: true), "0 or less")
        XCTAssertEqual(PointedShape.rangeLabel(lower: 1, upper: 2, integerValued: true), "2")
        XCTAssertEqual(PointedShape.rangeLabel(lower: 0.5, upper: 2.25, integerValued: false), "over 0.5 up to 2.25")
        XCTAssertEqual(PointedShape.rangeLabel(lower: -.infinity, upper: 0, integerValued: true, smallest: 0), "0")
        XCTAssertEqual(PointedShape.rangeLabel(lower: -.infinity, upper: 3, integerValued: true, smallest: 0), "0–3")
    }
}

final class CriterionPruningTests: XCTestCase {
    func testNoiseCriteriaArePrunedAndTrueOnesKept() throws {
        let (data, _) = SyntheticLeads(rows: 20000, seed: 31).generate()
        let split = try data.split(.stratified(seed: 31))
        var model = PointRounderTests.truthModel()
        // A trainer's mistake: points for the tail of a noise column.
        model.shapes.append(FeatureShape(feature: "noise_1", role: .numeric, pieces: [
            ShapePiece(.interval(lower: -.infinity, upper: 1.5), logOdds: 0),
            ShapePiece(.interval(lower: 1.5, upper: .infinity), logOdds: 0.6),
            ShapePiece(.missing, logOdds: 0)]))
        let (card, points) = try CardExport(pruneUnhelpful: true).card(from: model, name: "t", train: data.selecting(split.train), heldOut: .validation(data.selecting(split.validation)))
        XCTAssertTrue(points.droppedFeatures.contains("noise_1"))
        for strong in ["lead_source", "job_level", "demo_requested", "pricing_page_visits", "days_since_last_activity"] {
            XCTAssertTrue(card.criteria.contains { $0.feature == strong }, strong)
        }
        XCTAssertEqual(card.maximumPoints, 100, "rounded again to the full scale after pruning")
    }
}
