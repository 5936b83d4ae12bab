import BoostedStumps
import LeadData
import ModelCore
import ScoreCardFormat

/// A fitted model with the words and settings the card's provenance records.
struct TrainedModel {
    var model: any ProbabilisticClassifier
    var name: String
    var record: TrainerRecord
    /// Why this model (for `--model auto`), or how training ended.
    var note: String

    static func fit(_ kind: ModelKind, train: Dataset, validation: Dataset, seed: UInt64) throws -> TrainedModel {
        switch kind {
        case .stumps, .auto, .logistic:
            return try stumps(train: train, validation: validation, seed: seed)
        }
    }

    static func stumps(train: Dataset, validation: Dataset, seed: UInt64) throws -> TrainedModel {
        let booster = StumpBooster(rounds: 1_000, learningRate: 0.1, seed: seed, earlyStoppingPatience: 50)
        let model = try booster.fit(train, validation: validation)
        let history = model.history
        return TrainedModel(
            model: model, name: "boosted stumps",
            record: TrainerRecord(name: "boosted stumps", settings: [
                "rounds": .number(Double(booster.rounds)), "learningRate": .number(booster.learningRate),
                "keptRounds": .number(Double(history.keptRounds)), "earlyStoppingPatience": 50, "seed": .number(Double(seed)),
            ]),
            note: "\(history.keptRounds) stumps kept of \(history.roundsRun) fitted (\(history.stopReason.rawValue))")
    }
}
