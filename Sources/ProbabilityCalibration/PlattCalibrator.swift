import Foundation
import LeadMath

/// Platt scaling: p = σ(a·s + b), a one-feature logistic regression of the outcome on the score s.
///
/// Two parameters, so it needs little data and cannot overfit; it assumes the score's log-odds are linear
/// in s, which holds well for logistic-model scores and score-card point totals (points are scaled
/// log-odds). Use `IsotonicCalibrator` when that shape is wrong and there are thousands of calibration rows.
///
/// Monotone increasing by construction: a fitted or decoded calibrator always has slope a > 0. A fit that
/// finds a ≤ 0 throws `CalibrationError.scoreNotIncreasing` rather than warning, because a decreasing
/// calibrator would silently reverse the ranking of every lead; a score that really runs backwards should
/// be negated before calibrating, explicitly.
///
/// Fit it only on rows the model did not train on (see `ScoreCalibrator`).
public struct PlattCalibrator: ScoreCalibrator, Equatable {
    /// a: change in log-odds per unit of score. Always > 0.
    public let slope: Double
    /// b: log-odds at score 0.
    public let intercept: Double
    /// Whether the fit used Platt's prior-corrected targets (provenance only; prediction ignores it).
    public let priorCorrected: Bool

    /// A calibrator with given parameters (e.g. read from a score card).
    /// - Throws: `CalibrationError.invalidParameters` unless slope > 0 and both are finite.
    public init(slope: Double, intercept: Double, priorCorrected: Bool = true) throws(CalibrationError) {
        guard slope.isFinite, intercept.isFinite else {
            throw .invalidParameters("Platt slope and intercept must be finite, got \(slope) and \(intercept)")
        }
        guard slope > 0 else { throw .scoreNotIncreasing(slope: slope) }
        self.slope = slope
        self.intercept = intercept
        self.priorCorrected = priorCorrected
    }

    /// σ(a·s + b), evaluated without overflow for any score.
    public func probability(for score: Double) -> Double {
        logistic(slope * score + intercept)
    }

    private enum CodingKeys: String, CodingKey { case slope, intercept, priorCorrected }

    /// Decoding validates like `init(slope:intercept:priorCorrected:)`, so a stored file cannot produce a
    /// decreasing calibrator.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let slope = try container.decode(Double.self, forKey: .slope)
        let intercept = try container.decode(Double.self, forKey: .intercept)
        let priorCorrected = try container.decodeIfPresent(Bool.self, forKey: .priorCorrected) ?? true
        do {
            try self.init(slope: slope, intercept: intercept, priorCorrected: priorCorrected)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .slope, in: container, debugDescription: error.description)
        }
    }
}
