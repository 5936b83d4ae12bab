import FeatureEncoding

/// The limits every split must respect, from the booster's parameters.
struct SplitRules {
    let l2: Double
    let minLeafRows: Int
    let minLeafHessian: Double
    /// Categorical splits only: see `StumpBooster.categorySmoothing`, `categoryL2`, `minCategoryGroupRows`.
    var categorySmoothing = 0.0
    var categoryL2 = 0.0
    var minCategoryGroupRows = 1
}

/// Gradient sum, hessian sum and training rows of a set of bins.
struct LeafSums {
    var gradient = 0.0
    var hessian = 0.0
    var rows = 0

    static func + (a: LeafSums, b: LeafSums) -> LeafSums {
        LeafSums(gradient: a.gradient + b.gradient, hessian: a.hessian + b.hessian, rows: a.rows + b.rows)
    }

    static func - (a: LeafSums, b: LeafSums) -> LeafSums {
        LeafSums(gradient: a.gradient - b.gradient, hessian: a.hessian - b.hessian, rows: a.rows - b.rows)
    }

    /// The Newton leaf value before shrinkage: `−G / (H + l2)`.
    func value(l2: Double) -> Double { -gradient / (hessian + l2) }

    /// The loss decrease the leaf's Newton step buys (up to a factor ½): `G² / (H + l2)`.
    func score(l2: Double) -> Double { gradient * gradient / (hessian + l2) }
}

/// The best split found for one feature, with its leaves' Newton values before shrinkage.
struct SplitCandidate {
    var gain: Double
    var split: StumpSplit
    var leftValue: Double
    var rightValue: Double
}

/// The best split of one feature from its histogram, or `nil` when no split has positive gain within
/// the rules. Scans in a fixed order and keeps the first of equal gains, so ties break the same way
/// on every run.
///
/// - Numeric: every threshold between value bins, with the missing bin tried on each side when the
///   training data has missing values; that includes "missing vs. the rest". With a monotone
///   constraint (+1/−1) only splits whose right (higher) leaf is not lower/higher are kept, so the sum
///   of stumps stays monotone.
/// - Categorical (LightGBM's method): the categories with at least `categorySmoothing` rows sorted by
///   `G / (H + categorySmoothing)`, then every cut of that order whose two sides hold at least
///   `minCategoryGroupRows` rows, scored with `l2 + categoryL2`. Without the regularization the best
///   cut of this order is the best two-way partition (Fisher 1958); the smoothing and the larger
///   penalty keep a category of a few dozen rows from being chased round after round. Categories not
///   sorted (too few rows, or none, like an unused "other" bin) follow the leaf with more rows.
func bestSplit(histogram: UnsafePointer<Double>, rowCounts: [Int], feature: FeatureBins, monotone: Int,
               rules: SplitRules) -> SplitCandidate? {
    let sums = rowCounts.indices.map { bin in
        LeafSums(gradient: histogram[2 * bin], hessian: histogram[2 * bin + 1], rows: rowCounts[bin])
    }
    let total = sums.reduce(LeafSums(), +)
    let categorical = feature.isCategorical
    let l2 = categorical ? rules.l2 + rules.categoryL2 : rules.l2
    let minRows = categorical ? max(rules.minLeafRows, rules.minCategoryGroupRows) : rules.minLeafRows
    var best: SplitCandidate?

    func consider(_ left: LeafSums, _ split: (_ right: LeafSums) -> StumpSplit) {
        let right = total - left
        guard left.rows >= minRows, right.rows >= minRows,
              left.hessian >= rules.minLeafHessian, right.hessian >= rules.minLeafHessian,
              left.hessian + l2 > 0, right.hessian + l2 > 0 else { return }
        let (leftValue, rightValue) = (left.value(l2: l2), right.value(l2: l2))
        guard monotone == 0 || (monotone > 0 ? leftValue <= rightValue : leftValue >= rightValue) else { return }
        let gain = left.score(l2: l2) + right.score(l2: l2) - total.score(l2: l2)
        if gain > (best?.gain ?? 0) {
            best = SplitCandidate(gain: gain, split: split(right), leftValue: leftValue, rightValue: rightValue)
        }
    }

    if categorical {
        let sorted = sums.indices.filter { sums[$0].rows > 0 && Double(sums[$0].rows) >= rules.categorySmoothing }
        let unsorted = sums.indices.filter { !sorted.contains($0) }
        func key(_ bin: Int) -> Double {
            let denominator = sums[bin].hessian + rules.categorySmoothing
            return denominator > 0 ? sums[bin].gradient / denominator : 0
        }
        let order = sorted.sorted { key($0) != key($1) ? key($0) < key($1) : $0 < $1 }
        let unsortedSums = unsorted.reduce(LeafSums()) { $0 + sums[$1] }
        var prefix = LeafSums()
        for cut in order.indices.dropLast() {
            prefix = prefix + sums[order[cut]]
            let unsortedGoLeft = prefix.rows > total.rows - prefix.rows - unsortedSums.rows
            consider(unsortedGoLeft ? prefix + unsortedSums : prefix) { _ in
                .categories(leftBins: (order[...cut] + (unsortedGoLeft ? unsorted : [])).sorted())
            }
        }
    } else {
        let missing = sums[feature.missingBin]
        for missingGoesLeft in missing.rows > 0 ? [false, true] : [false] {
            var left = missingGoesLeft ? missing : LeafSums()
            for threshold in 0..<feature.valueBinCount {
                left = left + sums[threshold]
                // All value bins left is a split only when missing rows are on the right.
                if threshold == feature.valueBinCount - 1, missingGoesLeft || missing.rows == 0 { break }
                consider(left) { right in
                    .threshold(bin: threshold, missingGoesLeft: missing.rows > 0 ? missingGoesLeft : left.rows > right.rows)
                }
            }
        }
    }
    return best
}
