import FeatureEncoding

/// Why `StumpBooster.fit` could not train, each naming what to change.
public enum StumpBoosterError: Error, Equatable, CustomStringConvertible {
    /// A setting out of its range; the message names it and the range.
    case invalidParameter(String)
    /// The named part ("training" or "validation") has no outcome column.
    case noLabels(part: String)
    /// Every training row has the same outcome: there is nothing to separate.
    case singleClass(label: UInt8)
    /// The data has no feature column to split on: every column is an identifier, excluded or the target.
    case noFeatures
    /// A monotone constraint names a column that is not a numeric or boolean feature.
    case invalidConstraint(feature: String, reason: String)
    /// Binning the features failed (a column's role differs from the bins', for example).
    case binning(BinningError)
    /// The `roundObserver` asked to stop.
    case cancelled

    public var description: String {
        switch self {
        case .invalidParameter(let message):
            return message
        case .noLabels(let part):
            return "the \(part) data has no outcome column; name the target column when loading (LoadOptions.target)"
        case .singleClass(let label):
            return "every training row has outcome \(label); boosting needs both converted and lost leads"
        case .noFeatures:
            return "the training data has no numeric, boolean or categorical column to learn from"
        case .invalidConstraint(let feature, let reason):
            return "monotone constraint on '\(feature)': \(reason)"
        case .binning(let error):
            return error.description
        case .cancelled:
            return "training was cancelled"
        }
    }
}
