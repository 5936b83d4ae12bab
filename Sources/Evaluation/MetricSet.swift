/// The headline metrics of one set of predicted probabilities, computed in one call: the row of numbers
/// every trainer, the score card and every split of a report are compared by.
public struct MetricSet: Codable, Sendable, Equatable {
    /// ROC AUC, ties counted as half (`rocAUC`).
    public var auc: Double
    /// Average precision (`averagePrecision`).
    public var averagePrecision: Double
    /// Log loss with clipping at `logLossClip` (`logLoss`).
    public var logLoss: Double
    /// Brier score (`brierScore`).
    public var brier: Double
    /// Expected calibration error over `MetricSet.calibrationBins` equal-width bins.
    public var ece: Double
    /// Kolmogorov–Smirnov statistic (`ksStatistic`).
    public var ks: Double
    /// Converted rows and all rows (counts, whatever the weights).
    public var positives: Int
    /// Leads measured, so a reader can judge how much the figures can move.
    public var rows: Int
    /// Weighted share of converted rows (= positives / rows without weights).
    public var positiveRate: Double

    /// Bins of the ECE in a `MetricSet`: ten equal-width bins, the most common convention, so numbers are
    /// comparable across reports. The full reliability table in `SplitEvaluation` can use other binning.
    public static let calibrationBins = 10

    /// A metric set from its figures, for a caller restoring or comparing saved figures.
    public init(auc: Double, averagePrecision: Double, logLoss: Double, brier: Double, ece: Double, ks: Double,
                positives: Int, rows: Int, positiveRate: Double) {
        self.auc = auc
        self.averagePrecision = averagePrecision
        self.logLoss = logLoss
        self.brier = brier
        self.ece = ece
        self.ks = ks
        self.positives = positives
        self.rows = rows
        self.positiveRate = positiveRate
    }

    /// Computes every metric over predicted probabilities.
    /// - Throws: the first `EvaluationError` any metric raises; both classes must be present (for AUC) and
    ///   every prediction must be a probability (for log loss).
    public init(probabilities: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(EvaluationError) {
        let rows = try WeightedRows(scores: probabilities, outcomes: outcomes, weights: weights, probabilities: true)
        try rows.requireBothClasses()
        // The three ranking metrics read the same groups: one sort of the rows instead of three.
        let groups = rows.tieGroupsDescending()
        self.init(
            auc: Evaluation.rocAUC(groups, of: rows),
            averagePrecision: Evaluation.averagePrecision(groups, of: rows),
            logLoss: try Evaluation.logLoss(probabilities: probabilities, outcomes: outcomes, weights: weights),
            brier: try Evaluation.brierScore(probabilities: probabilities, outcomes: outcomes, weights: weights),
            ece: try Evaluation.expectedCalibrationError(probabilities: probabilities, outcomes: outcomes, weights: weights,
                                              bins: Self.calibrationBins, binning: .equalWidth),
            ks: Evaluation.ksStatistic(groups, of: rows),
            positives: outcomes.reduce(0) { $0 + Int($1) },
            rows: outcomes.count,
            positiveRate: rows.positiveWeight / rows.totalWeight)
    }
}
