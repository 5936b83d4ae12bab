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

    /// Mean log loss on all training rows after `carriedRounds + k` stumps, `k = 0…` (entry 0: the intercept
    /// only, or the stumps a warm start carried over).
    public var trainingLoss: [Double]
    /// The same on the validation rows; empty when no validation data was given.
    public var validationLoss: [Double]
    /// Stumps the model keeps: the round count with the lowest validation loss under early stopping,
    /// else every round run.
    public var keptRounds: Int
    /// Why boosting ended: the round limit, early stopping, or no useful split left.
    public var stopReason: StopReason
    /// Stumps carried over from the model a warm start continued (`StumpBooster.fit(_:validation:continuing:)`);
    /// the curves begin after them. `nil`: a cold start.
    public var carriedRounds: Int?

    /// A history from its curves, the rounds kept (carried ones included) and the stop reason.
    public init(trainingLoss: [Double], validationLoss: [Double], keptRounds: Int, stopReason: StopReason, carriedRounds: Int? = nil) {
        self.trainingLoss = trainingLoss
        self.validationLoss = validationLoss
        self.keptRounds = keptRounds
        self.stopReason = stopReason
        self.carriedRounds = carriedRounds
    }

    /// Stumps in the model when boosting stopped, carried ones included (some may have been dropped by
    /// early stopping).
    public var roundsRun: Int { trainingLoss.count - 1 + (carriedRounds ?? 0) }

    /// The validation loss of the kept stumps; `nil` without validation data.
    public var keptValidationLoss: Double? {
        let index = keptRounds - (carriedRounds ?? 0)
        return validationLoss.indices.contains(index) ? validationLoss[index] : nil
    }
}
