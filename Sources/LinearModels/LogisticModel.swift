import FeatureEncoding
import LeadData
import LinearAlgebra
import ModelCore

/// A fitted logistic regression: the encoder that turns leads into design columns and one weight per
/// column, on the **raw** scale of the data (a numeric weight is log-odds per unit of the column).
/// `Codable`, so a saved model scores new leads exactly as it did in training.
public struct LogisticModel: ProbabilisticClassifier, Codable, Sendable, Equatable {
    /// The parameters it was fitted with.
    public let parameters: LogisticRegression
    /// How data columns become design columns, learned on the training data and reused for every lead scored.
    public let encoder: DesignEncoder
    /// Log-odds of a lead whose every design column is 0 on the raw scale (numerics at 0, not their mean).
    public let intercept: Double
    /// One raw-scale weight per `terms` entry. A missing numeric is scored as its training mean, so it adds
    /// `weight · mean` plus the weight of its missing indicator.
    public let coefficients: [Double]
    /// How the fit went (solver, iterations, convergence, warnings).
    public let diagnostics: FitDiagnostics

    /// A model from its parts, as `fit` builds it and a decoded model restores it.
    public init(parameters: LogisticRegression, encoder: DesignEncoder, intercept: Double, coefficients: [Double],
                diagnostics: FitDiagnostics) {
        precondition(coefficients.count == encoder.terms.count)
        self.parameters = parameters
        self.encoder = encoder
        self.intercept = intercept
        self.coefficients = coefficients
        self.diagnostics = diagnostics
    }

    /// The design columns, in the order of `coefficients`.
    public var terms: [DesignTerm] { encoder.terms }

    /// The raw-scale weight of the design column with this label (`DesignTerm.label`), if there is one.
    public func coefficient(_ label: String) -> Double? {
        terms.firstIndex { $0.label == label }.map { coefficients[$0] }
    }

    /// Log-odds of conversion for every row: encoded like the training data (unseen levels as "other",
    /// absent features as missing), as codes, then a table look-up per feature and row.
    public func logOdds(_ dataset: Dataset) throws -> [Double] {
        let scaled = encoder.designScale(weights: coefficients, intercept: intercept)
        return try encoder.encodeCodes(dataset).margins(scaled.weights[...], offset: scaled.intercept)
    }
}
