import LinearAlgebra

/// Hessian-free Newton: each step solves `∇²f·d = −∇f` approximately by preconditioned conjugate gradients
/// on Hessian–vector products, then an Armijo line search; LIBLINEAR's solver since 2020 (`newton.cpp`).
/// Each CG iteration costs two passes over the design (`Xv`, `Xᵀu`) and memory stays `O(n + p)`, so it
/// serves designs too wide for a dense Hessian, and singular Hessians too (CG stays in their range).
struct NewtonCG: Sendable {
    var stopping: StoppingRule
    var rule = ArmijoRule()
    /// LIBLINEAR's preconditioner `(1 − a)·I + a·diag(∇²f)` with `a = 0.01`.
    var preconditionerBlend = 0.01

    func minimize<Objective: TwiceDifferentiableObjective>(_ objective: inout Objective, from start: [Double]) throws -> SolverOutcome {
        try objective.newtonIterations(from: start, stopping: stopping, rule: rule) { objective, gradient, initialNorm in
            // Forcing term: loose CG early, tighter as the gradient shrinks (superlinear convergence).
            let forcing = min(0.5, (norm(gradient) / initialNorm).squareRoot())
            return try conjugateGradient(objective, gradient: gradient, forcing: forcing)
        }
    }

    /// Preconditioned CG on `∇²f·d = −g`, stopped when `‖residual‖ ≤ forcing·‖g‖`, after `dimension`
    /// iterations, or on non-positive curvature (a singular Hessian without a penalty).
    private func conjugateGradient<Objective: TwiceDifferentiableObjective>(_ objective: Objective, gradient: [Double], forcing: Double) throws -> [Double] {
        let inverse = try objective.hessianDiagonal().map { 1 / ((1 - preconditionerBlend) + preconditionerBlend * $0) }
        var solution = [Double](repeating: 0, count: gradient.count)
        var residual = gradient.map { -$0 }
        var preconditioned = zip(inverse, residual).map { $0 * $1 }
        var search = preconditioned
        var product = Vector.dot(residual, preconditioned)
        let goal = forcing * norm(gradient)
        var steps = 0
        while steps < objective.dimension && norm(residual) > goal {
            // Each step is two passes over the design, and a wide design takes many: stop between them.
            try stopping.monitor.checkCancellation()
            let curvature = try objective.hessianTimes(search)
            let bend = Vector.dot(search, curvature)
            guard bend > 0 else { break }
            let alpha = product / bend
            Vector.addScaled(alpha, search, to: &solution)
            Vector.addScaled(-alpha, curvature, to: &residual)
            preconditioned = zip(inverse, residual).map { $0 * $1 }
            let next = Vector.dot(residual, preconditioned)
            search = zip(preconditioned, search).map { $0 + next / product * $1 }
            product = next
            steps += 1
        }
        // No curvature along the first direction: fall back to steepest descent.
        return steps == 0 ? gradient.map { -$0 } : solution
    }
}
