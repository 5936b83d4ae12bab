/// The loss curve of a boosting run, for reports and for choosing the number of rounds.
public struct TrainingHistory: Codable, Sendable, Equatable {
    /// Why boosting ended.
    public enum StopReason: String, Codable, Sendable {
        /// `rounds` stumps were fitted.
        case roundLimit
        /// The validation loss did not improve for `earlyStoppingPatience` rounds.
        case earlyStopping
        /// No feature had a split that lowered the training loss within the leaf constraints.
        case noUsefulSplit
    }

    /// Mean log loss on all training rows after `k` stumps, `k = 0…roundsRun` (entry 0: intercept only).
    public var trainingLoss: [Double]
    /// The same on the validation rows; empty when no validation data was given.
    public var validationLoss: [Double]
    /// Stumps the model keeps: the round count with the lowest validation loss under early stopping,
    /// else every round run.
    public var keptRounds: Int
    /// Why boosting ended: the round limit, early stopping, or no useful split left.
    public var stopReason: StopReason

    /// A history from its curves, the rounds kept and the stop reason.
    public init(trainingLoss: [Double], validationLoss: [Double], keptRounds: Int, stopReason: StopReason) {
        self.trainingLoss = trainingLoss
        self.validationLoss = validationLoss
        self.keptRounds = keptRounds
        self.stopReason = stopReason
    }

    /// Rounds fitted before stopping (some may have been dropped by early stopping).
    public var roundsRun: Int { trainingLoss.count - 1 }
}
