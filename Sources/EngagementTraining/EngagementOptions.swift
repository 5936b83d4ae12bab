import Engagement

/// How `EngagementTrainer` learns a card from leads and their events.
public struct EngagementOptions: Sendable, Equatable {
    /// Snapshot rule and horizon of the label.
    public var plan: SnapshotPlan
    /// Half-lives tried per event type (days); `nil` is "no decay".
    public var halfLifeGrid: [Double?]
    /// Caps tried per event type, as decayed counts (`nil`: no cap in the fit; the card then caps at the
    /// largest count seen on training snapshots).
    public var capGrid: [Double?]
    /// Rounds of the coordinate-wise search over event types.
    public var rounds: Int
    /// Shares of leads (oldest first) for training and validation; the newest rest is the test set.
    public var trainFraction: Double, validationFraction: Double
    /// Top of the card's score range.
    public var maximumPoints: Int
    /// Quantile bins for numeric fit attributes.
    public var numericBins: Int
    /// L2 strength of the logistic fits (λ).
    public var strength: Double
    /// Half-lives are searched on the conversion hazard over steps this long (`HazardSearch`): one day,
    /// the finest grain a daily activity log supports.
    public var hazardStep: TimeSpan
    /// Share of non-converting lead-steps kept for the half-life search (every converting one is kept).
    public var negativeShare: Double
    /// Length of the calendar periods whose own base rate the half-life search controls for; `nil`: none.
    public var calendarPeriod: TimeSpan?
    /// Golden-section steps per event type and round after the grid.
    public var goldenSteps: Int

    /// Options with these settings; each parameter sets the property of the same name.
    public init(plan: SnapshotPlan = SnapshotPlan(), halfLifeGrid: [Double?] = Self.defaultHalfLives, capGrid: [Double?] = [1, 2, 3, 4, 6, 10, nil],
                rounds: Int = 2, trainFraction: Double = 0.6, validationFraction: Double = 0.2, maximumPoints: Int = 100,
                numericBins: Int = 8, strength: Double = 1e-4, hazardStep: TimeSpan = TimeSpan(days: 1), negativeShare: Double = 0.1,
                calendarPeriod: TimeSpan? = TimeSpan(days: 30), goldenSteps: Int = 6) {
        self.plan = plan
        self.halfLifeGrid = halfLifeGrid
        self.capGrid = capGrid
        self.rounds = rounds
        self.trainFraction = trainFraction
        self.validationFraction = validationFraction
        self.maximumPoints = maximumPoints
        self.numericBins = numericBins
        self.strength = strength
        self.hazardStep = hazardStep
        self.negativeShare = negativeShare
        self.calendarPeriod = calendarPeriod
        self.goldenSteps = goldenSteps
    }

    /// 1 day to a year, roughly ×1.4 apart, and no decay.
    public static let defaultHalfLives: [Double?] = [1, 1.5, 2, 3, 4, 5, 7, 10, 14, 20, 28, 40, 56, 80, 112, 160, 230, 365, nil]
}
