import FeatureEncoding
import LeadData
import LinearAlgebra

extension LogisticRegression {
    /// Learns an encoding of `dataset`'s feature columns (`encoding`) and the logistic weights on it.
    ///
    /// - Parameter sampleWeights: one non-negative weight per row, `nil` for all ones; class weights
    ///   multiply them.
    /// - Throws: `LogisticRegressionError` for bad parameters or data (no outcome, one class, perfectly
    ///   separable rows without a penalty), `DesignError` for columns that cannot be encoded.
    public func fit(_ dataset: Dataset, sampleWeights: [Double]? = nil) throws -> LogisticModel {
        try validate()
        guard let labels = dataset.labels else { throw LogisticRegressionError.noOutcome }
        let encoder = try DesignEncoder(fitting: dataset, options: encoding)
        let encoded = try encoder.encode(dataset)
        let design = Matrix(rows: encoded.rowCount, columns: encoded.columnCount, columnMajor: encoded.values)
        let fitted = try fit(design: design, labels: labels, sampleWeights: sampleWeights)
        let raw = encoder.rawScale(weights: fitted.weights, intercept: fitted.intercept)
        return LogisticModel(parameters: self, encoder: encoder, intercept: raw.intercept,
                             coefficients: raw.weights, diagnostics: fitted.diagnostics)
    }
}
