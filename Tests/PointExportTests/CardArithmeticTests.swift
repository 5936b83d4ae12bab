import XCTest
import LeadData
import ModelCore
import ScoreCardFormat
@testable import PointExport

/// One card arithmetic: the trainer's points model and the card agree on which totals a lead can reach,
/// and the tiers it chooses always fit the card.
final class CardArithmeticTests: XCTestCase {
    /// A numeric criterion with one condition per points value: (−∞, 1], (1, 2], (2, ∞).
    private func shape(_ feature: String, _ points: [Int]) -> PointedShape {
        let bounds = [-Double.infinity] + points.indices.dropLast().map { Double($0 + 1) } + [.infinity]
        return PointedShape(feature: feature, role: .numeric, pieces: points.indices.map {
            PointedPiece(condition: .interval(lower: bounds[$0], upper: bounds[$0 + 1]), points: points[$0], shiftedLogOdds: 0)
        }, zeroLogOdds: 0)
    }

    /// Base 40, criteria {−10, 0, 65} and {−30, 0, 10}: the raw sums are 0, 10, 30, 40, 50, 75, 105 and 115;
    /// kept within 0…100 once, at the end, as the scorer does: 0, 10, 30, 40, 50, 75, 100. Clamping after
    /// each criterion listed an impossible 70 (100 − 30) and missed the real 75 (105 − 30).
    func testNegativePointsReachTheTotalsTheScorerGives() throws {
        let points = PointModel(basePoints: 40, shapes: [shape("a", [-10, 0, 65]), shape("b", [-30, 0, 10])], maximum: 100,
                                droppedFeatures: [], pointsPerLogOdds: 1)
        XCTAssertEqual(points.reachableTotals, [0, 10, 30, 40, 50, 75, 100])
        let card = ScoreCard(name: "hand", basePoints: 40, maximumPoints: 100,
                             criteria: points.shapes.map { $0.criterion(integerValued: false) })
        XCTAssertEqual(card.reachableTotals(), [0, 10, 30, 40, 50, 75, 100])
        // Every combination of conditions, through the card's own total rule.
        var seen = Set<Int>()
        for a in [-10, 0, 65] { for b in [-30, 0, 10] { seen.insert(card.total(criterionPoints: [a, b])) } }
        XCTAssertEqual(seen.sorted(), card.reachableTotals())
    }

    /// Capacity tiers on held-out totals that are mostly the lowest total: warm cannot be told from cold,
    /// so the card keeps hot and cold (it used to fail: "thresholds [23, 0] must lie above the lowest total 0").
    func testCapacityTiersTheTotalsCannotSupportAreLeftOut() throws {
        let reachable = [0, 10, 23, 30]
        let totals = [Int](repeating: 0, count: 70) + [Int](repeating: 23, count: 20) + [Int](repeating: 30, count: 10)
        let thresholds = try TierRule.standard.thresholds(totals: totals, reachable: reachable, probability: { _ in 0 })
        XCTAssertEqual(thresholds, [23])
        let none = try TierRule.standard.thresholds(totals: [Int](repeating: 0, count: 100), reachable: reachable, probability: { _ in 0 })
        XCTAssertEqual(none, [], "nothing to tell apart: one tier, the catch-all")
    }

    /// Cross-fitted held-out totals can fall between the card's reachable totals (28 to 32 here, with 27 and
    /// 33 reachable): each threshold moves up to the next reachable total, so every tier holds one (it used
    /// to fail validation: "no reachable total is from 28 to 32").
    func testCapacityThresholdsAreReachableTotals() throws {
        let reachable = [0, 27, 33, 60]
        let totals = [Int](repeating: 0, count: 50) + [Int](repeating: 28, count: 30) + [Int](repeating: 32, count: 20)
        let thresholds = try TierRule.standard.thresholds(totals: totals, reachable: reachable, probability: { _ in 0 })
        XCTAssertEqual(thresholds, [33, 27])
        XCTAssertTrue(thresholds.allSatisfy(reachable.contains))
    }

    /// Fixed thresholds are the caller's: a tier they cannot support is an error, not dropped.
    func testFixedTiersTheCardCannotSupportAreAnError() {
        let rule = TierRule.fixed([TierSpec(name: "hot", value: 10), TierSpec(name: "warm", value: 0)])
        XCTAssertThrowsError(try rule.thresholds(totals: [], reachable: [0, 10, 20], probability: { _ in 0 })) { error in
            XCTAssertEqual(error as? PointExportError,
                           .invalidTiers("thresholds [10, 0] must lie above the lowest total 0 and at most the highest 20"))
        }
    }

    /// Isotonic calibration through `CardExport` with negative points, scaled to the best training lead
    /// (totals capped at the maximum) and to every combination: the table is exactly the card's reachable
    /// totals and the card validates.
    func testIsotonicTableCoversTheCardsReachableTotalsWithNegativePoints() throws {
        let (data, _) = SyntheticLeads(rows: 6000, seed: 9).generate()
        let split = try data.split(.stratified(seed: 9))
        let (train, validation) = (data.selecting(split.train), data.selecting(split.validation))
        for reach in [PointScale.Reach.trainingLeads, .everyCombination] {
            let export = CardExport(scale: PointScale(allowNegative: true, reach: reach), calibration: .isotonic)
            let (card, points) = try export.card(from: PointRounderTests.truthModel(), name: "negative", train: train, heldOut: .validation(validation))
            XCTAssertGreaterThan(card.basePoints, 0)
            XCTAssertEqual(card.calibration?.table.map(\.points), card.reachableTotals(), "\(reach)")
            XCTAssertEqual(points.reachableTotals, card.reachableTotals(), "\(reach)")
            XCTAssertNoThrow(try card.validate())
        }
    }
}
