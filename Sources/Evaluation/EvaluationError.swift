/// Why a metric could not be computed. Every metric either returns a finite number or throws one of these:
/// a NaN in a report is a silent lie about a model, an error names the cause and the fix.
public indirect enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No rows at all (or no rows in a split).
    case emptyInput
    /// Two per-row arrays disagree in length. `name` says which array (e.g. "outcomes", "weights").
    case lengthMismatch(name: String, expected: Int, actual: Int)
    /// An outcome other than 0 (lost) or 1 (converted).
    case invalidOutcome(index: Int, value: UInt8)
    /// A score or probability that is NaN or infinite.
    case nonFiniteScore(index: Int)
    /// A probability outside [0, 1] given to a metric that needs probabilities (log loss, Brier, calibration).
    case probabilityOutOfRange(index: Int, value: Double)
    /// A negative, NaN or infinite sample weight.
    case invalidWeight(index: Int, value: Double)
    /// Every weight is zero, so there is nothing to average.
    case zeroTotalWeight
    /// Only one outcome class carries weight, so a ranking metric (AUC, KS) is undefined.
    case singleClass(positives: Int, negatives: Int)
    /// No converted rows carry weight, so precision, lift and conversion shares are undefined.
    case noConversions
    /// A bin or group count below 1.
    case invalidGroupCount(Int)
    /// A tier index outside `0..<tierCount`.
    case invalidTier(index: Int, tier: Int, tierCount: Int)
    /// A success count outside [0, trials] for a confidence interval.
    case invalidCount(successes: Double, trials: Double)
    /// A confidence level outside (0, 1).
    case invalidConfidence(Double)
    /// A spread needs at least two folds.
    case tooFewFolds(Int)
    /// An error while evaluating the named split of a report.
    case inSplit(String, EvaluationError)

    public var description: String {
        switch self {
        case .emptyInput:
            return "no rows to evaluate"
        case .lengthMismatch(let name, let expected, let actual):
            return "\(name) has \(actual) values but there are \(expected) predictions; give one per row"
        case .invalidOutcome(let index, let value):
            return "outcome \(value) at row \(index) is not 0 (lost) or 1 (converted)"
        case .nonFiniteScore(let index):
            return "the score at row \(index) is NaN or infinite"
        case .probabilityOutOfRange(let index, let value):
            return "\(value) at row \(index) is not a probability in [0, 1]; calibrate raw scores before log loss, Brier or calibration error"
        case .invalidWeight(let index, let value):
            return "sample weight \(value) at row \(index) is not a finite number ≥ 0"
        case .zeroTotalWeight:
            return "all sample weights are zero"
        case .singleClass(let positives, let negatives):
            return "only one outcome class is present (\(positives) converted, \(negatives) lost rows with weight); AUC and KS need both"
        case .noConversions:
            return "no converted rows (with weight); precision, lift and conversion shares are undefined"
        case .invalidGroupCount(let count):
            return "\(count) bins or groups requested; need at least 1"
        case .invalidTier(let index, let tier, let tierCount):
            return "tier \(tier) at row \(index) is not in 0..<\(tierCount) (one per tier name)"
        case .invalidCount(let successes, let trials):
            return "\(successes) successes out of \(trials) trials is not a proportion"
        case .invalidConfidence(let level):
            return "confidence level \(level) must lie strictly between 0 and 1"
        case .tooFewFolds(let count):
            return "\(count) fold(s) given; a mean and spread need at least 2"
        case .inSplit(let name, let error):
            return "split '\(name)': \(error.description)"
        }
    }
}
