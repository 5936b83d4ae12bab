/// Calibration rows after validation; rows with weight 0 are dropped here, once, for both calibrators.
struct CalibrationData {
    var scores: [Double] = []
    var outcomes: [UInt8] = []
    var weights: [Double] = []
    var positiveWeight = 0.0
    var negativeWeight = 0.0

    init(scores: [Double], outcomes: [UInt8], weights: [Double]?) throws(CalibrationError) {
        guard !scores.isEmpty else { throw .emptyInput }
        guard outcomes.count == scores.count else {
            throw .lengthMismatch(name: "outcomes", expected: scores.count, actual: outcomes.count)
        }
        if let weights, weights.count != scores.count {
            throw .lengthMismatch(name: "weights", expected: scores.count, actual: weights.count)
        }
        var positives = 0, negatives = 0
        for i in scores.indices {
            guard outcomes[i] <= 1 else { throw .invalidOutcome(index: i, value: outcomes[i]) }
            guard scores[i].isFinite else { throw .nonFiniteScore(index: i) }
            let w = weights?[i] ?? 1
            guard w.isFinite, w >= 0 else { throw .invalidWeight(index: i, value: w) }
            guard w > 0 else { continue }
            self.scores.append(scores[i])
            self.outcomes.append(outcomes[i])
            self.weights.append(w)
            if outcomes[i] == 1 {
                positiveWeight += w
                positives += 1
            } else {
                negativeWeight += w
                negatives += 1
            }
        }
        guard positiveWeight > 0, negativeWeight > 0 else { throw .singleClass(positives: positives, negatives: negatives) }
    }

    var count: Int { scores.count }

    /// Platt's prior-corrected targets (Platt 1999, §2.2): converted rows aim at (N₊ + 1)/(N₊ + 2) and lost
    /// rows at 1/(N₋ + 2) instead of 1 and 0, the posterior mean of a uniform prior on each class's rate.
    /// N± are weighted counts, as in scikit-learn. This keeps fitted probabilities away from exactly 0 and 1
    /// and the fit finite on separable data; the effect vanishes as N grows.
    var priorCorrectedTargets: (positive: Double, negative: Double) {
        ((positiveWeight + 1) / (positiveWeight + 2), 1 / (negativeWeight + 2))
    }
}
