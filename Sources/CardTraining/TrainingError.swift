import LeadData
import PointExport

/// Why `CardTrainer` could not make a card, in the library's terms: each case says which input or
/// option is at fault and carries the underlying error. A command line maps them to its own flags.
public enum TrainingError: Error, CustomStringConvertible {
    /// An option that cannot work, before any data is read.
    case invalidOption(OptionProblem)
    /// The training (or test) leads have no outcome column: set `LoadOptions.target`.
    case noOutcome(data: String)
    /// The leads cannot be split as asked (too few of one outcome, a time column that is not a date…).
    case splitting(data: String, SplitError)
    /// A trainer failed (no usable feature, a monotone constraint on a column that is not numeric…).
    case fitting(data: String, model: String, any Error)
    /// The model could not become a valid card (no signal, tiers the totals cannot support…).
    case export(data: String, PointExportError)

    /// An option out of range or in conflict with another.
    public enum OptionProblem: Sendable, Equatable {
        /// The scale's maximum must be at least 2.
        case scaleTooSmall(Int)
        /// A criteria limit must be at least 1.
        case maxCriteriaBelowOne(Int)
        /// The stumps trainer needs at least one boosting round.
        case roundsBelowOne(Int)
        /// The learning rate must be above 0 and at most 1.
        case learningRateOutOfRange(Double)
    }

    public var description: String {
        switch self {
        case .invalidOption(.scaleTooSmall(let maximum)):
            return "the scale's maximum must be at least 2 points, not \(maximum)"
        case .invalidOption(.maxCriteriaBelowOne(let limit)):
            return "the criteria limit must be at least 1, not \(limit)"
        case .invalidOption(.roundsBelowOne(let rounds)):
            return "the stumps trainer needs at least 1 boosting round, not \(rounds)"
        case .invalidOption(.learningRateOutOfRange(let rate)):
            return "the learning rate must be above 0 and at most 1, not \(rate)"
        case .noOutcome(let data):
            return "\(data): the leads have no outcome column; name the target column"
        case .splitting(let data, let error):
            return "\(data): \(error)"
        case .fitting(let data, let model, let error):
            return "\(data): training \(model) failed: \(error)"
        case .export(let data, .noSignal):
            return "\(data): no criterion changes the score: the model found no effect that holds on held-out leads"
                + " (with few leads, early stopping keeps no round); train on more leads or with other columns"
        case .export(let data, .invalidTiers(let reason)):
            return "\(data): the tiers do not fit this card: \(reason); choose other tier thresholds or fewer tiers"
        case .export(let data, let error):
            return "\(data): \(error)"
        }
    }
}
