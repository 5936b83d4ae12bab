import XCTest
import CardTraining
import LeadData
import PointExport
import ScoreCardFormat

/// Issue 18, items 1 and 4: after criterion selection the model is fitted again on the criteria it kept
/// (`TrainingOptions.refitAfterSelection`), so the kept criteria carry the whole of their effect instead of
/// the share the first fit gave them beside the noise columns. Judged against the synthetic leads' known truth.
final class SelectionRefitTests: XCTestCase {
    /// Synthetic leads with four more noise columns than the shipped set, so selection has much to leave out.
    static let generated = SyntheticLeads(rows: 12_000, seed: 3, noiseColumns: 8).generate()

    static func train(refit: Bool) throws -> TrainingResult {
        var options = TrainingOptions(seed: 1)
        options.refitAfterSelection = refit
        return try CardTrainer(options: options).train(generated.dataset)
    }

    /// The card's log-odds on the test leads against the true log-odds: mean absolute difference.
    static func errorAgainstTruth(_ result: TrainingResult) throws -> Double {
        let rows = try XCTUnwrap(result.testRows)
        let calibration = try XCTUnwrap(result.card.calibration)
        let totals = result.points.totals(result.testLeads)
        let logit = { (p: Double) in log(p / (1 - p)) }
        let errors = zip(rows, totals).map { row, total in
            abs(logit(calibration.probability(forTotal: total) ?? 0.5) - logit(generated.trueProbability[row]))
        }
        return errors.reduce(0, +) / Double(errors.count)
    }

    func testRefitAfterSelectionKeepsEveryTrueCriterionGivesNoiseNothingAndComesCloserToTheTruth() throws {
        let refitted = try Self.train(refit: true)
        let firstFit = try Self.train(refit: false)
        let truth = Set(SyntheticLeads.truth.effects.filter { effect in
            effect.levels.map { $0.values.contains { $0 != 0 } } ?? true
        }.map(\.feature))
        XCTAssertEqual(truth.count, 11)
        let noise = Set(Self.generated.dataset.featureColumns.map(\.name)).subtracting(truth)
        XCTAssertEqual(noise.count, 9, "industry and noise_0…7")

        let kept = Set(refitted.card.criteria.map(\.feature))
        XCTAssertEqual(kept, truth, "the refitted card has exactly the true criteria")
        XCTAssertTrue(noise.isSubset(of: Set(refitted.report.droppedFeatures)))
        XCTAssertTrue(refitted.report.modelNote.contains("refitted without the"), refitted.report.modelNote)
        XCTAssertFalse(firstFit.report.modelNote.contains("refitted"))
        // Both cards leave out what selection on the first fit left out: the refit changes weights, not the choice.
        XCTAssertEqual(Set(firstFit.card.criteria.map(\.feature)), kept)

        // The refitted card is closer to the true log-odds on the test leads, and no worse on them.
        let refitError = try Self.errorAgainstTruth(refitted), firstError = try Self.errorAgainstTruth(firstFit)
        XCTAssertLessThan(refitError, firstError, "mean |card − true log-odds| refitted \(refitError), first fit \(firstError)")
        XCTAssertLessThan(refitted.report.cardTest.logLoss, firstFit.report.cardTest.logLoss + 1e-4)
        try refitted.card.validate()

        // The report carries selection's test of every feature (what `train --json` prints as `selection`):
        // one per feature of the first fit, kept exactly for the card's criteria; every true criterion lowers
        // the held-out loss (p below 0.05: the weakest, page_views at 0.05 log-odds a view, has p ≈ 0.02 on
        // these 12 000 leads), and each left-out one lies above the Benjamini–Hochberg line of its rank or
        // gains less than the floor (`CardExport.defaultMinimumGain`).
        let tests = refitted.report.selection
        XCTAssertEqual(Set(tests.map(\.feature)), Set(Self.generated.dataset.featureColumns.map(\.name)))
        XCTAssertEqual(Set(tests.filter(\.kept).map(\.feature)), kept)
        for test in tests where truth.contains(test.feature) {
            XCTAssertLessThan(test.pValue, 0.05, "\(test)")
            XCTAssertGreaterThan(test.heldOutGain, 0, "\(test)")
        }
        let line = Double(kept.count + 1) * CardExport.defaultFalseDiscoveryRate / Double(tests.count)
        for test in tests where !test.kept {
            XCTAssertTrue(test.pValue > line || test.heldOutGain < CardExport.defaultMinimumGain, "\(test)")
        }
        XCTAssertFalse(tests.filter { !$0.kept }.isEmpty)
        XCTAssertEqual(firstFit.report.selection, tests, "the same first fit, the same test")
    }
}
