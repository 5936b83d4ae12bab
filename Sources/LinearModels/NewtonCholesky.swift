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
        try objective.newtonIterations(from: start, stopping: stopping, rule: rule) { objective, gradient, _ in
            try objective.hessian().solvePositiveDefinite(gradient).map { -$0 }
        }
    }
}
