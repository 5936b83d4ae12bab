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

    public init(maximum: Int = 100, allowNegative: Bool = false, maxCriteria: Int? = nil, roundingSweeps: Int = 20) {
        self.maximum = maximum
        self.allowNegative = allowNegative
        self.maxCriteria = maxCriteria
        self.roundingSweeps = roundingSweeps
    }
}
