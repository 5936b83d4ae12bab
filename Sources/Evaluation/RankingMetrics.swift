// Metrics that only use the order of the scores: they accept raw model scores and integer point totals as
// well as probabilities.

/// Area under the ROC curve: the probability that a random converted lead outscores a random lost one,
/// with a tie counted as half a win. Integer point totals tie a lot, so the half credit matters; it equals
/// the trapezoidal area under the (weighted) ROC curve, which is what scikit-learn's `roc_auc_score` computes.
///
/// O(n log n): one sort, then one pass over groups of tied scores.
/// - Throws: `EvaluationError.singleClass` when only one outcome carries weight (AUC is undefined), or an
///   input error (empty, length mismatch, outcome not 0/1, non-finite score, negative weight).
public func rocAUC(scores: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(EvaluationError) -> Double {
    let rows = try WeightedRows(scores: scores, outcomes: outcomes, weights: weights)
    try rows.requireBothClasses()
    return rocAUC(rows.tieGroupsDescending(), of: rows)
}

/// `rocAUC` from the tie groups of rows that have both classes (shared by `MetricSet`, which sorts once).
func rocAUC(_ groups: [TieGroup], of rows: WeightedRows) -> Double {
    var negativesBelow = 0.0
    var area = 0.0
    for group in groups.reversed() {
        area += group.positiveWeight * (negativesBelow + 0.5 * group.negativeWeight)
        negativesBelow += group.negativeWeight
    }
    return area / (rows.positiveWeight * rows.negativeWeight)
}

/// Average precision, scikit-learn's step definition of the area under the precision–recall curve:
/// AP = Σₖ (Rₖ − Rₖ₋₁) · Pₖ over thresholds at each distinct score, highest first, where Pₖ and Rₖ are the
/// (weighted) precision and recall of "score ≥ threshold". No interpolation, so it is not optimistic the
/// way the trapezoidal PR area is.
///
/// Needs converted rows only (with no lost rows, AP = 1).
/// - Throws: `EvaluationError.noConversions`, or an input error.
public func averagePrecision(scores: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(EvaluationError) -> Double {
    let rows = try WeightedRows(scores: scores, outcomes: outcomes, weights: weights)
    try rows.requireConversions()
    return averagePrecision(rows.tieGroupsDescending(), of: rows)
}

/// `averagePrecision` from the tie groups of rows with conversions.
func averagePrecision(_ groups: [TieGroup], of rows: WeightedRows) -> Double {
    var truePositives = 0.0
    var selected = 0.0
    var sum = 0.0
    for group in groups {
        truePositives += group.positiveWeight
        selected += group.weight
        if group.positiveWeight > 0 {
            sum += group.positiveWeight * (truePositives / selected)
        }
    }
    return sum / rows.positiveWeight
}

/// Kolmogorov–Smirnov statistic: the largest gap between the (weighted) score distributions of converted
/// and lost leads, max over thresholds t of |F₊(t) − F₋(t)|, i.e. max |TPR − FPR| along the ROC curve.
/// Credit-scoring's favourite separation measure; in [0, 1].
///
/// The distributions are compared only between distinct scores, so tied rows are never split.
/// - Throws: `EvaluationError.singleClass`, or an input error.
public func ksStatistic(scores: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(EvaluationError) -> Double {
    let rows = try WeightedRows(scores: scores, outcomes: outcomes, weights: weights)
    try rows.requireBothClasses()
    return ksStatistic(rows.tieGroupsDescending(), of: rows)
}

/// `ksStatistic` from the tie groups of rows that have both classes.
func ksStatistic(_ groups: [TieGroup], of rows: WeightedRows) -> Double {
    var positives = 0.0, negatives = 0.0, best = 0.0
    for group in groups {
        positives += group.positiveWeight
        negatives += group.negativeWeight
        best = max(best, abs(positives / rows.positiveWeight - negatives / rows.negativeWeight))
    }
    return best
}
