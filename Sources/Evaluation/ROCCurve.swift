/// One corner of a ROC curve: leads scoring at least `threshold` are called converted.
public struct ROCPoint: Codable, Sendable, Equatable {
    /// The lowest score called converted; `.infinity` for the first corner, where nothing is.
    public var threshold: Double
    /// Share of lost leads (by weight) called converted.
    public var falsePositiveRate: Double
    /// Share of converted leads (by weight) called converted: the recall.
    public var truePositiveRate: Double

    /// A point of the curve: at `threshold`, the false and true positive rates.
    public init(threshold: Double, falsePositiveRate: Double, truePositiveRate: Double) {
        self.threshold = threshold
        self.falsePositiveRate = falsePositiveRate
        self.truePositiveRate = truePositiveRate
    }
}

/// The ROC curve's corners, one per distinct score from the highest down, after a first corner at (0, 0):
/// scikit-learn's `roc_curve(..., drop_intermediate=False)`. A block of tied scores is one step, a straight
/// diagonal segment, so the trapezoidal area under these points is `rocAUC` with ties counted as half.
/// Integer point totals have few distinct values, so every corner is kept: a plot needs no thinning.
/// - Throws: `EvaluationError.singleClass` (the rates need both outcomes), or an input error.
public func rocCurve(scores: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(EvaluationError) -> [ROCPoint] {
    let rows = try WeightedRows(scores: scores, outcomes: outcomes, weights: weights)
    try rows.requireBothClasses()
    var points = [ROCPoint(threshold: .infinity, falsePositiveRate: 0, truePositiveRate: 0)]
    var positives = 0.0, negatives = 0.0
    for group in rows.tieGroupsDescending() {
        positives += group.positiveWeight
        negatives += group.negativeWeight
        points.append(ROCPoint(threshold: group.score, falsePositiveRate: negatives / rows.negativeWeight,
                               truePositiveRate: positives / rows.positiveWeight))
    }
    return points
}
