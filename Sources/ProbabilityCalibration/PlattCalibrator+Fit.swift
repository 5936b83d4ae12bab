import Foundation
import LeadMath

extension PlattCalibrator {
    /// Fits with Platt's prior-corrected targets (the usual choice; see `fit(scores:outcomes:weights:priorCorrection:)`).
    public static func fit(scores: [Double], outcomes: [UInt8], weights: [Double]? = nil) throws(CalibrationError) -> PlattCalibrator {
        try fit(scores: scores, outcomes: outcomes, weights: weights, priorCorrection: true)
    }

    /// Fits a and b by maximising the (weighted) log-likelihood of the outcomes with Newton's method.
    ///
    /// The problem has two parameters, so each Newton step solves a 2×2 system exactly; an Armijo
    /// backtracking line search makes every step decrease the loss, and the loss is convex, so the method
    /// converges from the start a = 0, b = log-odds of the targets' mean. Scores are standardised internally
    /// (mean 0, standard deviation 1) and a, b mapped back at the end, so raw scores in the thousands behave
    /// like probabilities. Stops when every gradient component is below 10⁻¹⁰ per unit of total weight.
    ///
    /// - Parameters:
    ///   - priorCorrection: use targets (N₊+1)/(N₊+2) and 1/(N₋+2) instead of 1 and 0 (Platt 1999;
    ///     scikit-learn does the same). Turning it off gives the plain maximum-likelihood fit, which has no
    ///     finite solution when a threshold separates the classes.
    /// - Throws: `CalibrationError.singleClass`, `.constantScores`, `.separable` (only without prior
    ///   correction), `.scoreNotIncreasing` when the fitted slope is ≤ 0, `.didNotConverge`, or an input error.
    public static func fit(
        scores: [Double], outcomes: [UInt8], weights: [Double]? = nil, priorCorrection: Bool
    ) throws(CalibrationError) -> PlattCalibrator {
        let data = try CalibrationData(scores: scores, outcomes: outcomes, weights: weights)
        let totalWeight = data.positiveWeight + data.negativeWeight

        var mean = 0.0
        for i in 0..<data.count { mean += data.weights[i] * data.scores[i] }
        mean /= totalWeight
        var variance = 0.0
        for i in 0..<data.count { variance += data.weights[i] * (data.scores[i] - mean) * (data.scores[i] - mean) }
        let spread = (variance / totalWeight).squareRoot()
        guard spread > 0, spread > 1e-12 * max(1, abs(mean)) else { throw .constantScores }
        if !priorCorrection, isSeparable(data) { throw .separable }

        let (positiveTarget, negativeTarget) = priorCorrection ? data.priorCorrectedTargets : (1, 0)
        let x = data.scores.map { ($0 - mean) / spread }
        let t = data.outcomes.map { $0 == 1 ? positiveTarget : negativeTarget }
        let objective = PlattObjective(x: x, targets: t, weights: data.weights)

        let meanTarget = (data.positiveWeight * positiveTarget + data.negativeWeight * negativeTarget) / totalWeight
        var theta = (a: 0.0, b: log(meanTarget / (1 - meanTarget)))
        let tolerance = 1e-10 * totalWeight
        let maxIterations = 100
        var converged = false
        var gradientNorm = Double.infinity
        for _ in 0..<maxIterations {
            let (loss, g, h) = objective.evaluate(a: theta.a, b: theta.b)
            gradientNorm = max(abs(g.a), abs(g.b))
            if gradientNorm <= tolerance { converged = true; break }
            // Newton direction −H⁻¹g; H is positive definite unless every p(1−p) underflows.
            let determinant = h.aa * h.bb - h.ab * h.ab
            guard determinant > 0 else { break }
            let directionA: Double = (h.ab * g.b - h.bb * g.a) / determinant
            let directionB: Double = (h.ab * g.a - h.aa * g.b) / determinant
            let direction = (a: directionA, b: directionB)
            let slopeAlongDirection = g.a * direction.a + g.b * direction.b
            var step = 1.0
            var accepted = false
            for _ in 0..<40 {
                let trial = (a: theta.a + step * direction.a, b: theta.b + step * direction.b)
                let (trialLoss, trialGradient, _) = objective.evaluate(a: trial.a, b: trial.b)
                let armijo = trialLoss <= loss + 1e-4 * step * slopeAlongDirection
                // Near the optimum the decrease drops below the rounding error of a sum of n losses (up to
                // n·ε·|loss|) and Armijo fails by chance; then, as scikit-learn's Newton solver does, accept a
                // step that shrinks the gradient instead. A fixed 100·ε bound was too tight at 250 000 rows:
                // the search crawled and the fit gave up with the gradient still at 0.01.
                let noise = max(100, Double(data.count)) * Double.ulpOfOne * abs(loss)
                let flat = abs(trialLoss - loss) <= noise
                    && abs(trialGradient.a) + abs(trialGradient.b) < abs(g.a) + abs(g.b)
                if armijo || flat {
                    theta = trial
                    accepted = true
                    break
                }
                step /= 2
            }
            // No decrease possible: the loss is flat to rounding, which is convergence if the gradient is small.
            if !accepted {
                converged = gradientNorm <= 1e-6 * totalWeight
                break
            }
        }
        guard converged else { throw .didNotConverge(iterations: maxIterations, gradient: gradientNorm) }

        let slope = theta.a / spread
        guard slope > 0 else { throw .scoreNotIncreasing(slope: slope) }
        return try PlattCalibrator(slope: slope, intercept: theta.b - theta.a * mean / spread,
                                   priorCorrected: priorCorrection)
    }

    /// True when some threshold puts every lost row at or below it and every converted row at or above it
    /// (or the reverse): then the unpenalised likelihood keeps growing as the slope goes to ±∞.
    private static func isSeparable(_ data: CalibrationData) -> Bool {
        var positive = (min: Double.infinity, max: -Double.infinity)
        var negative = (min: Double.infinity, max: -Double.infinity)
        for i in 0..<data.count {
            let s = data.scores[i]
            if data.outcomes[i] == 1 {
                positive = (min(positive.min, s), max(positive.max, s))
            } else {
                negative = (min(negative.min, s), max(negative.max, s))
            }
        }
        return negative.max <= positive.min || positive.max <= negative.min
    }
}

/// −Σ wᵢ [tᵢ log σ(zᵢ) + (1 − tᵢ) log(1 − σ(zᵢ))] with zᵢ = a·xᵢ + b, its gradient and Hessian.
/// Written as Σ wᵢ [softplus(zᵢ) − tᵢ zᵢ], which is exact and never takes log(0).
private struct PlattObjective {
    let x: [Double]
    let targets: [Double]
    let weights: [Double]

    func evaluate(a: Double, b: Double)
        -> (loss: Double, gradient: (a: Double, b: Double), hessian: (aa: Double, ab: Double, bb: Double)) {
        var loss = 0.0, ga = 0.0, gb = 0.0, haa = 0.0, hab = 0.0, hbb = 0.0
        for i in x.indices {
            let xi = x[i], w = weights[i]
            let z = a * xi + b
            let p = logistic(z)
            loss += w * (softplus(z) - targets[i] * z)
            let residual = w * (p - targets[i])
            ga += residual * xi
            gb += residual
            let curvature = w * p * (1 - p)
            haa += curvature * xi * xi
            hab += curvature * xi
            hbb += curvature
        }
        return (loss, (ga, gb), (haa, hab, hbb))
    }
}
