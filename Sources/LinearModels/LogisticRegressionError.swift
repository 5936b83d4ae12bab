/// Why a logistic regression cannot be fitted; each message says what to change.
public enum LogisticRegressionError: Error, Equatable, CustomStringConvertible {
    /// A setting out of its range; the message names it and what is allowed.
    case invalidParameter(String)
    /// The dataset has no outcome column.
    case noOutcome
    /// Every weighted row has the same outcome.
    case singleClass(converted: Bool)
    /// Sample weights of the wrong count, negative or not finite; the message says which row.
    case invalidSampleWeights(String)
    /// Without a penalty the weights would grow without bound.
    case separableWithoutPenalty
    /// The fit was stopped part-way: the running task was cancelled or the `LogisticFitObserver` returned
    /// `false`. Nothing was fitted; a caller that cancelled on purpose treats this as its own stop, not a failure.
    case cancelled

    public var description: String {
        switch self {
        case .invalidParameter(let message):
            return "invalid parameter: \(message)"
        case .noOutcome:
            return "the data has no outcome column to learn from; name the target column when loading (LoadOptions.target)"
        case .singleClass(let converted):
            return "every weighted row is \(converted ? "converted" : "lost"); a classifier needs both outcomes"
        case .invalidSampleWeights(let message):
            return "invalid sample weights: \(message)"
        case .separableWithoutPenalty:
            return "the training rows are perfectly separable, so the unpenalised weights are infinite; set strength > 0 (an L2 penalty keeps them finite)"
        case .cancelled:
            return "the logistic fit was cancelled"
        }
    }
}
