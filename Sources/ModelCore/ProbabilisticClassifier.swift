import Foundation
import LeadData
import LeadMath

/// A fitted model that gives each lead a conversion probability. Trainers are separate value types
/// holding their parameters (`LogisticRegression`, `StumpBooster`) whose `fit` returns one of these.
public protocol ProbabilisticClassifier: Sendable {
    /// Log-odds of conversion for every row.
    func logOdds(_ dataset: Dataset) throws -> [Double]
    /// The model as one step function per feature plus an intercept: the input of the score-card export.
    func additiveModel() throws -> AdditiveModel
}

extension ProbabilisticClassifier {
    /// Conversion probability of every row: the logistic function (`LeadMath.logistic`) of `logOdds`.
    public func predictProbability(_ dataset: Dataset) throws -> [Double] {
        try logOdds(dataset).map(logistic)
    }
}
