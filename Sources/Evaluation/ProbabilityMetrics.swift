import Foundation

// Metrics that read the predictions as probabilities; they reject values outside [0, 1] rather than
// guess whether a raw score was meant.

/// Log loss clips probabilities to [`logLossClip`, 1 − `logLossClip`], so a confident mistake costs
/// −ln(10⁻¹⁵) ≈ 34.54 instead of infinity. The clip is applied to the probability given to the outcome that
/// happened (p for a conversion, 1 − p otherwise), so both kinds of mistake cost exactly the same;
/// clipping p itself would not, because 1 − 10⁻¹⁵ is not representable (its nearest double is 1 − 0.999·10⁻¹⁵).
/// scikit-learn ≥ 1.5 clips at the float epsilon (2.2·10⁻¹⁶) instead; the two differ only for probabilities
/// within 10⁻¹⁵ of 0 or 1.
public let logLossClip = 1e-15

/// Mean negative log-likelihood of the outcomes, −Σ wᵢ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)] / Σ wᵢ (natural log).
/// The proper scoring rule the trainers minimise; rewards honest probabilities, punishes confident errors.
/// - Throws: `EvaluationError.probabilityOutOfRange`, or an input error.
public func logLoss(probabilities: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(EvaluationError) -> Double {
    let rows = try WeightedRows(scores: probabilities, outcomes: outcomes, weights: weights, probabilities: true)
    var sum = 0.0
    for i in probabilities.indices {
        let p = probabilities[i]
        // 1 − p is exact for p ≥ ½ and within an ulp otherwise.
        let probabilityOfOutcome = outcomes[i] == 1 ? p : 1 - p
        sum += rows.weight(i) * -log(max(probabilityOfOutcome, logLossClip))
    }
    return sum / rows.totalWeight
}

/// Brier score, the mean squared difference Σ wᵢ (pᵢ − yᵢ)² / Σ wᵢ: bounded (0 best, 1 worst) so, unlike
/// log loss, one confident mistake cannot dominate it.
/// - Throws: `EvaluationError.probabilityOutOfRange`, or an input error.
public func brierScore(probabilities: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(EvaluationError) -> Double {
    let rows = try WeightedRows(scores: probabilities, outcomes: outcomes, weights: weights, probabilities: true)
    var sum = 0.0
    for i in probabilities.indices {
        let error = probabilities[i] - Double(outcomes[i])
        sum += rows.weight(i) * error * error
    }
    return sum / rows.totalWeight
}
