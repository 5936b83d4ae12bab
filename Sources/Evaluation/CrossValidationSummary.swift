import Foundation

/// Mean and spread of one metric over cross-validation folds.
public struct MetricSpread: Codable, Sendable, Equatable {
    public var mean: Double
    /// Sample standard deviation (divisor k − 1): the fold-to-fold variability, which is what tells whether
    /// two models' difference is more than noise. (It understates the error of the mean, since folds share
    /// training rows.)
    public var standardDeviation: Double

    public init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// - Precondition: at least two values (checked by `CrossValidationSummary`).
    init(_ values: [Double]) {
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        self.init(mean: mean, standardDeviation: (squares / Double(values.count - 1)).squareRoot())
    }
}

/// k-fold cross-validation results: each fold's metrics on its held-out part, and the mean ± spread of each.
public struct CrossValidationSummary: Codable, Sendable, Equatable {
    public var folds: [MetricSet]
    public var auc: MetricSpread
    public var averagePrecision: MetricSpread
    public var logLoss: MetricSpread
    public var brier: MetricSpread
    public var ece: MetricSpread
    public var ks: MetricSpread
    public var positiveRate: MetricSpread

    /// - Throws: `EvaluationError.tooFewFolds` for fewer than two folds.
    public init(folds: [MetricSet]) throws(EvaluationError) {
        guard folds.count >= 2 else { throw .tooFewFolds(folds.count) }
        self.folds = folds
        auc = MetricSpread(folds.map(\.auc))
        averagePrecision = MetricSpread(folds.map(\.averagePrecision))
        logLoss = MetricSpread(folds.map(\.logLoss))
        brier = MetricSpread(folds.map(\.brier))
        ece = MetricSpread(folds.map(\.ece))
        ks = MetricSpread(folds.map(\.ks))
        positiveRate = MetricSpread(folds.map(\.positiveRate))
    }
}
