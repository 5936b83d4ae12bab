/// A two-sided confidence interval for a conversion rate.
public struct WilsonInterval: Codable, Sendable, Equatable {
    /// Lower end of the interval.
    public var lower: Double
    /// Upper end of the interval.
    public var upper: Double
    /// Confidence level, e.g. 0.95.
    public var confidence: Double

    /// An interval from its ends and confidence level.
    public init(lower: Double, upper: Double, confidence: Double) {
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
    }
}

/// Wilson score interval for a proportion of `successes` out of `trials` (Newcombe 1998, method 3;
/// the same numbers as SciPy's `binomtest(k, n).proportion_ci(method="wilson")`).
///
/// Chosen over the textbook p ± z·√(p(1−p)/n) because tiers can be small and their rates near 0 or 1, where
/// that interval collapses to zero width or leaves [0, 1]; Wilson's stays inside and keeps its coverage.
/// With sample weights pass weighted counts: the interval then treats them as frequency weights.
/// - Throws: `EvaluationError.emptyInput` for `trials` ≤ 0, `.invalidCount` if `successes` is outside
///   [0, trials], `.invalidConfidence` unless 0 < confidence < 1.
public func wilsonInterval(successes: Double, trials: Double, confidence: Double = 0.95) throws(EvaluationError) -> WilsonInterval {
    guard trials > 0, trials.isFinite else { throw .emptyInput }
    guard successes >= 0, successes <= trials else { throw .invalidCount(successes: successes, trials: trials) }
    guard confidence > 0, confidence < 1 else { throw .invalidConfidence(confidence) }
    let z = normalQuantile(0.5 + 0.5 * confidence)
    let p = successes / trials
    let denominator = 2 * (trials + z * z)
    let center = (2 * trials * p + z * z) / denominator
    let delta = z / denominator * (4 * trials * p * (1 - p) + z * z).squareRoot()
    return WilsonInterval(lower: successes == 0 ? 0 : center - delta,
                          upper: successes == trials ? 1 : center + delta,
                          confidence: confidence)
}
