/// Isotonic calibration: the non-decreasing step function of the score closest (in weighted squared
/// error) to the 0/1 outcomes, found by pool-adjacent-violators.
///
/// Assumes only that a higher score never means a lower conversion rate, so it fixes any monotone
/// miscalibration Platt scaling cannot. The price is variance: with fewer than about a thousand calibration
/// rows it overfits (scikit-learn's documentation gives the same warning), and blocks with no conversions
/// get probability exactly 0 unless fitted with `priorCorrection`. Fit it only on rows the model did not
/// train on (see `ScoreCalibrator`).
///
/// Prediction matches scikit-learn's `IsotonicRegression(out_of_bounds: "clip")`: linear interpolation
/// between the `thresholds` (the first and last score of each block of equal fitted values), constant
/// beyond the fitted range. Interpolation rather than a step function because a score card needs a
/// probability for every integer point total, including totals absent from the calibration data; those
/// then fall between their neighbours' probabilities. At every score that was present the two agree (the
/// block's value), so on integer totals seen in calibration it behaves as a step function.
public struct IsotonicCalibrator: ScoreCalibrator, Equatable {
    /// Increasing scores where the calibration curve bends.
    public let thresholds: [Double]
    /// Non-decreasing probabilities at `thresholds`.
    public let values: [Double]

    /// A calibrator from stored knots (e.g. read from a score card).
    /// - Throws: `CalibrationError.invalidParameters` unless there is at least one knot, thresholds are
    ///   finite and strictly increasing, and values are non-decreasing probabilities.
    public init(thresholds: [Double], values: [Double]) throws(CalibrationError) {
        guard !thresholds.isEmpty, thresholds.count == values.count else {
            throw .invalidParameters("isotonic calibration needs as many values as thresholds, at least one (got \(thresholds.count) and \(values.count))")
        }
        for i in thresholds.indices {
            guard thresholds[i].isFinite else { throw .invalidParameters("threshold \(i) is not finite") }
            guard (0...1).contains(values[i]) else { throw .invalidParameters("value \(values[i]) at knot \(i) is not a probability") }
            if i > 0 {
                guard thresholds[i] > thresholds[i - 1] else { throw .invalidParameters("thresholds must increase (knot \(i))") }
                guard values[i] >= values[i - 1] else { throw .invalidParameters("values must not decrease (knot \(i))") }
            }
        }
        self.thresholds = thresholds
        self.values = values
    }

    /// Interpolated probability; scores outside the fitted range get the nearest end's value.
    /// A NaN score gives NaN.
    public func probability(for score: Double) -> Double {
        guard !score.isNaN else { return .nan }
        let last = thresholds.count - 1
        if score <= thresholds[0] { return values[0] }
        if score >= thresholds[last] { return values[last] }
        // Largest j with thresholds[j] ≤ score; then thresholds[j] ≤ score < thresholds[j + 1].
        var low = 0, high = last
        while high - low > 1 {
            let middle = (low + high) / 2
            if thresholds[middle] <= score { low = middle } else { high = middle }
        }
        // NumPy's `interp` formula, so predictions agree with scikit-learn to the last bits.
        let slope = (values[low + 1] - values[low]) / (thresholds[low + 1] - thresholds[low])
        return slope * (score - thresholds[low]) + values[low]
    }

    private enum CodingKeys: String, CodingKey { case thresholds, values }

    /// Decoding validates like `init(thresholds:values:)`, so a stored file cannot produce a decreasing curve.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let thresholds = try container.decode([Double].self, forKey: .thresholds)
        let values = try container.decode([Double].self, forKey: .values)
        do {
            try self.init(thresholds: thresholds, values: values)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: error.description)
        }
    }
}
