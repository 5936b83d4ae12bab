import XCTest
@testable import CardTraining
import LeadData
import FeatureEncoding
import LinearModels

/// Issue 21: on a split with more training leads than the strength search samples
/// (`TrainedModel.strengthSearchRows`), the logistic refit after criterion selection keeps the strength the
/// first fit chose and fits once, instead of searching eight strengths again; smaller data still searches.
final class LogisticRefitStrengthTests: XCTestCase {
    func testRefitOnALargeSplitKeepsTheFirstFitsStrength() throws {
        let leads = SyntheticLeads(rows: 240_000, seed: 5, noiseColumns: 0).generate().dataset
        let train = leads.selecting(Array(0..<205_000)), validation = leads.selecting(Array(205_000..<240_000))
        XCTAssertGreaterThan(train.rowCount, TrainedModel.strengthSearchRows)
        let kept = try TrainedModel.logistic(.split(train: train, validation: validation), seed: 1, strength: 100, meter: ProgressMeter(nil))
        XCTAssertEqual(kept.strength, 100)
        XCTAssertTrue(kept.note.contains("as chosen on held-out leads before the refit"), kept.note)
        XCTAssertEqual(kept.parts.map(\.fitRows), [205_000])
        XCTAssertEqual(kept.parts.map(\.heldOutRows), [35_000])
        // The model is the one fitted at that strength on all training leads, as a direct fit gives it.
        var trainer = LogisticRegression(encoding: DesignOptions(numericEncoding: .steps(maxBins: TrainedModel.logisticBins)))
        trainer.strength = 100
        let direct = try trainer.fit(train)
        XCTAssertEqual(try kept.model.predictProbability(validation), try direct.predictProbability(validation))
        XCTAssertEqual(kept.heldOutLogLoss, try logLossOf(direct, on: validation), accuracy: 1e-12)

        // Fewer training leads than the search samples: the strengths are searched as on a first fit.
        let small = try TrainedModel.logistic(.split(train: leads.selecting(Array(0..<20_000)), validation: validation), seed: 1,
                                              strength: 100, meter: ProgressMeter(nil))
        XCTAssertTrue(small.note.contains("chosen on held-out leads from"), small.note)
    }

    private func logLossOf(_ model: LogisticModel, on leads: Dataset) throws -> Double {
        let probabilities = try model.predictProbability(leads)
        return zip(probabilities, leads.labels!).map { p, y in y == 1 ? -log(p) : -log(1 - p) }.reduce(0, +) / Double(leads.rowCount)
    }
}

/// Issue 21: boosting stops after 20 rounds without a better validation loss on the one validation split
/// used above 200 000 leads, and after 50 on folds; the card's provenance records the patience used.
final class StumpsPatienceTests: XCTestCase {
    func testPatienceIsShorterOnTheLargeDataValidationSplit() throws {
        let leads = SyntheticLeads(rows: 2_000, seed: 2, noiseColumns: 0).generate().dataset
        let split = Holdout.split(train: leads.selecting(Array(0..<1_500)), validation: leads.selecting(Array(1_500..<2_000)))
        XCTAssertEqual(TrainedModel.stumpsPatience(split), 20)
        XCTAssertEqual(TrainedModel.stumpsPatience(.folds(leads: leads, heldOut: try leads.stratifiedFolds(4, seed: 1))), 50)
        // Small data cross-fits, with the longer patience, and the card says so.
        let card = try CardTrainer(options: TrainingOptions(seed: 1)).train(leads).card
        XCTAssertEqual(card.provenance?.trainer?.settings["earlyStoppingPatience"], .number(50))
    }
}
