import Foundation
import LinearAlgebra

/// The L2-penalised logistic loss with an unpenalised intercept,
///
///     f(β, b) = Σᵢ cᵢ·[log(1 + e^{zᵢ}) − tᵢ·zᵢ] + (ridge / 2)·‖β‖²,   z = Xβ + b,
///
/// over a design `X` (n × p), targets `tᵢ ∈ {0, 1}` and row weights `cᵢ ≥ 0` (sample × class weight).
/// The parameter vector is `[β₁ … β_p, b]`: the intercept last, as LIBLINEAR's bias, and never penalised.
/// Gradient `Xᵀr + ridge·β` with `rᵢ = cᵢ(σ(zᵢ) − tᵢ)`; Hessian `XᵀDX + ridge·I` with `Dᵢ = cᵢσ(1 − σ)`
/// (plus the intercept's row and column), formed only on request.
struct LogisticLoss: TwiceDifferentiableObjective {
    let design: Matrix
    let targets: [Double]
    let rowWeights: [Double]
    let ridge: Double
    /// Rows per block when forming `XᵀDX`, so the scaled copy BLAS needs is a block, not the design:
    /// 16 384 rows (a few MB for lead-scoring widths, enough for `dsyrk` to run at full speed), fewer for
    /// wide designs so a block stays near 32 MB.
    var gramBlockRows: Int { min(16_384, max(256, 4_194_304 / (design.columns + 1))) }

    private(set) var point: [Double]
    /// `z = Xβ + b` at `point`.
    private(set) var margins: [Double]
    /// `cᵢ(σ(zᵢ) − tᵢ)`: the loss's derivative in each margin.
    private var residuals: [Double]
    /// `cᵢσ(zᵢ)(1 − σ(zᵢ))`: its second derivative.
    private(set) var curvatures: [Double]

    init(design: Matrix, targets: [Double], rowWeights: [Double], ridge: Double) {
        precondition(targets.count == design.rows && rowWeights.count == design.rows)
        self.design = design
        self.targets = targets
        self.rowWeights = rowWeights
        self.ridge = ridge
        point = [Double](repeating: .nan, count: design.columns + 1)
        margins = [Double](repeating: 0, count: design.rows)
        residuals = margins
        curvatures = margins
    }

    var dimension: Int { design.columns + 1 }

    mutating func evaluate(at point: [Double]) throws -> Double {
        var margins = try design.times(Array(point.dropLast()))
        let intercept = point[design.columns]
        for i in margins.indices { margins[i] += intercept }
        return adopt(point, margins: margins)
    }

    func gradient() throws -> [Double] {
        var gradient = try design.times(residuals, transposed: true)
        Vector.addScaled(ridge, Array(point.dropLast()), to: &gradient)
        gradient.append(residuals.reduce(0, +))
        return gradient
    }

    func hessianTimes(_ direction: [Double]) throws -> [Double] {
        var scaled = try design.times(Array(direction.dropLast()))
        let intercept = direction[design.columns]
        for i in scaled.indices { scaled[i] = curvatures[i] * (scaled[i] + intercept) }
        var product = try design.times(scaled, transposed: true)
        Vector.addScaled(ridge, Array(direction.dropLast()), to: &product)
        product.append(scaled.reduce(0, +))
        return product
    }

    func hessianDiagonal() throws -> [Double] {
        let n = design.rows
        var diagonal = design.storage.withUnsafeBufferPointer { x in
            (0..<design.columns).map { j in
                var sum = 0.0
                for i in 0..<n { sum += curvatures[i] * x[j * n + i] * x[j * n + i] }
                return sum + ridge
            }
        }
        diagonal.append(curvatures.reduce(0, +))
        return diagonal
    }

    /// Whether every row with weight separates by its margin's sign: the unpenalised optimum is then at
    /// infinity, and only a penalty keeps the weights finite.
    var separatesClasses: Bool {
        for i in margins.indices where rowWeights[i] > 0 {
            if (targets[i] == 1) != (margins[i] > 0) { return false }
        }
        return true
    }

    /// Takes `margins` as those of `point` and refreshes what the derivatives need; returns `f`.
    private mutating func adopt(_ point: [Double], margins: [Double]) -> Double {
        self.point = point
        self.margins = margins
        var loss = 0.0
        for i in margins.indices {
            let (z, c) = (margins[i], rowWeights[i])
            // One exponential serves σ(z) and log(1 + eᶻ): e = e^{−|z|} ≤ 1 never overflows.
            let e = exp(-abs(z))
            let p = z >= 0 ? 1 / (1 + e) : e / (1 + e)
            residuals[i] = c * (p - targets[i])
            curvatures[i] = c * p * (1 - p)
            if c > 0 { loss += c * (max(z, 0) + log1p(e) - targets[i] * z) }
        }
        let beta = Array(point.dropLast())
        return loss + ridge / 2 * Vector.dot(beta, beta)
    }

    mutating func searchLine(along direction: [Double], from point: [Double], value: Double, slope: Double,
                             rule: ArmijoRule, penalty: ([Double]) -> Double) throws -> LineStep? {
        // X·d once; every trial margin is then z + α·Xd, one pass over the rows (LIBLINEAR's override).
        var change = try design.times(Array(direction.dropLast()))
        let interceptChange = direction[design.columns]
        for i in change.indices { change[i] += interceptChange }
        var step = 1.0
        for _ in 0..<rule.maxTrials {
            var trial = point
            Vector.addScaled(step, direction, to: &trial)
            let beta = Array(trial.dropLast())
            let total = rowLoss(margins, plus: step, times: change) + ridge / 2 * Vector.dot(beta, beta) + penalty(trial)
            if total <= value + rule.sufficientDecrease * step * slope {
                var moved = margins
                Vector.addScaled(step, change, to: &moved)
                _ = adopt(trial, margins: moved)
                return LineStep(point: trial, value: total, stepLength: step)
            }
            step *= rule.shrink
        }
        return nil
    }

    /// `Σ cᵢ·ℓ(zᵢ + α·Δᵢ)` without storing the trial margins.
    private func rowLoss(_ margins: [Double], plus step: Double, times change: [Double]) -> Double {
        var loss = 0.0
        for i in margins.indices where rowWeights[i] > 0 {
            let z = margins[i] + step * change[i]
            loss += rowWeights[i] * (softplus(z) - targets[i] * z)
        }
        return loss
    }
}

/// `log(1 + eᶻ)` without overflow for large `z` or loss of digits for very negative `z`.
@inline(__always)
func softplus(_ z: Double) -> Double {
    z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
}
