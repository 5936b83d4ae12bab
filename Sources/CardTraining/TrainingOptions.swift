import LeadData
import PointExport

/// Everything that shapes a trained card, as plain values: what `leadscore train`'s flags set and what a
/// Swift caller sets directly. The defaults are the CLI's defaults.
public struct TrainingOptions: Sendable, Equatable {
    /// Which trainer learns the log-odds the card is rounded from.
    public enum Model: String, Sendable, Equatable, CaseIterable {
        /// L2-penalised logistic regression on binned features, its strength chosen on held-out leads.
        case logistic
        /// Gradient-boosted stumps, early-stopped on held-out leads (the default: one step function per feature).
        case stumps
        /// Both, and the one with the lower log loss on leads neither was tuned on (see `ModelChoice`).
        case auto
    }

    /// How the leads are split into training and test.
    public enum Split: Sendable, Equatable {
        /// Stratified by outcome, drawn with `seed`: 80 % to fit (cross-fitted in 4 folds up to
        /// `Holdout.crossFittingRows` leads), 20 % to test.
        case random
        /// Oldest 60 % fit, the next 20 % validate, the newest 20 % test: what a deployed card faces.
        /// The column must be a date or a number that grows with time.
        case timeOrdered(column: String)

        var isTimeOrdered: Bool { if case .timeOrdered = self { return true } else { return false } }

        func method(seed: UInt64) -> SplitMethod {
            switch self {
            case .random: return .stratified(seed: seed)
            case .timeOrdered(let column): return .timeOrdered(column: column)
            }
        }
    }

    /// Time-aware training: which of the leads before test the card's model learns from. Effects drift
    /// (a source that converted well last year, a demo request worth less now), and a model of all
    /// history averages the old effects with the new; one of the newest half reflects the new ones at the
    /// price of fewer leads. `auto` lets the rolling-origin windows judge both (`HistoryChoice`). The
    /// default is `all`: on online shoppers the windows favoured the newest half (paired z 1.67) and that
    /// card ranked the next two months at AUC 0.679 against 0.710 from all history, because the recent
    /// months resembled the windows but not the season that followed. Without a time split every lead
    /// before test is used.
    public enum History: String, Sendable, Equatable, CaseIterable {
        /// Every lead before test.
        case all
        /// The newest half of the leads before test (`Holdout.recentHistoryShare`); each validation
        /// window's model likewise learns from at most that many of the leads before its window.
        case recent
        /// `all` or `recent`, whichever the validation windows' pooled log loss (after refitting points →
        /// probability on each window) favours; `all` on a tie or with too few leads for four windows.
        case auto
    }

    /// Whether a numeric feature's points may only rise or only fall with its value: the stumps trainer
    /// fits under the constraint, and the card's shape is projected onto it whatever the trainer.
    public enum Direction: Int, Sendable, Equatable {
        /// More of the value may only add points (more visits never cost a lead points).
        case increasing = 1
        /// More of the value may only take points away (more days since the last activity never add any).
        case decreasing = -1
    }

    /// Which trainer learns the log-odds the card is rounded from (`auto` compares both on leads neither was tuned on).
    public var model: Model
    /// The card's maximum points, negative points, criteria limit and what the maximum is scaled to.
    public var scale: PointScale
    /// How tier thresholds are chosen (`TierRule.standard`: hot = top 20 %, warm = next 30 %, cold the
    /// rest; when the held-out totals cannot tell a tier apart, the standard rule keeps fewer tiers).
    public var tiers: TierRule
    /// How points map to a conversion probability.
    public var calibration: TotalsCalibrationMethod
    /// How test leads are set aside: at random (stratified by outcome) or the most recent by a date column.
    public var split: Split
    /// Seed of the split, the folds, the trainers' sampling.
    public var seed: UInt64
    /// Monotone shape per numeric column (any trainer; see `Direction`).
    public var monotone: [String: Direction]
    /// Drop criteria that do not improve the held-out fit (`CardExport.pruneUnhelpful`).
    public var pruneUnhelpful: Bool
    /// Stumps: the most boosting rounds per model. Early stopping (patience 50 on held-out leads) ends
    /// most fits well before it; the summary says when a fit ran into it (`roundLimit`), and then more
    /// rounds or a larger learning rate let it finish.
    public var rounds: Int
    /// Stumps: the shrinkage of every stump's leaf values. Smaller needs more rounds for the same fit.
    /// `nil` (the default): `defaultLearningRate`, or `largeDataLearningRate` above
    /// `Holdout.crossFittingRows` leads before test (`learningRate(forSplit:)`).
    public var learningRate: Double?
    /// Refit the model without the criteria selection leaves out (`CardExport.selectionTests`) before
    /// rounding it to points: the kept criteria then carry the effects the left-out ones had shared.
    /// Costs one more fit when selection leaves a criterion out; off gives the card of the first fit with
    /// the left-out criteria's points removed.
    public var refitAfterSelection = true
    /// Time-aware training: learn from all the leads before test (the default), the newest half, or
    /// whichever the validation windows favour beyond noise (`History`). Ignored without a time split.
    public var history: History = .all

    /// The default round cap of the stumps trainer.
    public static let defaultRounds = 1_000
    /// The default learning rate of the stumps trainer (LightGBM's).
    public static let defaultLearningRate = 0.1
    /// The default learning rate above `Holdout.crossFittingRows` leads before test, where one model is
    /// fitted on 60 % of the leads and early-stopped on the next 20 %. Shrinkage trades rounds for a
    /// smoother path; with hundreds of thousands of leads behind every stump the path ends at the same
    /// held-out loss in a third of the rounds: `synth_leads.py` 300 000 (seed 5) and 1 000 000 (seed 1)
    /// leads gave the same model test AUC at 0.3 as at 0.1 (0.7583 and 0.7604) with 2.5× and 2.2× less
    /// fitting, and at 5 000 000 leads 0.1 ran into the round cap (Benchmarks/scale/LEARNING-RATE.md).
    public static let largeDataLearningRate = 0.3

    /// The learning rate the stumps trainer uses: `learningRate` when set, else the default for how the
    /// leads are held out (`largeDataLearningRate` for one validation split of many leads).
    func learningRate(for holdout: Holdout) -> Double {
        if let learningRate { return learningRate }
        if case .split = holdout { return Self.largeDataLearningRate }
        return Self.defaultLearningRate
    }

    /// The defaults are those of `leadscore train`: stumps, the standard scale, tiers and Platt calibration, a random split with seed 1.
    public init(model: Model = .stumps, scale: PointScale = PointScale(), tiers: TierRule = .standard,
                calibration: TotalsCalibrationMethod = .platt, split: Split = .random, seed: UInt64 = 1,
                monotone: [String: Direction] = [:], pruneUnhelpful: Bool = false,
                rounds: Int = TrainingOptions.defaultRounds, learningRate: Double? = nil) {
        self.model = model
        self.scale = scale
        self.tiers = tiers
        self.calibration = calibration
        self.split = split
        self.seed = seed
        self.monotone = monotone
        self.pruneUnhelpful = pruneUnhelpful
        self.rounds = rounds
        self.learningRate = learningRate
    }

    /// Throws the first option that cannot work, in the library's terms.
    public func validate() throws(TrainingError) {
        guard scale.maximum >= 2 else { throw .invalidOption(.scaleTooSmall(scale.maximum)) }
        if let limit = scale.maxCriteria, limit < 1 { throw .invalidOption(.maxCriteriaBelowOne(limit)) }
        guard rounds >= 1 else { throw .invalidOption(.roundsBelowOne(rounds)) }
        if let learningRate, !(learningRate > 0 && learningRate <= 1) { throw .invalidOption(.learningRateOutOfRange(learningRate)) }
    }
}
