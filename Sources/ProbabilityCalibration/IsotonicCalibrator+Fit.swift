extension IsotonicCalibrator {
    /// Fits on the 0/1 outcomes themselves, exactly as scikit-learn's `IsotonicRegression`.
    public static func fit(scores: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(CalibrationError) -> IsotonicCalibrator {
        try fit(scores: scores, outcomes: outcomes, weights: weights, priorCorrection: false)
    }

    /// Fits the isotonic regression of outcome on score, as scikit-learn does:
    /// 1. rows with weight 0 are dropped;
    /// 2. rows with equal scores are pooled first into one point (weighted mean outcome, summed weight): a
    ///    step function cannot give one score two values, and integer point totals tie heavily;
    /// 3. pool-adjacent-violators over those points, weighted, in O(n) after the O(n log n) sort;
    /// 4. only the first and last score of each block of equal fitted values is kept as a threshold.
    ///
    /// - Parameter priorCorrection: fit to Platt's prior-corrected targets (N₊+1)/(N₊+2) and 1/(N₋+2)
    ///   instead of 1 and 0. Since PAV commutes with increasing affine maps this is the plain fit squeezed
    ///   into [1/(N₋+2), (N₊+1)/(N₊+2)], so no score gets probability exactly 0 or 1 (which costs ~34.5 nats
    ///   of log loss each time such a lead converts after all).
    /// - Throws: `CalibrationError.singleClass`, or an input error.
    public static func fit(
        scores: [Double], outcomes: [UInt8], weights: [Double]? = nil, priorCorrection: Bool
    ) throws(CalibrationError) -> IsotonicCalibrator {
        let data = try CalibrationData(scores: scores, outcomes: outcomes, weights: weights)
        let (high, low) = priorCorrection ? data.priorCorrectedTargets : (1, 0)

        let order = (0..<data.count).sorted { data.scores[$0] < data.scores[$1] }
        var points: [PAVPoint] = []
        for i in order {
            let target = data.outcomes[i] == 1 ? high : low
            let w = data.weights[i]
            if let last = points.indices.last, points[last].lastScore == data.scores[i] {
                points[last].weightedSum += w * target
                points[last].weight += w
            } else {
                points.append(PAVPoint(firstScore: data.scores[i], lastScore: data.scores[i], weightedSum: w * target, weight: w))
            }
        }
        let blocks = poolAdjacentViolators(points)

        var thresholds: [Double] = []
        var values: [Double] = []
        for block in blocks {
            // Clamp: a weighted mean of values in [low, high] can leave that range by a rounding error.
            let value = min(max(block.weightedSum / block.weight, low), high)
            thresholds.append(block.firstScore)
            values.append(value)
            if block.lastScore > block.firstScore {
                thresholds.append(block.lastScore)
                values.append(value)
            }
        }
        return try IsotonicCalibrator(thresholds: thresholds, values: values)
    }
}

/// A run of consecutive scores with one fitted value: before PAV one distinct score, after it a block.
struct PAVPoint {
    var firstScore: Double
    var lastScore: Double
    /// Σ weight · target over the run; the run's value is weightedSum / weight.
    var weightedSum: Double
    var weight: Double

    var mean: Double { weightedSum / weight }
}

/// Weighted pool-adjacent-violators for a non-decreasing fit: push points left to right onto a stack of
/// blocks, merging the top two while the earlier block's mean is ≥ the later one's. Merging equal means too
/// (as scikit-learn does) leaves adjacent blocks strictly increasing, so block ends are exactly the points
/// where the fitted curve bends. Each point is merged at most once: O(n).
func poolAdjacentViolators(_ points: [PAVPoint]) -> [PAVPoint] {
    var blocks: [PAVPoint] = []
    blocks.reserveCapacity(points.count)
    for point in points {
        blocks.append(point)
        while blocks.count > 1, blocks[blocks.count - 2].mean >= blocks[blocks.count - 1].mean {
            let top = blocks.removeLast()
            blocks[blocks.count - 1].lastScore = top.lastScore
            blocks[blocks.count - 1].weightedSum += top.weightedSum
            blocks[blocks.count - 1].weight += top.weight
        }
    }
    return blocks
}
