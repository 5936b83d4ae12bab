/// How one tier of a tiered score (e.g. A/B/C/D) performed.
public struct TierRow: Codable, Sendable, Equatable {
    /// The tier's name.
    public var name: String
    /// Rows with weight > 0 in the tier.
    public var rows: Int
    /// Total weight (= rows without weights).
    public var weight: Double
    /// Share of all leads (by weight) in the tier: what capacity the tier asks of sales.
    public var shareOfLeads: Double
    /// Converted weight in the tier.
    public var conversions: Double
    /// `nil` when the tier has no leads: a rate of 0/0 is unknown, not zero.
    public var conversionRate: Double?
    /// Share of all conversions that fall in this tier: what a sales team working only this tier would catch.
    public var shareOfConversions: Double
    /// Wilson interval for `conversionRate`; `nil` when the tier has no leads.
    public var conversionInterval: WilsonInterval?

    /// A tier row from its figures, as `TierConversion` computes them.
    public init(name: String, rows: Int, weight: Double, shareOfLeads: Double, conversions: Double,
                conversionRate: Double?, shareOfConversions: Double, conversionInterval: WilsonInterval?) {
        self.name = name
        self.rows = rows
        self.weight = weight
        self.shareOfLeads = shareOfLeads
        self.conversions = conversions
        self.conversionRate = conversionRate
        self.shareOfConversions = shareOfConversions
        self.conversionInterval = conversionInterval
    }
}

/// Conversion by tier, in the order of the tier names.
public struct TierTable: Codable, Sendable, Equatable {
    /// One row per tier, in the card's order.
    public var tiers: [TierRow]
    /// Confidence level of the rates' Wilson intervals.
    public var confidence: Double

    /// A tier table from its rows and confidence level.
    public init(tiers: [TierRow], confidence: Double) {
        self.tiers = tiers
        self.confidence = confidence
    }
}

/// Per tier: share of leads, conversion rate with a Wilson interval, and share of all conversions captured.
/// The tiers are what a sales team acts on, so this is how a score card's cut-offs are judged.
/// - Parameters:
///   - tiers: tier index of each row, `0..<names.count`.
///   - names: tier names in index order (e.g. ["A", "B", "C"]).
///   - confidence: level of the Wilson intervals (default 0.95).
/// - Throws: `EvaluationError.invalidTier`, `.noConversions`, `.invalidConfidence`, or an input error.
public func tierTable(
    tiers: [Int], names: [String], outcomes: [UInt8], weights: [Double]? = nil, confidence: Double = 0.95
) throws(EvaluationError) -> TierTable {
    guard confidence > 0, confidence < 1 else { throw .invalidConfidence(confidence) }
    // Validate outcomes and weights through the shared checks; the tier index plays the score.
    let rows = try WeightedRows(scores: tiers.map(Double.init), outcomes: outcomes, weights: weights)
    try rows.requireConversions()
    var count = [Int](repeating: 0, count: names.count)
    var weight = [Double](repeating: 0, count: names.count)
    var conversions = [Double](repeating: 0, count: names.count)
    for i in tiers.indices {
        let tier = tiers[i]
        guard names.indices.contains(tier) else { throw .invalidTier(index: i, tier: tier, tierCount: names.count) }
        let w = rows.weight(i)
        guard w > 0 else { continue }
        count[tier] += 1
        weight[tier] += w
        conversions[tier] += outcomes[i] == 1 ? w : 0
    }
    var table: [TierRow] = []
    for (t, name) in names.enumerated() {
        let interval = weight[t] > 0
            ? try wilsonInterval(successes: min(conversions[t], weight[t]), trials: weight[t], confidence: confidence)
            : nil
        table.append(TierRow(
            name: name, rows: count[t], weight: weight[t], shareOfLeads: weight[t] / rows.totalWeight,
            conversions: conversions[t], conversionRate: weight[t] > 0 ? conversions[t] / weight[t] : nil,
            shareOfConversions: conversions[t] / rows.positiveWeight, conversionInterval: interval))
    }
    return TierTable(tiers: table, confidence: confidence)
}
