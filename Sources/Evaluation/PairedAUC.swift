import Foundation

/// The difference between two scorers' ROC AUCs measured on the same leads, with DeLong's standard error
/// (DeLong, DeLong & Clarke-Pearson 1988). Two cards scored on one set of leads share that set's luck, so
/// the error of their *difference* is far smaller than either AUC's own; it is the one that says whether
/// "card B ranks better" means anything.
public struct PairedAUCDifference: Sendable, Equatable, Codable {
    /// AUC of the first score on these leads.
    public var firstAUC: Double
    /// AUC of the second score on the same leads.
    public var secondAUC: Double
    /// `firstAUC − secondAUC`.
    public var difference: Double
    /// DeLong's standard error of the difference, from the two cards' paired scores on the same leads.
    public var standardError: Double
    /// The confidence interval on `difference` at `level` (normal approximation).
    public var lower: Double
    /// Upper end of the confidence interval for the difference.
    public var upper: Double
    /// Confidence level of the interval (e.g. 0.95).
    public var level: Double
    /// Two-sided p-value of "no difference".
    public var pValue: Double

    /// Whether the interval excludes 0: one card ranks significantly better at `level`.
    public var isSignificant: Bool { lower > 0 || upper < 0 }
}

/// DeLong's paired test of AUC(first) − AUC(second) on the same rows (ties count one half, as in `rocAUC`).
/// Unweighted: every row counts once.
/// - Throws: an input error, or `singleClass` when the rows hold only one outcome.
public func pairedAUCDifference(first: [Double], second: [Double], outcomes: [UInt8],
                                level: Double = 0.95) throws(EvaluationError) -> PairedAUCDifference {
    guard level > 0, level < 1 else { throw .invalidConfidence(level) }
    guard second.count == first.count else { throw .lengthMismatch(name: "second scores", expected: first.count, actual: second.count) }
    let rows = try WeightedRows(scores: first, outcomes: outcomes, weights: nil)
    _ = try WeightedRows(scores: second, outcomes: outcomes, weights: nil)
    try rows.requireBothClasses()
    let a = Placements(scores: first, outcomes: outcomes)
    let b = Placements(scores: second, outcomes: outcomes)
    let (m, n) = (Double(a.positives.count), Double(a.negatives.count))
    // Var(A − B) = (S10_aa + S10_bb − 2 S10_ab) / m + (S01_aa + S01_bb − 2 S01_ab) / n, sample covariances.
    let variance = (covariance(a.positives, a.positives) + covariance(b.positives, b.positives) - 2 * covariance(a.positives, b.positives)) / m
        + (covariance(a.negatives, a.negatives) + covariance(b.negatives, b.negatives) - 2 * covariance(a.negatives, b.negatives)) / n
    let error = max(variance, 0).squareRoot()
    let difference = a.auc - b.auc
    let z = normalQuantile(0.5 + level / 2)
    let p = error > 0 ? erfc(abs(difference) / error / 2.0.squareRoot()) : (difference == 0 ? 1 : 0)
    return PairedAUCDifference(firstAUC: a.auc, secondAUC: b.auc, difference: difference, standardError: error,
                               lower: difference - z * error, upper: difference + z * error, level: level, pValue: p)
}

/// DeLong's structural components of one scorer: per converted lead, the share of lost leads it outranks;
/// per lost lead, the share of converted leads that outrank it (ties one half).
private struct Placements {
    var positives: [Double] = []
    var negatives: [Double] = []
    var auc: Double

    init(scores: [Double], outcomes: [UInt8]) {
        var positiveScores: [Double] = [], negativeScores: [Double] = []
        for (score, outcome) in zip(scores, outcomes) {
            if outcome == 1 { positiveScores.append(score) } else { negativeScores.append(score) }
        }
        let sortedPositives = positiveScores.sorted(), sortedNegatives = negativeScores.sorted()
        let (m, n) = (Double(positiveScores.count), Double(negativeScores.count))
        positives = positiveScores.map { score in
            let below = Double(sortedNegatives.countBelow(score)), equal = Double(sortedNegatives.countBelow(score, orEqual: true)) - below
            return (below + equal / 2) / n
        }
        negatives = negativeScores.map { score in
            let notAbove = Double(sortedPositives.countBelow(score, orEqual: true)), equal = notAbove - Double(sortedPositives.countBelow(score))
            return (m - notAbove + equal / 2) / m
        }
        auc = positives.reduce(0, +) / m
    }
}

/// Sample covariance (n − 1 in the denominator, as NumPy's `cov`); 0 for fewer than two values.
private func covariance(_ x: [Double], _ y: [Double]) -> Double {
    guard x.count > 1 else { return 0 }
    let (meanX, meanY) = (x.reduce(0, +) / Double(x.count), y.reduce(0, +) / Double(y.count))
    return zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) } / Double(x.count - 1)
}

extension Array where Element == Double {
    /// In an ascending array: how many elements are < `value` (or ≤ with `orEqual`), by binary search.
    fileprivate func countBelow(_ value: Double, orEqual: Bool = false) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value || (orEqual && self[middle] == value) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
