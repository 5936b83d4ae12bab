import ScoreCardFormat

/// Why a card operation could not be done, in the operation's terms; the CLI prints `description`.
public enum CardOperationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The leads have no outcome column, and the operation needs one.
    case noOutcome(operation: String)
    /// Too few converted or lost leads to fit on; `rule` states the minimum.
    case tooFewOutcomes(positives: Int, negatives: Int, rule: String)
    /// The card has no baseline in its provenance and none was given.
    case noBaseline
    /// A tier refit that does not fit the card's tiers.
    case invalidTiers(String)
    /// A fit or a measurement failed (the underlying message).
    case failed(String)
    /// An output could not be written; `reason` is the output writer's message, which names the path.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .noOutcome(let operation):
            return "\(operation) needs the outcome of every lead; name the outcome column when loading the leads (LoadOptions.target)"
        case .tooFewOutcomes(let positives, let negatives, let rule):
            return "too few outcomes to refit on: \(positives) converted and \(negatives) lost leads; \(rule). Use a longer recent period"
        case .noBaseline:
            return "the card has no training baseline in its provenance (cards from before LeadScore stored one); compute the baseline from the training file (a baseline file)"
        case .invalidTiers(let reason): return "tiers: \(reason)"
        case .failed(let reason): return reason
        case .cannotWrite(_, let reason): return reason
        }
    }
}
