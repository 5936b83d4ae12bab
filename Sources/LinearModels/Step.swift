import LinearAlgebra

/// A point a solver moved to, with what it needs there next.
struct AcceptedStep {
    var point: [Double]
    /// `F`, penalty included.
    var value: Double
    var gradient: [Double]
}

extension TwiceDifferentiableObjective {
    /// Moves along `direction` from `point` (the last evaluated one, `F = value`): the Armijo search first;
    /// if that fails because the decrease it asks for is below the rounding error of `F` itself, the full
    /// step, as scikit-learn's Newton solver does, when `F` stays within rounding and the convergence
    /// measure falls. Otherwise returns to `point` and gives `nil`: the solver has stalled.
    ///
    /// "Within rounding" is `10⁻¹²·|F|`: `F` sums thousands of rows, each rounded, so its last three or
    /// four digits are noise (measured: 3·10⁻¹⁴ relative on 9 240 rows), while near the optimum the
    /// decrease a Newton step predicts, `½·gᵀH⁻¹g`, is far smaller still.
    ///
    /// - Parameters:
    ///   - penalty: the non-smooth term the solver adds to `F` (`{ _ in 0 }` for none).
    ///   - measure: the norm the solver tests for convergence, from a gradient and its point.
    mutating func step(along direction: [Double], from point: [Double], value: Double, slope: Double, rule: ArmijoRule,
                       penalty: ([Double]) -> Double, measure: ([Double], [Double]) -> Double,
                       currentMeasure: Double) throws -> AcceptedStep? {
        guard slope < 0 else { return nil }
        if let step = try searchLine(along: direction, from: point, value: value, slope: slope, rule: rule, penalty: penalty) {
            return AcceptedStep(point: step.point, value: step.value, gradient: try gradient())
        }
        let trial = zip(point, direction).map { $0 + $1 }
        let trialValue = try evaluate(at: trial) + penalty(trial)
        if trialValue - value <= 1e-12 * max(abs(value), 1) {
            let gradient = try gradient()
            if measure(gradient, trial) < currentMeasure {
                return AcceptedStep(point: trial, value: trialValue, gradient: gradient)
            }
        }
        _ = try evaluate(at: point)
        return nil
    }
}

extension TwiceDifferentiableObjective {
    /// The loop both smooth Newton solvers share: from `start`, step along `direction(objective, ∇f, ‖∇f(start)‖)`
    /// with `step(along:…)` until `‖∇f‖ ≤ tolerance·‖∇f(start)‖`, the iteration limit, or a stall. The
    /// solvers differ only in how they solve for the direction.
    mutating func newtonIterations(from start: [Double], stopping: StoppingRule, rule: ArmijoRule,
                                   direction: (Self, [Double], Double) throws -> [Double]) throws -> SolverOutcome {
        var point = start
        var value = try evaluate(at: point)
        var gradient = try gradient()
        let initialNorm = norm(gradient)
        let threshold = stopping.tolerance * initialNorm
        var iterations = 0
        var stalled = false
        try stopping.monitor.iterationFinished(0, gradientNorm: norm(gradient), threshold: threshold)
        while norm(gradient) > threshold && iterations < stopping.maxIterations {
            let heading = try direction(self, gradient, initialNorm)
            let slope = Vector.dot(gradient, heading)
            guard let next = try step(along: heading, from: point, value: value, slope: slope, rule: rule,
                                      penalty: { _ in 0 }, measure: { gradient, _ in norm(gradient) },
                                      currentMeasure: norm(gradient))
            else { stalled = true; break }
            (point, value, gradient) = (next.point, next.value, next.gradient)
            iterations += 1
            try stopping.monitor.iterationFinished(iterations, gradientNorm: norm(gradient), threshold: threshold)
        }
        return SolverOutcome(point: point, value: value, gradientNorm: norm(gradient), threshold: threshold,
                             iterations: iterations, stalled: stalled)
    }
}
