import LinearAlgebra

/// Newton's method with the exact Hessian (the IRLS weighted Gram `XᵀDX` from BLAS `dsyrk`) solved by
/// Cholesky (LAPACK `dpotrf`/`dpotrs`) and an Armijo line search, after scikit-learn's newton-cholesky.
/// A handful of iterations reach machine precision; each costs `O(n·p²)`, so it suits designs up to a
/// few thousand columns.
struct NewtonCholesky: Sendable {
    var stopping: StoppingRule
    var rule = ArmijoRule()

    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when the Hessian is singular (collinear columns
    ///   without a penalty); the caller may fall back to `NewtonCG`, which copes.
    func minimize<Objective: TwiceDifferentiableObjective>(_ objective: inout Objective, from start: [Double]) throws -> SolverOutcome {
        var point = start
        var value = try objective.evaluate(at: point)
        var gradient = try objective.gradient()
        let threshold = stopping.tolerance * norm(gradient)
        var iterations = 0
        var stalled = false
        while norm(gradient) > threshold && iterations < stopping.maxIterations {
            let newton = try objective.hessian().solvePositiveDefinite(gradient)
            let direction = newton.map { -$0 }
            let slope = Vector.dot(gradient, direction)
            guard let next = try objective.step(along: direction, from: point, value: value, slope: slope, rule: rule,
                                                penalty: { _ in 0 }, measure: { gradient, _ in norm(gradient) },
                                                currentMeasure: norm(gradient))
            else { stalled = true; break }
            (point, value, gradient) = (next.point, next.value, next.gradient)
            iterations += 1
        }
        return SolverOutcome(point: point, value: value, gradientNorm: norm(gradient), threshold: threshold,
                             iterations: iterations, stalled: stalled)
    }
}
