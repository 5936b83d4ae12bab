/// Why a model could not become a card.
public enum PointExportError: Error, Equatable, CustomStringConvertible {
    case noOutcome
    /// Every feature's contribution is constant on the training rows.
    case noSignal
    case invalidTiers(String)
    case calibrationFailed(String)

    public var description: String {
        switch self {
        case .noOutcome: return "the training data has no outcome column; name the target column when loading (LoadOptions.target)"
        case .noSignal: return "no criterion changes the score on the training rows; nothing to give points to"
        case .invalidTiers(let reason): return "tiers: \(reason)"
        case .calibrationFailed(let reason): return "calibrating points to probabilities failed: \(reason)"
        }
    }
}
