import Foundation
import LeadMath
import LinearAlgebra

/// The L2-penalised logistic loss with an unpenalised intercept,
///
///     f(β, b) = Σᵢ cᵢ·[log(1 + e^{zᵢ}) − tᵢ·zᵢ] + (ridge / 2)·‖β‖²,   z = Xβ + b,
///
/// over a design `X` (n × p, dense or coded: see `LinearDesign`), targets `tᵢ ∈ {0, 1}` and row weights
/// `cᵢ ≥ 0` (sample × class weight).
/// The parameter vector is `[β₁ … β_p, b]`: the intercept last, as LIBLINEAR's bias, and never penalised.
/// Gradient `Xᵀr + ridge·β` with `rᵢ = cᵢ(σ(zᵢ) − tᵢ)`; Hessian `XᵀDX + ridge·I` with `Dᵢ = cᵢσ(1 − σ)`
/// (plus the intercept's row and column), formed only on request.
struct LogisticLoss<Design: LinearDesign>: TwiceDifferentiableObjective {
    let design: Design
    /// `tᵢ`, as the outcomes: a byte a row, not a double (issue 21's memory).
    let labels: [UInt8]
    /// `cᵢ = classWeights[tᵢ] · sampleWeights[i]` (sample weight 1 when `nil`): two numbers and the sample
    /// weights when given, not a weight per row.
    let classWeights: [Double]
    let sampleWeights: [Double]?
    let ridge: Double

    private(set) var point: [Double]
    /// `z = Xβ + b` at `point`.
    private(set) var margins: [Double]
    /// `cᵢ(σ(zᵢ) − tᵢ)`: the loss's derivative in each margin.
    private var residuals: [Double]
    /// `cᵢσ(zᵢ)(1 − σ(zᵢ))`: its second derivative.
    private(set) var curvatures: [Double]

    init(design: Design, labels: [UInt8], classWeights: [Double], sampleWeights: [Double]?, ridge: Double) {
        precondition(labels.count == design.rows && (sampleWeights?.count ?? design.rows) == design.rows && classWeights.count == 2)
        self.design = design
        self.labels = labels
        self.classWeights = classWeights
        self.sampleWeights = sampleWeights
        self.ridge = ridge
        point = [Double](repeating: .nan, count: design.columns + 1)
        margins = [Double](repeating: 0, count: design.rows)
        residuals = margins
        curvatures = margins
    }

    /// A loss with a weight of its own for every row (`targets` 0 or 1).
    init(design: Design, targets: [Double], rowWeights: [Double], ridge: Double) {
        self.init(design: design, labels: targets.map { UInt8($0) }, classWeights: [1, 1], sampleWeights: rowWeights, ridge: ridge)
    }

    /// `tᵢ`.
    @inline(__always) func target(_ i: Int) -> Double { Double(labels[i]) }
    /// `cᵢ`: the class weight times the sample weight, as `LogisticRegression.rowWeights` multiplies them.
    @inline(__always) func weight(_ i: Int) -> Double { classWeights[Int(labels[i])] * (sampleWeights?[i] ?? 1) }

    var dimension: Int { design.columns + 1 }

    mutating func evaluate(at point: [Double]) throws -> Double {
        adopt(point, margins: try design.margins(point.dropLast(), offset: point[design.columns]))
    }

    func gradient() throws -> [Double] {
        var gradient = try design.augmentedTransposeTimes(residuals)
        for j in 0..<design.columns { gradient[j] += ridge * point[j] }
        return gradient
    }

    func hessianTimes(_ direction: [Double]) throws -> [Double] {
        var scaled = try design.margins(direction.dropLast(), offset: direction[design.columns])
        for i in scaled.indices { scaled[i] *= curvatures[i] }
        var product = try design.augmentedTransposeTimes(scaled)
        for j in 0..<design.columns { product[j] += ridge * direction[j] }
        return product
    }

    /// `[[XᵀDX + ridge·I, XᵀD1], [1ᵀDX, ΣD]]`.
    func hessian() throws -> Matrix {
        var hessian = try design.augmentedGram(curvatures)
        for j in 0..<design.columns { hessian[j, j] += ridge }
        return hessian
    }

    func hessianDiagonal() throws -> [Double] {
        var diagonal = try design.augmentedGramDiagonal(curvatures)
        for j in 0..<design.columns { diagonal[j] += ridge }
        return diagonal
    }

    /// Whether every row with weight separates by its margin's sign: the unpenalised optimum is then at
    /// infinity, and only a penalty keeps the weights finite.
    var separatesClasses: Bool {
        for i in margins.indices where weight(i) > 0 {
            if (labels[i] == 1) != (margins[i] > 0) { return false }
        }
        return true
    }

    /// Takes `margins` as those of `point` and refreshes what the derivatives need; returns `f`.
    private mutating func adopt(_ point: [Double], margins: [Double]) -> Double {
        self.point = point
        self.margins = margins
        var loss = 0.0
        for i in margins.indices {
            let (z, c, t) = (margins[i], weight(i), target(i))
            // One exponential serves σ(z) and log(1 + eᶻ): e = e^{−|z|} ≤ 1 never overflows.
            let e = logisticTail(z)
            let p = logistic(z, tail: e)
            residuals[i] = c * (p - t)
            curvatures[i] = c * p * (1 - p)
            if c > 0 { loss += c * (softplus(z, tail: e) - t * z) }
        }
        let beta = Array(point.dropLast())
        return loss + ridge / 2 * Vector.dot(beta, beta)
    }

    mutating func searchLine(along direction: [Double], from point: [Double], value: Double, slope: Double,
                             rule: ArmijoRule, penalty: ([Double]) -> Double) throws -> LineStep? {
        // X·d once; every trial margin is then z + α·Xd, one pass over the rows (LIBLINEAR's override).
        let change = try design.margins(direction.dropLast(), offset: direction[design.columns])
        var step = 1.0
        for _ in 0..<rule.maxTrials {
            var trial = point
            Vector.addScaled(step, direction, to: &trial)
            let beta = Array(trial.dropLast())
            let total = rowLoss(margins, plus: step, times: change) + ridge / 2 * Vector.dot(beta, beta) + penalty(trial)
            if total <= value + rule.sufficientDecrease * step * slope {
                // In place: a moved copy beside the margins would be one more double per row at the peak.
                Vector.addScaled(step, change, to: &margins)
                _ = adopt(trial, margins: margins)
                return LineStep(point: trial, value: total, stepLength: step)
            }
            step *= rule.shrink
        }
        return nil
    }

    /// `Σ cᵢ·ℓ(zᵢ + α·Δᵢ)` without storing the trial margins.
    private func rowLoss(_ margins: [Double], plus step: Double, times change: [Double]) -> Double {
        var loss = 0.0
        for i in margins.indices {
            let c = weight(i)
            guard c > 0 else { continue }
            let z = margins[i] + step * change[i]
            loss += c * (softplus(z) - target(i) * z)
        }
        return loss
    }
}
