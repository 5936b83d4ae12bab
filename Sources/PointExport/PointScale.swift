/// How learned log-odds become integer points.
public struct PointScale: Sendable, Equatable, Codable {
    /// The highest reachable total (100 gives a 0–100 card; 65 a "52/65" one).
    public var maximum: Int
    /// Allow a criterion to take points away (e.g. "no activity for 60+ days: −12"). Base points then
    /// keep every reachable total within 0…maximum. Without it each criterion's weakest condition is 0.
    public var allowNegative: Bool
    /// Keep only this many criteria, the ones whose points vary most across leads.
    public var maxCriteria: Int?
    /// Coordinate-descent sweeps that move single conditions by ±1 point towards the model.
    public var roundingSweeps: Int
    /// Which leads the maximum is for.
    public var reach: Reach

    /// What the scale's maximum is given to: every combination of best conditions, or the best training lead.
    public enum Reach: String, Sendable, Equatable, Codable {
        /// The best condition of every criterion together makes the maximum: no total is ever capped.
        case everyCombination
        /// The highest-scoring training lead makes the maximum; a new lead beyond it is capped there.
        /// No real lead meets the best condition of every criterion, so scaling to that combination
        /// leaves the top of the range empty and spends fewer points per unit of log-odds on the leads
        /// there are: rounding then costs more ranking.
        case trainingLeads
    }

    /// The defaults are the card format's: up to 100 points, none negative, every criterion kept.
    public init(maximum: Int = 100, allowNegative: Bool = false, maxCriteria: Int? = nil, roundingSweeps: Int = 20,
                reach: Reach = .trainingLeads) {
        self.reach = reach
        self.maximum = maximum
        self.allowNegative = allowNegative
        self.maxCriteria = maxCriteria
        self.roundingSweeps = roundingSweeps
    }
}
