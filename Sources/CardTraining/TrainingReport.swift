import Evaluation
import PointExport
import ScoreCardFormat

/// How a training run went, as values: which model, on how many leads, how model and card did on the
/// test leads, the tiers, and each fold. `leadscore train` prints it; a caller can log or check it.
public struct TrainingReport: Sendable, Equatable {
    /// The test figures of a model or a card (probabilities from the card's calibration table).
    public struct Scores: Sendable, Equatable, Codable {
        /// Area under the ROC curve: how well the ranking separates converted from lost leads (0.5 = chance).
        public var auc: Double
        /// Mean log loss of the probabilities: lower is better; punishes confident mistakes.
        public var logLoss: Double
        /// Brier score, the mean squared error of the probabilities: lower is better.
        public var brier: Double
        /// Expected calibration error: how far stated probabilities are from observed conversion rates.
        public var ece: Double
    }

    /// How many leads did what. Under cross-fitting every fitting lead is also held out once.
    public struct Rows: Sendable, Equatable {
        /// Leads the card's model learned from.
        public var fit: Int
        /// Leads that chose rounds or the penalty, calibrated the card and set its tiers: the validation
        /// split, or all fitting leads out of fold.
        public var heldOut: Int
        /// Leads the test figures come from (never used before).
        public var test: Int
        /// Cross-fitting folds, or `nil` for a validation split.
        public var folds: Int?
    }

    /// One fitting / held-out pair: a fold of cross-fitting, or the validation split.
    public struct Fold: Sendable, Equatable {
        /// Leads this part's model learned from.
        public var fitRows: Int
        /// Leads this part's model was judged on (never seen by it).
        public var heldOutRows: Int
        /// The part's model's log loss on its held-out leads (at the chosen strength for logistic).
        public var heldOutLogLoss: Double
        /// Boosting rounds kept and run (stumps).
        public var keptRounds: Int?
        /// Rounds fitted before early stopping ended the part (stumps), carried ones included; `nil` for
        /// logistic regression.
        public var roundsRun: Int?
        /// Stumps a warm-started refit carried over from the first fit (counted in `keptRounds` and
        /// `roundsRun`); `nil` for a fit from scratch.
        public var carriedRounds: Int? = nil
    }

    /// "boosted stumps" or "logistic regression".
    public var model: String
    /// Why this model, or how training ended (rounds kept, strength chosen, warnings).
    public var modelNote: String
    /// The trainer's settings, as the card's provenance records them.
    public var trainer: TrainerRecord
    /// How test leads were chosen ("stratified random, seed 1", "test from FILE").
    public var split: String
    /// How many leads fitted, were held out and tested, so a reader can judge the figures' weight.
    public var rows: Rows
    /// One line on the fitting leads and how they were held out.
    public var holdout: String
    /// Where the tier history (and calibration) was measured.
    public var tiersMeasuredOn: String
    /// One entry per fitting/held-out part (4 folds, or the one validation split).
    public var folds: [Fold]
    /// For `auto`: both trainers' log loss on leads neither was tuned on, and the one chosen.
    public var modelChoice: ModelChoice?
    /// Time-aware training: which leads before test the model learned from, and the windows' verdict.
    public var historyChoice: HistoryChoice?
    /// Held-out log loss pooled over all parts: the yardstick of the strength search.
    public var heldOutLogLoss: Double
    /// Seconds to fit the model(s), excluding loading and the card export.
    public var fitSeconds: Double
    /// The model's own probabilities on the test leads: what rounding to points can at best keep.
    public var modelTest: Scores
    /// The card's calibrated points on the test leads: the figures a sales team gets.
    public var cardTest: Scores
    /// The card's tiers with their held-out history (as on the card).
    public var tiers: [Tier]
    /// Features of the model that became no criterion.
    public var droppedFeatures: [String]
    /// Criterion selection's held-out test of every feature of the first fit (before the refit without
    /// the criteria it left out): gain, standard error, p-value, kept. Empty when selection is off.
    public var selection: [CriterionTest] = []
    /// What the loader noticed about the data (columns dropped, rows without an outcome…).
    public var notes: [String]

    init(card: ScoreCard, points: PointModel, model: TrainedModel, modelTest: MetricSet, holdout: Holdout, testRows: Int,
         fitSeconds: Double, split: String, notes: [String]) {
        self.model = model.name
        modelNote = model.note
        trainer = model.record
        self.split = split
        rows = Rows(fit: holdout.fittingLeads.rowCount, heldOut: holdout.heldOutCount, test: testRows, folds: nil)
        switch holdout {
        case .split: tiersMeasuredOn = "the validation leads"
        case .recent: tiersMeasuredOn = "the newest leads before test (the newest validation window), each by the model of the older leads, which never saw it"
        case .folds(_, let folds):
            rows.folds = folds.count
            tiersMeasuredOn = "the training leads out of fold: each by a fold model that never saw it"
        }
        self.holdout = holdout.description
        folds = model.parts
        heldOutLogLoss = model.heldOutLogLoss
        self.fitSeconds = fitSeconds
        self.modelTest = Scores(auc: modelTest.auc, logLoss: modelTest.logLoss, brier: modelTest.brier, ece: modelTest.ece)
        let metrics = card.metrics
        cardTest = Scores(auc: metrics?.auc ?? .nan, logLoss: metrics?.logLoss ?? .nan, brier: metrics?.brier ?? .nan, ece: metrics?.ece ?? .nan)
        tiers = card.tiers
        droppedFeatures = points.droppedFeatures
        self.notes = notes
    }
}
