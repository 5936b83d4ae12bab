import ProbabilityCalibration
import ScoreCardFormat

/// How integer totals become conversion probabilities.
public enum TotalsCalibrationMethod: String, Sendable, Codable, CaseIterable {
    /// A logistic curve in the points (two parameters: steady on small held-out sets).
    case platt
    /// A monotone step function (no shape assumed; needs more held-out conversions).
    case isotonic
}

extension TotalsCalibrationMethod {
    /// A probability for every reachable total, fitted on held-out totals measured after rounding.
    func calibration(totals: [Int], labels: [UInt8], reachable: [Int]) throws(PointExportError) -> Calibration {
        let scores = totals.map(Double.init)
        do {
            switch self {
            case .platt:
                let fitted = try PlattCalibrator.fit(scores: scores, outcomes: labels)
                return Calibration(method: rawValue, table: table(reachable, fitted),
                                   logistic: LogisticForm(intercept: fitted.intercept, slope: fitted.slope))
            case .isotonic:
                return Calibration(method: rawValue, table: table(reachable, try IsotonicCalibrator.fit(scores: scores, outcomes: labels)))
            }
        } catch {
            throw .calibrationFailed(error.description)
        }
    }

    private func table(_ reachable: [Int], _ calibrator: some ScoreCalibrator) -> [CalibrationEntry] {
        reachable.map { CalibrationEntry(points: $0, probability: calibrator.probability(for: Double($0))) }
    }
}
