import LinearAlgebra

/// L1 and elastic net: minimises `F(θ) = f(θ) + l1·Σⱼ|βⱼ|` (the intercept, last, unpenalised) by proximal
/// Newton, as LIBLINEAR's newGLMNET: each step minimises the quadratic model of `f` plus the exact L1 term,
///
///     min_d  ∇fᵀd + ½·dᵀ∇²f·d + l1·‖β + d‖₁,
///
/// by cyclic coordinate descent with soft-thresholding on the dense Hessian (`XᵀDX` from BLAS), then an
/// Armijo line search on `F` with `slope = ∇fᵀd + l1·(‖β + d‖₁ − ‖β‖₁)`. Soft-thresholding lands
/// coefficients on exact zeros. A sweep costs `O(p²)`, not a pass over rows, so inner sweeps are cheap.
struct ProximalNewton: Sendable {
    var stopping: StoppingRule
    var l1: Double
    var rule = ArmijoRule()
    /// Inner sweeps per Newton step at most.
    var maxSweeps = 500

    func minimize<Objective: TwiceDifferentiableObjective>(_ objective: inout Objective, from start: [Double]) throws -> SolverOutcome {
        var point = start
        var value = try objective.evaluate(at: point) + penalty(point)
        var gradient = try objective.gradient()
        let threshold = stopping.tolerance * norm(gradient)
        var iterations = 0
        var stalled = false
        try stopping.monitor.iterationFinished(0, gradientNorm: measure(gradient, point), threshold: threshold)
        while measure(gradient, point) > threshold && iterations < stopping.maxIterations {
            let hessian = try objective.hessian()
            let direction = try quadraticStep(hessian: hessian, gradient: gradient, at: point,
                                          accuracy: 0.01 * measure(gradient, point))
            var moved = point
            Vector.addScaled(1, direction, to: &moved)
            let slope = Vector.dot(gradient, direction) + penalty(moved) - penalty(point)
            guard let next = try objective.step(along: direction, from: point, value: value, slope: slope, rule: rule,
                                                penalty: penalty, measure: measure, currentMeasure: measure(gradient, point))
            else { stalled = true; break }
            (point, value, gradient) = (next.point, next.value, next.gradient)
            iterations += 1
            try stopping.monitor.iterationFinished(iterations, gradientNorm: measure(gradient, point), threshold: threshold)
        }
        return SolverOutcome(point: point, value: value, gradientNorm: measure(gradient, point),
                             threshold: threshold, iterations: iterations, stalled: stalled)
    }

    /// The norm tested for convergence: of the minimum-norm subgradient.
    func measure(_ gradient: [Double], _ point: [Double]) -> Double { norm(subgradient(gradient, at: point)) }

    func penalty(_ point: [Double]) -> Double {
        l1 * point.dropLast().reduce(0) { $0 + abs($1) }
    }

    /// The minimum-norm element of `∂F`: zero exactly at the optimum, the L1 analogue of the gradient.
    func subgradient(_ gradient: [Double], at point: [Double]) -> [Double] {
        var result = gradient
        for j in 0..<(point.count - 1) {
            if point[j] != 0 {
                result[j] += l1 * (point[j] > 0 ? 1 : -1)
            } else {
                let excess = max(abs(gradient[j]) - l1, 0)
                result[j] = gradient[j] > 0 ? excess : -excess
            }
        }
        return result
    }

    /// Coordinate descent on the L1-penalised quadratic model. Keeps `H·d` up to date so each coordinate
    /// update is `O(1)` plus one column update of length `p`. Sweeps stop when no coordinate moves the
    /// model's gradient by more than `accuracy` (`|Δdⱼ|·Hⱼⱼ`): a hundredth of the current subgradient
    /// norm, so steps are rough far from the optimum and exact near it, where the outer test needs them.
    private func quadraticStep(hessian: Matrix, gradient: [Double], at point: [Double], accuracy: Double) throws -> [Double] {
        let size = point.count
        var step = [Double](repeating: 0, count: size)
        var curvatureTimesStep = [Double](repeating: 0, count: size)
        for _ in 0..<maxSweeps {
            // A sweep is O(p²); up to 500 of them can outlast a Newton iteration's pass over the rows.
            try stopping.monitor.checkCancellation()
            var largestChange = 0.0
            for j in 0..<size {
                let diagonal = hessian[j, j]
                guard diagonal > 0 else { continue }
                let slope = gradient[j] + curvatureTimesStep[j]
                let current = point[j] + step[j]
                let target = j == size - 1
                    ? current - slope / diagonal
                    : softThreshold(current - slope / diagonal, l1 / diagonal)
                let change = target - current
                guard change != 0 else { continue }
                step[j] += change
                hessian.storage.withUnsafeBufferPointer { h in
                    for i in 0..<size { curvatureTimesStep[i] += change * h[i + j * size] }
                }
                largestChange = max(largestChange, abs(change) * diagonal)
            }
            if largestChange <= accuracy { break }
        }
        return step
    }
}

func softThreshold(_ value: Double, _ threshold: Double) -> Double {
    value > threshold ? value - threshold : (value < -threshold ? value + threshold : 0)
}
