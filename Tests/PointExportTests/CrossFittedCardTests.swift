import XCTest
import LeadData
import ModelCore
@testable import PointExport

final class CrossFittedCardTests: XCTestCase {
    /// The truth with every log-odds moved by `noise`-sized steps: a stand-in for a fold's own fit.
    private func perturbed(_ model: AdditiveModel, seed: UInt64, noise: Double) -> AdditiveModel {
        var generator = SeededGenerator(seed: seed)
        var copy = model
        for shape in copy.shapes.indices {
            for piece in copy.shapes[shape].pieces.indices {
                copy.shapes[shape].pieces[piece].logOdds += noise * (2 * generator.nextUniform() - 1)
            }
        }
        copy.intercept += 0.7 // a different reference level: centring must absorb it
        return copy
    }

    func testTheCardsOwnModelOnItsScaleGivesItsPointsUpToTheLastPoint() throws {
        let (data, _) = SyntheticLeads(rows: 4000, seed: 41).generate()
        let model = PointRounderTests.truthModel().centred(on: data)
        // Without the ±1 moves a card is its model's log-odds × points per log-odds, rounded; only the top
        // condition of a criterion may differ by the point the largest-remainder rule gave or took.
        let points = try PointRounder(scale: PointScale(roundingSweeps: 0)).round(model, on: data)
        let own = points.criterionPoints(data)
        let mapped = points.criterionPoints(of: model, on: data)
        for (criterion, (a, b)) in zip(points.shapes, zip(own, mapped)) {
            let largestGap = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThanOrEqual(largestGap, 1, criterion.feature)
            XCTAssertGreaterThan(zip(a, b).filter { $0 == $1 }.count, data.rowCount * 9 / 10, criterion.feature)
        }
    }

    func testCentringKeepsPredictionsAndZeroesEachShapesMean() throws {
        let (data, _) = SyntheticLeads(rows: 3000, seed: 42).generate()
        let model = perturbed(PointRounderTests.truthModel(), seed: 1, noise: 0.2)
        let centred = model.centred(on: data)
        for (a, b) in zip(model.logOdds(data), centred.logOdds(data)) { XCTAssertEqual(a, b, accuracy: 1e-9) }
        for shape in centred.shapes {
            let pieces = shape.pieceIndices(data.column(named: shape.feature), rowCount: data.rowCount)
            let mean = pieces.reduce(0) { $0 + shape.pieces[Int($1)].logOdds } / Double(data.rowCount)
            XCTAssertEqual(mean, 0, accuracy: 1e-9, shape.feature)
        }
    }

    func testOutOfFoldTotalsCalibrateTheCardAndCountEveryLeadOnce() throws {
        let (data, _) = SyntheticLeads(rows: 24000, seed: 43).generate()
        let split = try data.split(.stratified(seed: 43), validationFraction: 0, testFraction: 0.25)
        let (leads, test) = (data.selecting(split.train), data.selecting(split.test))
        let folds = try leads.stratifiedFolds(4, seed: 43)
        let truth = PointRounderTests.truthModel()
        let heldOut = HeldOutLeads.crossFitted(folds.enumerated().map { index, rows in
            HeldOutFold(model: perturbed(truth, seed: UInt64(index), noise: 0.05), leads: leads.selecting(rows))
        })
        let (card, points) = try CardExport().card(from: truth, name: "t", train: leads, heldOut: heldOut)
        let counted = card.tiers.compactMap { $0.history?.leads }.reduce(0, +)
        XCTAssertEqual(counted, leads.rowCount, "every training lead is held out exactly once")
        let metrics = try CardExport.metrics(of: card, points: points, on: test, description: "test")
        XCTAssertLessThan(try XCTUnwrap(metrics.ece), 0.02)
        // Platt on the held-out totals: the calibrated rate in the hot tier matches what test leads there do.
        let hot = card.tiers[0].minimumPoints
        let testTotals = points.totals(test)
        let hotRows = testTotals.indices.filter { testTotals[$0] >= hot }
        let observed = Double(hotRows.reduce(0) { $0 + Int(test.labels![$1]) }) / Double(hotRows.count)
        let predicted = hotRows.reduce(0) { $0 + card.calibration!.probability(forTotal: testTotals[$1])! } / Double(hotRows.count)
        // ±0.04: 2.5 standard errors of the observed rate on the hot tier's ~1 200 test leads (merged conditions and
        // round cut points leave the card's totals a little less even in log-odds than the model's; was ±0.03).
        XCTAssertEqual(predicted, observed, accuracy: 0.04)
    }
}
