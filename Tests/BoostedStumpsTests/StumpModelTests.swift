import BoostedStumps
import FeatureEncoding
import LeadData
import ModelCore
import XCTest

final class StumpModelTests: XCTestCase {
    /// The ensemble evaluated stump by stump, the way it was trained: the reference for the collapse.
    private func ensembleLogOdds(_ model: StumpModel, _ dataset: Dataset) throws -> [Double] {
        let bins = try model.mapper.transform(dataset)
        var scores = [Double](repeating: model.intercept, count: dataset.rowCount)
        for stump in model.stumps {
            let missingBin = model.mapper.features[stump.feature].missingBin
            for row in scores.indices {
                let bin = Int(bins.columns[stump.feature][row])
                scores[row] += stump.goesLeft(bin: bin, missingBin: missingBin) ? stump.leftValue : stump.rightValue
            }
        }
        return scores
    }

    func testCollapsedShapesEqualTheEnsembleOnEveryRow() throws {
        let (train, validation, test) = try TestData.syntheticSplit(rows: 6_000, seed: 3)
        let model = try StumpBooster(rounds: 300, learningRate: 0.3, minLeafRows: 5, earlyStoppingPatience: nil)
            .fit(train, validation: validation)
        XCTAssertEqual(model.stumps.count, 300)
        // Unseen category and missing values in rows the model never saw.
        var shifted = test
        let sourceIndex = shifted.columns.firstIndex { $0.name == "lead_source" }!
        if case .categorical(let stored, var levels) = shifted.columns[sourceIndex].values {
            var codes = Array(stored)
            levels.append("trade_show")
            codes[0] = Int32(levels.count - 1)
            codes[1] = -1
            shifted.columns[sourceIndex].values = .categorical(codes: codes, levels: levels)
        }
        let additive = model.additiveModel()
        for data in [train, shifted] {
            let reference = try ensembleLogOdds(model, data)
            let fromModel = try model.logOdds(data)
            let fromShapes = additive.logOdds(data)
            for row in reference.indices {
                XCTAssertEqual(fromModel[row], reference[row], accuracy: 1e-12)
                XCTAssertEqual(fromShapes[row], reference[row], accuracy: 1e-12)
            }
        }
        XCTAssertTrue(model.stumps.contains { $0.feature == sourceIndex }, "lead_source carries signal")
        let probabilities = try model.predictProbability(shifted)
        XCTAssertTrue(probabilities.allSatisfy { $0 > 0 && $0 < 1 })
    }

    func testMonotoneConstraintsHoldOnANonMonotoneTruth() throws {
        var generator = SeededGenerator(seed: 4)
        let x = (0..<4_000).map { _ in (generator.nextUniform() * 100).rounded() }
        let data = TestData.labelled([TestData.numeric("visits", x)], rowCount: x.count, seed: 5) { row in
            abs(x[row] - 50) < 20 ? 1.5 : -0.5 // an inverted U
        }
        for direction in [1, -1] {
            let model = try StumpBooster(rounds: 200, earlyStoppingPatience: nil, monotoneConstraints: ["visits": direction])
                .fit(data)
            let values = model.valuePerBin()[0].dropLast() // the missing bin is not ordered
            XCTAssertFalse(model.stumps.isEmpty)
            for (lower, upper) in zip(values, values.dropFirst()) {
                XCTAssertTrue(direction > 0 ? lower <= upper : lower >= upper, "\(direction): \(lower) then \(upper)")
            }
        }
        XCTAssertThrowsError(try StumpBooster(monotoneConstraints: ["nope": 1]).fit(data))
        XCTAssertThrowsError(try StumpBooster(monotoneConstraints: ["visits": 2]).fit(data))
    }

    func testMissingValuesGoToTheSideTheyBehaveLike() throws {
        for missingLikeHigh in [true, false] {
            var generator = SeededGenerator(seed: missingLikeHigh ? 6 : 7)
            let x = (0..<5_000).map { _ in generator.nextUniform() < 0.2 ? Double.nan : generator.nextUniform() }
            let data = TestData.labelled([TestData.numeric("score", x)], rowCount: x.count, seed: 8) { row in
                let high = x[row].isNaN ? missingLikeHigh : x[row] > 0.5
                return high ? 1.5 : -1.5
            }
            let model = try StumpBooster(rounds: 1, learningRate: 1, earlyStoppingPatience: nil).fit(data)
            guard case .threshold(_, let missingGoesLeft)? = model.stumps.first?.split else { return XCTFail("a threshold split") }
            XCTAssertEqual(missingGoesLeft, !missingLikeHigh, "missing rows join the leaf they convert like")
        }
    }

    func testSameSeedSameModelWithOneOrTwoThreads() throws {
        // More rows than one chunk, so histograms and losses are summed over several chunks.
        let (train, validation, _) = try TestData.syntheticSplit(rows: 60_000, seed: 9)
        let booster = StumpBooster(rounds: 40, subsample: 0.7, seed: 12)
        var one = booster, two = booster
        one.threads = 1
        two.threads = 2
        let modelOne = try one.fit(train, validation: validation)
        XCTAssertEqual(modelOne, try two.fit(train, validation: validation))
        var reseeded = two
        reseeded.seed = 13
        XCTAssertNotEqual(modelOne.stumps, try reseeded.fit(train, validation: validation).stumps)
    }

    func testEarlyStoppingKeepsTheBestRoundCount() throws {
        let (train, validation, _) = try TestData.syntheticSplit(rows: 3_000, seed: 10)
        let model = try StumpBooster(rounds: 2_000, learningRate: 0.5, minLeafRows: 2, earlyStoppingPatience: 10)
            .fit(train, validation: validation)
        let history = model.history
        XCTAssertEqual(history.stopReason, .earlyStopping)
        XCTAssertEqual(history.trainingLoss.count, history.roundsRun + 1)
        XCTAssertEqual(history.validationLoss.count, history.roundsRun + 1)
        XCTAssertEqual(history.roundsRun, history.keptRounds + 10)
        XCTAssertEqual(history.validationLoss.firstIndex(of: history.validationLoss.min()!), history.keptRounds)
        XCTAssertEqual(model.stumps.count, history.keptRounds)
        XCTAssertLessThan(history.trainingLoss.last!, history.trainingLoss.first!)
    }

    func testModelsRoundTripThroughJSON() throws {
        let (train, _, test) = try TestData.syntheticSplit(rows: 2_000, seed: 11)
        let model = try StumpBooster(rounds: 30, earlyStoppingPatience: nil).fit(train)
        let decoded = try JSONDecoder().decode(StumpModel.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(try decoded.logOdds(test), try model.logOdds(test))
    }

    func testParametersAndLabelsAreChecked() throws {
        let data = TestData.labelled([TestData.numeric("x", [1, 2, 3, 4])], rowCount: 4, seed: 1) { _ in 0 }
        XCTAssertThrowsError(try StumpBooster(learningRate: 0).fit(data))
        XCTAssertThrowsError(try StumpBooster(subsample: 1.5).fit(data))
        var unlabelled = data
        unlabelled.labels = nil
        XCTAssertThrowsError(try StumpBooster().fit(unlabelled)) { error in
            XCTAssertEqual(error as? StumpBoosterError, .noLabels(part: "training"))
        }
        var oneClass = data
        oneClass.labels = [1, 1, 1, 1]
        XCTAssertThrowsError(try StumpBooster().fit(oneClass)) { error in
            XCTAssertEqual(error as? StumpBoosterError, .singleClass(label: 1))
        }
    }
}
