import BoostedStumps
import Evaluation
import FeatureEncoding
import LinearModels
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

    /// Validation log loss, the yardstick `--model auto` and the penalty search use.
    var validationLogLoss: Double

    static func fit(_ kind: ModelKind, train: Dataset, validation: Dataset, seed: UInt64, monotone: [String: Int] = [:]) throws -> TrainedModel {
        switch kind {
        case .stumps: return try stumps(train: train, validation: validation, seed: seed, monotone: monotone)
        case .logistic: return try logistic(train: train, validation: validation, seed: seed)
        case .auto:
            let candidates = [try logistic(train: train, validation: validation, seed: seed), try stumps(train: train, validation: validation, seed: seed)]
            var best = candidates.min { $0.validationLogLoss < $1.validationLogLoss }!
            let other = candidates.first { $0.name != best.name }!
            best.note += String(format: "; chosen over %@ by validation log loss %.4f vs %.4f", other.name, best.validationLogLoss, other.validationLogLoss)
            return best
        }
    }

    /// Penalty strengths tried for logistic regression (λ = 1/C), the one with the lowest validation log loss kept.
    static let logisticStrengths: [Double] = [0.3, 1, 3, 10, 30, 100, 300, 1000]
    /// Numeric features enter binned, so the fit is already a step function per feature: the card then
    /// represents the model exactly instead of approximating a slope by ranges. They enter as steps, so
    /// the penalty smooths neighbouring bins: test AUC +0.0016 on the synthetic leads and +0.013 on online
    /// shoppers without PageValues against one-hot bins at the validation-chosen strength (scikit-learn,
    /// same bins and split).
    static let logisticBins = 16
    /// With more training leads than this, the strength is chosen on a stratified sample of this many and
    /// then fitted once on all of them: λ acts as a prior on the weights, not per row, so it carries over,
    /// and the search stops costing eight full fits (476 s of fitting at 5 000 000 leads, 2 cores).
    static let strengthSearchRows = 200_000

    static func logistic(train: Dataset, validation: Dataset, seed: UInt64) throws -> TrainedModel {
        let trainer = LogisticRegression(encoding: DesignOptions(numericEncoding: .steps(maxBins: logisticBins)))
        let sampled = train.rowCount > strengthSearchRows
        let searched = sampled
            ? train.selecting(try train.split(.stratified(seed: seed), validationFraction: 0,
                                              testFraction: 1 - Double(strengthSearchRows) / Double(train.rowCount)).train)
            : train
        var best: (model: LogisticModel, strength: Double, loss: Double)?
        for (strength, model) in zip(logisticStrengths, try trainer.fitPath(searched, strengths: logisticStrengths)) {
            let loss = try logLoss(probabilities: try model.predictProbability(validation), outcomes: validation.labels!)
            if best == nil || loss < best!.loss { best = (model, strength, loss) }
        }
        var (model, strength, loss) = best!
        if sampled {
            var final = trainer
            final.strength = strength
            model = try final.fit(train)
            loss = try logLoss(probabilities: try model.predictProbability(validation), outcomes: validation.labels!)
        }
        let warnings = model.diagnostics.warnings.map(\.description)
        return TrainedModel(
            model: model, name: "logistic regression",
            record: TrainerRecord(name: "logistic regression", settings: [
                "penalty": "l2", "strength": .number(strength), "numericBins": .number(Double(logisticBins)),
                "solver": .text(model.diagnostics.solver.rawValue), "iterations": .number(Double(model.diagnostics.iterations)),
            ]),
            note: "L2 strength \(strength) (1/C) chosen on validation from \(logisticStrengths)"
                + (sampled ? " fitted to \(searched.rowCount) of the \(train.rowCount) training leads" : "")
                + "; \(model.diagnostics.iterations) Newton iterations"
                + (warnings.isEmpty ? "" : "; " + warnings.joined(separator: "; ")),
            validationLogLoss: loss)
    }

    static func stumps(train: Dataset, validation: Dataset, seed: UInt64, monotone: [String: Int] = [:]) throws -> TrainedModel {
        let booster = StumpBooster(rounds: 1_000, learningRate: 0.1, seed: seed, earlyStoppingPatience: 50, monotoneConstraints: monotone)
        let model = try booster.fit(train, validation: validation)
        let history = model.history
        return TrainedModel(
            model: model, name: "boosted stumps",
            record: TrainerRecord(name: "boosted stumps", settings: [
                "rounds": .number(Double(booster.rounds)), "learningRate": .number(booster.learningRate),
                "keptRounds": .number(Double(history.keptRounds)), "earlyStoppingPatience": 50, "seed": .number(Double(seed)),
            ].merging(monotone.isEmpty ? [:] : ["monotone": .text(monotone.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value > 0 ? "increasing" : "decreasing")" }.joined(separator: ", "))]) { first, _ in first }),
            note: "\(history.keptRounds) stumps kept of \(history.roundsRun) fitted (\(history.stopReason.rawValue))",
            validationLogLoss: history.validationLoss.isEmpty ? .infinity : history.validationLoss[history.keptRounds])
    }
}
