import BoostedStumps
import Evaluation
import FeatureEncoding
import LinearModels
import LeadData
import ModelCore
import PointExport
import ScoreCardFormat

/// A fitted model with the words and settings the card's provenance records. Moved unchanged from the
/// CLI's `train`, plus progress and cancellation through `ProgressMeter`.
struct TrainedModel {
    var model: any ProbabilisticClassifier
    /// The leads that calibrate the card and choose its tiers, each with a model that never saw it.
    var heldOut: HeldOutLeads
    var name: String
    var record: TrainerRecord
    /// How training ended (rounds kept, strength chosen), and for `auto` why this model.
    var note: String

    /// Held-out log loss (validation, or pooled out of fold): the yardstick of the penalty search (not of
    /// `auto`, which compares on leads neither trainer was tuned on).
    var heldOutLogLoss: Double
    /// Each fitting / held-out part's figures, in `Holdout.parts` order.
    var parts: [TrainingReport.Fold]

    /// The penalty strength a logistic fit chose (its record's `strength`), `nil` for stumps.
    var strength: Double? {
        if case .number(let strength)? = record.settings["strength"] { return strength }
        return nil
    }

    /// - Parameters:
    ///   - continuing: a stumps model fitted on the same split or folds to continue from
    ///     (`StumpBooster.fit(_:validation:continuing:)`): the refit after criterion selection. Ignored by
    ///     logistic regression and by time-aware windows, which fit afresh.
    ///   - strength: for logistic regression, the penalty strength the first fit chose on the same split,
    ///     for the refit after criterion selection; see `logistic(_:seed:strength:meter:)`.
    static func fit(_ kind: TrainingOptions.Model, _ holdout: Holdout, seed: UInt64, monotone: [String: Int] = [:],
                    rounds: Int = TrainingOptions.defaultRounds, learningRate: Double = TrainingOptions.defaultLearningRate,
                    continuing: (any ProbabilisticClassifier)? = nil, strength: Double? = nil, meter: ProgressMeter) throws -> TrainedModel {
        switch kind {
        case .stumps: return try stumps(holdout, seed: seed, monotone: monotone, rounds: rounds, learningRate: learningRate,
                                        continuing: continuing, meter: meter)
        case .logistic: return try logistic(holdout, seed: seed, strength: strength, meter: meter)
        case .auto:
            preconditionFailure("CardTrainer.chooseModel resolves auto to a trainer first")
        }
    }

    /// Penalty strengths tried for logistic regression (λ = 1/C), the one with the lowest held-out log loss kept.
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

    /// The strength with the lowest held-out log loss pooled over all parts, then the model at that strength
    /// on all fitting leads.
    ///
    /// - Parameter strength: a strength already chosen on this split by a search on the same sample of
    ///   training leads (the first fit, before criterion selection). On a split of more than
    ///   `strengthSearchRows` training leads it is used as it is and the model fitted once: λ acts as a
    ///   prior on the weights, which dropping noise criteria does not change, and the second search of
    ///   eight fits was a fifth of `train --model logistic` at 1 000 000 leads (issue 21). Smaller data, and
    ///   folds, search again: there the search is cheap and the held-out losses of the parts are reported.
    static func logistic(_ holdout: Holdout, seed: UInt64, strength known: Double? = nil, meter: ProgressMeter) throws -> TrainedModel {
        if let known, case .split(let train, let validation) = holdout, train.rowCount > strengthSearchRows {
            return try logistic(train: train, validation: validation, strength: known, meter: meter)
        }
        let name = "logistic regression"
        // The path on the first part, 3 strengths on each other part, and the final fit on all leads.
        let refits: Int
        if case .split = holdout { refits = holdout.fittingLeads.rowCount > strengthSearchRows ? 1 : 0 } else { refits = 1 }
        try meter.begin(.fitting(model: name), total: logisticStrengths.count + 3 * (holdout.partCount - 1) + refits)
        let trainer = LogisticRegression(encoding: DesignOptions(numericEncoding: .steps(maxBins: logisticBins)))
        // Every Newton iteration is reported and may stop the fit, so cancelling is prompt within one fit.
        let observer: LogisticFitObserver = { meter.iteration($0.iteration) }
        // The whole path on the first part; on the others only the strengths next to its best, among which
        // the pooled loss chooses: 3 fits a fold instead of 8.
        var tried = Array(logisticStrengths.indices)
        var losses = [Double](repeating: 0, count: logisticStrengths.count)
        var paths: [[Int: LogisticModel]] = []
        var partLosses: [[Int: Double]] = []
        var partRows: [(fit: Int, heldOut: Int)] = []
        var sampledRows: Int?
        let parts = holdout.parts
        for part in parts {
            var searched = part.fit
            if searched.rowCount > strengthSearchRows {
                searched = searched.selecting(try searched.split(.stratified(seed: seed), validationFraction: 0,
                                                                 testFraction: 1 - Double(strengthSearchRows) / Double(searched.rowCount)).train)
                sampledRows = searched.rowCount
            }
            try meter.checkCancellation()
            let path = try fitting(name) { try trainer.fitPath(searched, strengths: tried.map { logisticStrengths[$0] }, observer: observer) }
            meter.advance(by: tried.count)
            var partLoss: [Int: Double] = [:]
            for (index, model) in zip(tried, path) {
                let probabilities = try model.predictProbability(part.heldOut)
                if case .recent = holdout {
                    partLoss[index] = RecentValidation.recalibratedLogLoss(probabilities: probabilities, labels: part.heldOut.labels!)
                } else {
                    partLoss[index] = try logLoss(probabilities: probabilities, outcomes: part.heldOut.labels!)
                }
                losses[index] += partLoss[index]! * Double(part.heldOut.rowCount)
            }
            partLosses.append(partLoss)
            partRows.append((part.fit.rowCount, part.heldOut.rowCount))
            paths.append(Dictionary(uniqueKeysWithValues: zip(tried, path)))
            if paths.count == 1 {
                let first = tried.min { losses[$0] < losses[$1] }!
                tried = Array(max(0, first - 1)...min(logisticStrengths.count - 1, first + 1))
            }
        }
        let best = tried.min { losses[$0] < losses[$1] }!
        let strength = logisticStrengths[best]
        let members = paths.map { $0[best]! }
        var model = members[0]
        var loss = losses[best] / Double(holdout.heldOutCount)
        switch holdout {
        case .split(let train, let validation):
            if sampledRows != nil {
                var final = trainer
                final.strength = strength
                try meter.checkCancellation()
                model = try fitting(name) { try final.fit(train, observer: observer) }
                meter.advance()
                loss = try logLoss(probabilities: try model.predictProbability(validation), outcomes: validation.labels!)
            }
        case .folds, .recent:
            var final = trainer
            final.strength = strength
            try meter.checkCancellation()
            model = try fitting(name) { try final.fit(holdout.fittingLeads, observer: observer) }
            meter.advance()
        }
        let heldOut = try holdout.heldOutLeads(partModels: members)
        let warnings = model.diagnostics.warnings.map(\.description)
        return TrainedModel(
            model: model, heldOut: heldOut, name: "logistic regression",
            record: logisticRecord(model, strength: strength),
            note: "L2 strength \(strength) (1/C) chosen on held-out leads from \(logisticStrengths)"
                + (holdout.isRecent ? RecentValidation.strengthNote(windows: holdout.partCount) : "")
                + (sampledRows.map { " fitted to \($0) of the \(holdout.fittingLeads.rowCount) training leads" } ?? "")
                + "; \(model.diagnostics.iterations) Newton iterations"
                + (warnings.isEmpty ? "" : "; " + warnings.joined(separator: "; ")),
            heldOutLogLoss: loss,
            parts: zip(partRows, partLosses).map { rows, loss in
                TrainingReport.Fold(fitRows: rows.fit, heldOutRows: rows.heldOut, heldOutLogLoss: loss[best]!)
            })
    }

    /// What the card's provenance records of a logistic fit at `strength`.
    private static func logisticRecord(_ model: LogisticModel, strength: Double) -> TrainerRecord {
        TrainerRecord(name: "logistic regression", settings: [
            "penalty": "l2", "strength": .number(strength), "numericBins": .number(Double(logisticBins)),
            "solver": .text(model.diagnostics.solver.rawValue), "iterations": .number(Double(model.diagnostics.iterations)),
        ])
    }

    /// The logistic model at `strength` fitted once on `train` and judged on `validation`.
    private static func logistic(train: Dataset, validation: Dataset, strength: Double, meter: ProgressMeter) throws -> TrainedModel {
        let name = "logistic regression"
        try meter.begin(.fitting(model: name), total: 1)
        var trainer = LogisticRegression(encoding: DesignOptions(numericEncoding: .steps(maxBins: logisticBins)))
        trainer.strength = strength
        let observer: LogisticFitObserver = { meter.iteration($0.iteration) }
        try meter.checkCancellation()
        let model = try fitting(name) { try trainer.fit(train, observer: observer) }
        meter.advance()
        let loss = try logLoss(probabilities: try model.predictProbability(validation), outcomes: validation.labels!)
        let warnings = model.diagnostics.warnings.map(\.description)
        return TrainedModel(
            model: model, heldOut: .validation(validation), name: name,
            record: logisticRecord(model, strength: strength),
            note: "L2 strength \(strength) (1/C) as chosen on held-out leads before the refit; \(model.diagnostics.iterations) Newton iterations"
                + (warnings.isEmpty ? "" : "; " + warnings.joined(separator: "; ")),
            heldOutLogLoss: loss,
            parts: [TrainingReport.Fold(fitRows: train.rowCount, heldOutRows: validation.rowCount, heldOutLogLoss: loss)])
    }

    /// Rounds without a better validation loss before boosting stops: 50 on folds and time windows, 20 on
    /// the one validation split used above 200 000 leads.
    ///
    /// Why fewer there: with 50 000 or more validation leads the validation loss moves smoothly, so a long
    /// wait for a new best buys little. On the scale run's 1 000 000 leads the same stumps and card; on
    /// 5 000 000, 359 stumps instead of 431 and one condition fewer, with the same card test AUC, log loss and
    /// Brier score, for a third less boosting (issue 21, item 3; docs/training.md). Small data keeps the
    /// longer patience, where the loss is noisy and a plateau can end in a new best.
    static func stumpsPatience(_ holdout: Holdout) -> Int {
        if case .split = holdout { return 20 }
        return 50
    }

    /// One early-stopped model on a split; on folds, the average of the fold models (`StumpFolds`).
    static func stumps(_ holdout: Holdout, seed: UInt64, monotone: [String: Int] = [:], rounds: Int = TrainingOptions.defaultRounds,
                       learningRate: Double = TrainingOptions.defaultLearningRate, continuing: (any ProbabilisticClassifier)? = nil,
                       meter: ProgressMeter) throws -> TrainedModel {
        let patience = Self.stumpsPatience(holdout)
        var booster = StumpBooster(rounds: rounds, learningRate: learningRate, seed: seed, earlyStoppingPatience: patience, monotoneConstraints: monotone)
        booster.roundObserver = { round, rounds in meter.round(round, of: rounds) }
        var fits = holdout.partCount
        if case .recent = holdout { fits += 1 }  // the refit on all
        try meter.begin(.fitting(model: "boosted stumps"), total: booster.rounds * fits)
        let model: any ProbabilisticClassifier, members: [StumpModel], loss: Double
        switch holdout {
        case .split(let train, let validation):
            let single = try fitting("boosted stumps") { try booster.fit(train, validation: validation, continuing: continuing as? StumpModel) }
            (model, members) = (single, [single])
            loss = single.history.keptValidationLoss ?? .infinity
        case .recent(let windows, let all):
            // Every round on each window's older leads; then the round count whose scores, once the points →
            // probability link is refitted on each window, fit the windows best pooled (`RecentValidation`).
            var full = booster
            full.earlyStoppingPatience = nil
            var runs: [StumpModel] = [], windowLosses: [[Double]] = []
            for window in windows {
                let run = try fitting("boosted stumps") { try full.fit(window.fit) }
                runs.append(run)
                windowLosses.append(try fitting("boosted stumps") { try RecentValidation.bestRounds(run, validation: window.validation).losses })
            }
            let (kept, recentLoss) = RecentValidation.pooledBest(windowLosses, rows: windows.map(\.validation.rowCount))
            members = zip(runs, windowLosses).map { run, losses in
                StumpModel(mapper: run.mapper, intercept: run.intercept, stumps: Array(run.stumps.prefix(kept)),
                           trainingRowCounts: run.trainingRowCounts,
                           history: TrainingHistory(trainingLoss: run.history.trainingLoss, validationLoss: losses,
                                                    keptRounds: min(kept, run.stumps.count), stopReason: run.history.stopReason))
            }
            // The rounds validation kept, now on every lead before test (the newest included).
            var refit = booster
            (refit.rounds, refit.earlyStoppingPatience) = (max(kept, 1), nil)
            model = try fitting("boosted stumps") { try refit.fit(all) }
            loss = recentLoss
        case .folds(let leads, let folds):
            let average = try fitting("boosted stumps") { try booster.fitFolds(leads, heldOut: folds, continuing: continuing as? StumpFolds) }
            (model, members) = (average, average.members)
            loss = zip(members, folds).reduce(0) { sum, fold in
                let history = fold.0.history
                return sum + (history.keptValidationLoss ?? .infinity) * Double(fold.1.count)
            } / Double(leads.rowCount)
        }
        let heldOut = try holdout.heldOutLeads(partModels: members)
        let kept = members.map { member in
            let history = member.history
            return "\(history.keptRounds) of \(history.roundsRun) (\(history.stopReason.rawValue)"
                + (history.carriedRounds.map { "; \($0) carried over from the first fit" } ?? "") + ")"
        }
        return TrainedModel(
            model: model, heldOut: heldOut, name: "boosted stumps",
            record: TrainerRecord(name: "boosted stumps", settings: [
                "rounds": .number(Double(booster.rounds)), "learningRate": .number(booster.learningRate),
                "keptRounds": .text(members.map { "\($0.history.keptRounds)" }.joined(separator: ", ")),
                "averagedModels": .number(Double(members.count)),
                "earlyStoppingPatience": .number(Double(patience)), "seed": .number(Double(seed)),
            ].merging(monotone.isEmpty ? [:] : ["monotone": .text(monotone.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value > 0 ? "increasing" : "decreasing")" }.joined(separator: ", "))]) { first, _ in first }),
            note: holdout.isRecent ? "\(members[0].history.keptRounds) of \(booster.rounds) stumps kept" + RecentValidation.roundsNote(windows: members.count)
                : members.count == 1 ? "\(kept[0]) stumps kept"
                : "average of \(members.count) fold models; stumps kept: \(kept.joined(separator: ", "))",
            heldOutLogLoss: loss,
            parts: members.enumerated().map { index, member in
                let history = member.history
                let heldOut: Int, fit: Int
                switch holdout {
                case .split(let train, let validation): (fit, heldOut) = (train.rowCount, validation.rowCount)
                case .recent(let windows, _): (fit, heldOut) = (windows[index].fit.rowCount, windows[index].validation.rowCount)
                case .folds(let leads, let folds): (fit, heldOut) = (leads.rowCount - folds[index].count, folds[index].count)
                }
                return TrainingReport.Fold(fitRows: fit, heldOutRows: heldOut,
                                           heldOutLogLoss: history.keptValidationLoss ?? .infinity,
                                           keptRounds: history.keptRounds, roundsRun: history.roundsRun,
                                           carriedRounds: history.carriedRounds)
            })
    }
}

/// Runs a trainer, turning its failure into `TrainingModelFailure` (which `CardTrainer` names the data
/// in) and a stop asked for by the round observer into `CancellationError`.
private func fitting<T>(_ model: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch StumpBoosterError.cancelled {
        throw CancellationError()
    } catch LogisticRegressionError.cancelled {
        throw CancellationError()
    } catch let error as CancellationError {
        throw error
    } catch {
        throw TrainingModelFailure(model: model, error: error)
    }
}

/// A trainer's error, before `CardTrainer` adds the data's name (`TrainingError.fitting`).
struct TrainingModelFailure: Error {
    var model: String
    var error: any Error
}
