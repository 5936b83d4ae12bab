/// How predictions are grouped for a reliability table.
public enum ReliabilityBinning: String, Codable, Sendable, CaseIterable {
    /// Bins of equal width on [0, 1]. Shows calibration where the predictions actually are not, but bins in
    /// the tails are often nearly empty.
    case equalWidth
    /// Bins holding (about) the same number of rows, with edges at quantiles of the predictions (of rows
    /// with weight > 0; weights then affect the bin means, not the edges). Tied predictions are never
    /// split, so with heavy ties some bins merge.
    case equalCount
}

/// One non-empty bin of a reliability table.
public struct ReliabilityBin: Codable, Sendable, Equatable {
    /// Bin edges; the bin holds predictions in (lower, upper] (the first bin also holds `lower`).
    public var lower: Double
    /// Upper end of the bin's predicted-probability range.
    public var upper: Double
    /// Rows with weight > 0 in the bin.
    public var rows: Int
    /// Total weight in the bin (equals `rows` without weights).
    public var weight: Double
    /// Weighted mean predicted probability.
    public var meanPredicted: Double
    /// Weighted share of converted rows: the rate the predictions should match.
    public var observedRate: Double

    /// A bin from its range, counts and rates.
    public init(lower: Double, upper: Double, rows: Int, weight: Double, meanPredicted: Double, observedRate: Double) {
        self.lower = lower
        self.upper = upper
        self.rows = rows
        self.weight = weight
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
    }
}

/// Predicted against observed conversion rate per bin: the data behind a reliability diagram and the
/// expected calibration error. Empty bins are left out (as in scikit-learn's `calibration_curve`), so no
/// entry is ever NaN.
public struct ReliabilityTable: Codable, Sendable, Equatable {
    /// How the bins were cut (equal width or equal count), since the calibration error depends on it.
    public var binning: ReliabilityBinning
    /// Bins requested; `bins` may hold fewer.
    public var binCount: Int
    /// The non-empty bins, by predicted probability.
    public var bins: [ReliabilityBin]
    /// Σ_bins (weight_b / total weight) · |meanPredicted_b − observedRate_b|.
    public var expectedCalibrationError: Double

    /// A diagram from its binning and bins.
    public init(binning: ReliabilityBinning, binCount: Int, bins: [ReliabilityBin]) {
        self.binning = binning
        self.binCount = binCount
        self.bins = bins
        let total = bins.reduce(0) { $0 + $1.weight }
        self.expectedCalibrationError = bins.reduce(0) { $0 + $1.weight / total * abs($1.meanPredicted - $1.observedRate) }
    }
}

/// Groups predicted probabilities into bins and compares each bin's mean prediction with its observed
/// conversion rate. Bin assignment follows scikit-learn's `calibration_curve` exactly (NumPy edges,
/// bins closed on the right), extended with weights.
/// - Parameters:
///   - bins: number of bins (default 10).
///   - binning: equal-width (default) or equal-count bins.
/// - Throws: `EvaluationError.invalidGroupCount`, `.probabilityOutOfRange`, or an input error.
public func reliabilityTable(
    probabilities: [Double], outcomes: [UInt8], weights: [Double]? = nil,
    bins: Int = 10, binning: ReliabilityBinning = .equalWidth
) throws(EvaluationError) -> ReliabilityTable {
    guard bins >= 1 else { throw .invalidGroupCount(bins) }
    let rows = try WeightedRows(scores: probabilities, outcomes: outcomes, weights: weights, probabilities: true)
    let edges: [Double]
    switch binning {
    case .equalWidth:
        edges = equalWidthEdges(bins: bins)
    case .equalCount:
        let weighted = probabilities.indices.filter { rows.weight($0) > 0 }.map { probabilities[$0] }
        edges = equalCountEdges(sortedValues: weighted.sorted(), bins: bins)
    }
    var count = [Int](repeating: 0, count: bins)
    var weight = [Double](repeating: 0, count: bins)
    var predicted = [Double](repeating: 0, count: bins)
    var observed = [Double](repeating: 0, count: bins)
    for i in probabilities.indices {
        let w = rows.weight(i)
        guard w > 0 else { continue }
        let b = binIndex(of: probabilities[i], edges: edges)
        count[b] += 1
        weight[b] += w
        predicted[b] += w * probabilities[i]
        observed[b] += w * Double(outcomes[i])
    }
    let table = (0..<bins).filter { weight[$0] > 0 }.map { b in
        ReliabilityBin(lower: edges[b], upper: edges[b + 1], rows: count[b], weight: weight[b],
                       meanPredicted: predicted[b] / weight[b], observedRate: observed[b] / weight[b])
    }
    return ReliabilityTable(binning: binning, binCount: bins, bins: table)
}

/// Expected calibration error: the weighted mean distance between predicted and observed conversion rate
/// over the bins of `reliabilityTable(...)`. 0 for perfectly calibrated bins; depends on the binning, so
/// always report it together with the bin count and strategy.
public func expectedCalibrationError(
    probabilities: [Double], outcomes: [UInt8], weights: [Double]? = nil,
    bins: Int = 10, binning: ReliabilityBinning = .equalWidth
) throws(EvaluationError) -> Double {
    try reliabilityTable(probabilities: probabilities, outcomes: outcomes, weights: weights,
                         bins: bins, binning: binning).expectedCalibrationError
}
