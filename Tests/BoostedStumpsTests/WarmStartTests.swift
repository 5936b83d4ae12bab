import BoostedStumps
import FeatureEncoding
import LeadData
import ModelCore
import XCTest

/// Issue 21, item 3: the refit after criterion selection continues the first fit's stumps on the kept
/// features (a warm start) instead of boosting again from the intercept.
final class WarmStartTests: XCTestCase {
    /// Log-odds of `model` evaluated stump by stump, skipping the stumps of `skipped` features.
    private func logOdds(_ model: StumpModel, _ data: Dataset, skipping skipped: Set<String> = []) throws -> [Double] {
        let bins = try model.mapper.transform(data)
        var scores = [Double](repeating: model.intercept, count: data.rowCount)
        for stump in model.stumps where !skipped.contains(model.mapper.features[stump.feature].name) {
            let missingBin = model.mapper.features[stump.feature].missingBin
            for row in scores.indices {
                scores[row] += stump.goesLeft(bin: Int(bins.columns[stump.feature][row]), missingBin: missingBin) ? stump.leftValue : stump.rightValue
            }
        }
        return scores
    }

    private func logLoss(_ z: [Double], _ labels: [UInt8]) -> Double {
        zip(z, labels).map { z, y in y == 1 ? log1p(exp(-z)) : log1p(exp(z)) }.reduce(0, +) / Double(z.count)
    }

    func testAWarmStartCarriesTheKeptFeaturesStumpsAndBoostsOnFromThere() throws {
        let (train, validation, _) = try TestData.syntheticSplit(rows: 6_000, seed: 5)
        let booster = StumpBooster(rounds: 400, learningRate: 0.2, minLeafRows: 5, earlyStoppingPatience: 30)
        let first = try booster.fit(train, validation: validation)
        let dropped: Set<String> = ["industry", "noise_0", "noise_1", "noise_2", "noise_3"]
        let droppedStumps = first.stumps.filter { dropped.contains(first.mapper.features[$0.feature].name) }.count
        XCTAssertGreaterThan(droppedStumps, 0, "the first fit used some of the dropped features")
        let (keptTrain, keptValidation) = (train.excluding(features: dropped), validation.excluding(features: dropped))

        // With no new rounds the warm model is exactly the first model without the dropped features' stumps.
        var none = booster
        none.rounds = 0
        let carriedOnly = try none.fit(keptTrain, validation: keptValidation, continuing: first)
        XCTAssertEqual(carriedOnly.stumps.count, first.stumps.count - droppedStumps)
        XCTAssertEqual(carriedOnly.history.carriedRounds, first.stumps.count - droppedStumps)
        XCTAssertEqual(carriedOnly.intercept, first.intercept)
        let expected = try logOdds(first, validation, skipping: dropped)
        for (got, want) in zip(try carriedOnly.logOdds(keptValidation), expected) { XCTAssertEqual(got, want, accuracy: 1e-9) }
        // Its round-0 losses are those of the carried stumps, measured independently.
        XCTAssertEqual(carriedOnly.history.validationLoss[0], logLoss(expected, validation.labels!), accuracy: 1e-9)
        XCTAssertEqual(carriedOnly.history.keptValidationLoss, carriedOnly.history.validationLoss[0])

        // Boosting on: no worse on validation than where it started (early stopping keeps the best round),
        // as good as a cold refit within 0.2 %, in fewer new rounds.
        let warm = try booster.fit(keptTrain, validation: keptValidation, continuing: first)
        let cold = try booster.fit(keptTrain, validation: keptValidation)
        let warmLoss = try XCTUnwrap(warm.history.keptValidationLoss), coldLoss = try XCTUnwrap(cold.history.keptValidationLoss)
        XCTAssertLessThanOrEqual(warmLoss, carriedOnly.history.validationLoss[0])
        XCTAssertEqual(warmLoss, logLoss(try warm.logOdds(keptValidation), validation.labels!), accuracy: 1e-9)
        XCTAssertLessThan(warmLoss, coldLoss * 1.002, "warm \(warmLoss), cold \(coldLoss)")
        XCTAssertLessThan(warm.history.roundsRun - warm.history.carriedRounds!, cold.history.roundsRun,
                          "new rounds: warm \(warm.history.roundsRun - warm.history.carriedRounds!), cold \(cold.history.roundsRun)")
        XCTAssertTrue(warm.stumps.allSatisfy { !dropped.contains(warm.mapper.features[$0.feature].name) })
        XCTAssertNil(cold.history.carriedRounds)
    }

    func testAStartBinnedDifferentlyFallsBackToAColdFit() throws {
        let (train, validation, _) = try TestData.syntheticSplit(rows: 3_000, seed: 6)
        let booster = StumpBooster(rounds: 100, learningRate: 0.2, minLeafRows: 5, earlyStoppingPatience: 20)
        // Fitted on other leads, its numeric bins differ: its stumps would not mean the same bins here.
        let (other, _, _) = try TestData.syntheticSplit(rows: 2_000, seed: 9)
        let start = try booster.fit(other)
        let warm = try booster.fit(train, validation: validation, continuing: start)
        XCTAssertNil(warm.history.carriedRounds)
        XCTAssertEqual(warm.stumps, try booster.fit(train, validation: validation).stumps)
    }

    func testFoldsContinueTheirOwnMembers() throws {
        let leads = SyntheticLeads(rows: 4_000, seed: 8).generate().dataset
        let folds = try leads.stratifiedFolds(4, seed: 8)
        let booster = StumpBooster(rounds: 300, learningRate: 0.2, minLeafRows: 5, earlyStoppingPatience: 20)
        let first = try booster.fitFolds(leads, heldOut: folds)
        let dropped: Set<String> = ["noise_0", "noise_1", "noise_2", "noise_3"]
        let warm = try booster.fitFolds(leads.excluding(features: dropped), heldOut: folds, continuing: first)
        XCTAssertEqual(warm.heldOutRows, folds)
        for (member, start) in zip(warm.members, first.members) {
            let kept = start.stumps.filter { !dropped.contains(start.mapper.features[$0.feature].name) }.count
            XCTAssertEqual(member.history.carriedRounds, kept)
            XCTAssertGreaterThanOrEqual(member.stumps.count, kept)
        }
    }
}
