/// One quantile group of a lift table; group 1 holds the highest scores.
public struct LiftRow: Codable, Sendable, Equatable {
    /// 1-based, 1 = the best-scored leads.
    public var group: Int
    /// Weight (leads, without weights) in the group: total / groups, possibly fractional, see `liftTable`.
    public var weight: Double
    /// Share of all leads (by weight) in the group.
    public var shareOfLeads: Double
    /// Converted weight in the group (fractional when a block of tied scores straddles a group boundary).
    public var positives: Double
    /// Conversion rate within the group: the lift is this over the overall rate.
    public var conversionRate: Double
    /// conversionRate / overall conversion rate: how many times better than picking leads at random.
    public var lift: Double
    /// Share of all leads in groups 1...group.
    public var cumulativeShareOfLeads: Double
    /// Cumulative gain: share of all conversions captured by groups 1...group.
    public var cumulativeGain: Double
    /// cumulativeGain / cumulativeShareOfLeads.
    public var cumulativeLift: Double
    /// Range of scores with rows in the group.
    public var minScore: Double
    /// The highest score in the group, so a group can be turned into a threshold.
    public var maxScore: Double

    /// A lift row from its figures, as `LiftTable` computes them.
    public init(group: Int, weight: Double, shareOfLeads: Double, positives: Double, conversionRate: Double,
                lift: Double, cumulativeShareOfLeads: Double, cumulativeGain: Double, cumulativeLift: Double,
                minScore: Double, maxScore: Double) {
        self.group = group
        self.weight = weight
        self.shareOfLeads = shareOfLeads
        self.positives = positives
        self.conversionRate = conversionRate
        self.lift = lift
        self.cumulativeShareOfLeads = cumulativeShareOfLeads
        self.cumulativeGain = cumulativeGain
        self.cumulativeLift = cumulativeLift
        self.minScore = minScore
        self.maxScore = maxScore
    }
}

/// Lift and cumulative gains by quantile group of the score.
public struct LiftTable: Codable, Sendable, Equatable {
    /// The groups, highest scores first.
    public var groups: [LiftRow]
    /// Conversion rate of all leads: the baseline every group's lift is measured against.
    public var overallConversionRate: Double

    /// A table from its rows and the overall rate.
    public init(groups: [LiftRow], overallConversionRate: Double) {
        self.groups = groups
        self.overallConversionRate = overallConversionRate
    }
}

/// Splits the leads, best score first, into `groups` groups of equal weight (deciles by default) and
/// reports each group's conversion rate, lift and the cumulative gains curve.
///
/// Ties: a block of equal scores that straddles a group boundary is shared between the groups in
/// proportion to the part of its weight that falls on each side, and carries the block's own conversion
/// rate into both. This is the expected result over every order the tied rows could have been sorted in,
/// so it does not depend on row order (sorting tied rows by index would favour whatever order the file had;
/// keeping blocks whole would make groups unequal, and empty ones when a score has few distinct values).
/// The consequence is that `weight` and `positives` can be fractional.
/// Works on any score (probability, raw score, integer point total): only the order is used.
/// - Throws: `EvaluationError.invalidGroupCount`, `.noConversions`, or an input error.
public func liftTable(scores: [Double], outcomes: [UInt8], weights: [Double]? = nil, groups: Int = 10) throws(EvaluationError) -> LiftTable {
    guard groups >= 1 else { throw .invalidGroupCount(groups) }
    let rows = try WeightedRows(scores: scores, outcomes: outcomes, weights: weights)
    try rows.requireConversions()
    let total = rows.totalWeight
    let overallRate = rows.positiveWeight / total
    // A tie block is listed in a group's score range only if a non-negligible part of it falls there, so that
    // rounding in the running sums cannot add a neighbour's score to the range.
    let negligible = total * 1e-12

    var result: [LiftRow] = []
    var blocks = rows.tieGroupsDescending()[...]
    var blockStart = 0.0  // cumulative weight before the first remaining block
    var cumulativeWeight = 0.0, cumulativePositives = 0.0
    for k in 0..<groups {
        let lower = total * Double(k) / Double(groups)
        let upper = k == groups - 1 ? total : total * Double(k + 1) / Double(groups)
        var weight = 0.0, positives = 0.0
        var minScore = Double.infinity, maxScore = -Double.infinity
        var largest = (overlap: 0.0, score: 0.0)
        var start = blockStart
        for block in blocks {
            let end = start + block.weight
            guard start < upper else { break }
            let overlap = min(end, upper) - max(start, lower)
            if overlap > 0 {
                weight += overlap
                positives += block.positiveWeight * (overlap / block.weight)
                if overlap > negligible {
                    minScore = min(minScore, block.score)
                    maxScore = max(maxScore, block.score)
                }
                if overlap > largest.overlap { largest = (overlap, block.score) }
            }
            start = end
        }
        if minScore > maxScore { (minScore, maxScore) = (largest.score, largest.score) }  // only if groups ≈ 10¹²
        // Drop blocks that end inside this group; the next group starts at the first one still open.
        while let block = blocks.first, blockStart + block.weight <= upper, k < groups - 1 {
            blockStart += block.weight
            blocks.removeFirst()
        }
        cumulativeWeight += weight
        cumulativePositives += positives
        let rate = positives / weight
        result.append(LiftRow(
            group: k + 1, weight: weight, shareOfLeads: weight / total, positives: positives,
            conversionRate: rate, lift: rate / overallRate,
            cumulativeShareOfLeads: cumulativeWeight / total,
            cumulativeGain: cumulativePositives / rows.positiveWeight,
            cumulativeLift: (cumulativePositives / cumulativeWeight) / overallRate,
            minScore: minScore, maxScore: maxScore))
    }
    return LiftTable(groups: result, overallConversionRate: overallRate)
}
