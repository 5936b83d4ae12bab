import LeadData
import ModelCore
import PointExport

extension CardTrainer {
    /// `fitted` refitted on the same split or folds without the criteria selection left out (`tests`, made
    /// on `fitted`), and those criteria; `fitted` unchanged (and none) when selection keeps every criterion.
    ///
    /// Boosting and the penalised logistic fit share an effect out among correlated columns, and a noise
    /// column fitted beside a real one takes a little of it: removing the left-out criteria's points
    /// afterwards leaves the kept ones under-weighted. Fitted again without them, the kept criteria take
    /// the whole effect (online shoppers without PageValues, stumps card: test AUC 0.7616 → 0.7648, see
    /// Benchmarks/accuracy/CARDS-18.md). Selection is not judged again on the refit: the card keeps exactly
    /// the criteria the first fit's held-out test chose, so a noise column cannot slip back in.
    func refitWithoutUnselected(_ fitted: TrainedModel, kind: TrainingOptions.Model, holdout: Holdout, tests: [CriterionTest],
                                data: String, meter: ProgressMeter) throws -> (TrainedModel, [String]) {
        let unselected = tests.filter { !$0.kept }.map(\.feature)
        guard !unselected.isEmpty, unselected.count < tests.count else { return (fitted, []) }
        let leftOut = Set(unselected)
        let monotone = kind == .stumps ? options.monotone.filter { !leftOut.contains($0.key) }.mapValues(\.rawValue) : [:]
        do {
            // Stumps continue from the first fit's stumps on the kept criteria (a warm start): the same
            // objective, most of the way there already (issue 21, item 3). Logistic regression on a large
            // split keeps the strength the first fit chose instead of searching again.
            var refitted = try TrainedModel.fit(kind, holdout.excluding(features: leftOut), seed: options.seed, monotone: monotone,
                                                rounds: options.rounds, learningRate: options.learningRate(for: holdout),
                                                continuing: fitted.model, strength: fitted.strength, meter: meter)
            refitted.note += "; refitted without the \(unselected.count) criteria selection left out"
            return (refitted, unselected)
        } catch let failure as TrainingModelFailure {
            throw TrainingError.fitting(data: data, model: failure.model, failure.error)
        } catch let error as SplitError {
            throw TrainingError.splitting(data: data, error)
        }
    }
}
