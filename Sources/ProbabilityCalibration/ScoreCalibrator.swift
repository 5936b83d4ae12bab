/// Maps a model score (a raw score, a probability, or a score card's integer point total) to a calibrated
/// conversion probability, monotonically: a higher score never gets a lower probability, so calibration
/// never reorders leads and leaves AUC unchanged.
///
/// Fit a calibrator only on data the model did not train on (a validation split, or out-of-fold
/// predictions from cross-validation). On training rows the model's scores are over-confident, and a
/// calibrator fitted there learns that over-confidence as if it were truth.
///
/// Calibrators are `Codable` so a fitted one can be stored with the model or score card it belongs to.
public protocol ScoreCalibrator: Codable, Sendable {
    /// Fits the calibrator to scores and their 0/1 outcomes (1 = converted), with optional sample weights.
    static func fit(scores: [Double], outcomes: [UInt8], weights: [Double]?) throws(CalibrationError) -> Self

    /// Calibrated probability of conversion for one score.
    func probability(for score: Double) -> Double
}

extension ScoreCalibrator {
    /// Calibrated probabilities for many scores.
    public func probabilities(for scores: [Double]) -> [Double] {
        scores.map { probability(for: $0) }
    }
}
