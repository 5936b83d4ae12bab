import Foundation
import LeadData

/// A fitted model that gives each lead a conversion probability. Trainers are separate value types
/// holding their parameters (`LogisticRegression`, `StumpBooster`) whose `fit` returns one of these.
public protocol ProbabilisticClassifier: Sendable {
    /// Log-odds of conversion for every row.
    func logOdds(_ dataset: Dataset) throws -> [Double]
    /// The model as one step function per feature plus an intercept: the input of the score-card export.
    func additiveModel() throws -> AdditiveModel
}

extension ProbabilisticClassifier {
    public func predictProbability(_ dataset: Dataset) throws -> [Double] {
        try logOdds(dataset).map(logistic)
    }
}

/// `1 / (1 + e^(-z))`, written so neither tail overflows.
@inlinable
public func logistic(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
}
