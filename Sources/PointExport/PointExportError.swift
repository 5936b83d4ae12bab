/// Why a model could not become a card.
public enum PointExportError: Error, Equatable, CustomStringConvertible {
    /// The training data has no outcome, so nothing can be calibrated or tiered.
    case noOutcome
    /// Every feature's contribution is constant on the training rows.
    case noSignal
    /// The tier rule cannot be met on these totals; the message says why.
    case invalidTiers(String)
    /// Fitting the points → probability table failed; the message says why.
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
