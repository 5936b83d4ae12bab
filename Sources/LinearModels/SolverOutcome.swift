import LinearAlgebra

/// When a solver stops: at a point where `‖∇̃F(θ)‖₂ ≤ tolerance · ‖∇f(θ₀)‖₂` (`∇̃` is the gradient, or the
/// minimum-norm subgradient under L1; `θ₀` the start, the intercept-only model). Relative like LIBLINEAR's
/// test, so the same tolerance means the same thing for a thousand rows or a million, with any row weights.
struct StoppingRule: Sendable {
    var tolerance: Double
    var maxIterations: Int
    /// Told of every iteration; stops the solver when the caller or the task cancels.
    var monitor = FitMonitor.unobserved
}

/// Where a solver ended and how it got there.
struct SolverOutcome: Sendable {
    var point: [Double]
    /// Objective value there, penalty included.
    var value: Double
    var gradientNorm: Double
    /// `tolerance · ‖∇f(θ₀)‖₂`: the norm the gradient had to fall below (`θ₀` the start).
    var threshold: Double
    var iterations: Int
    /// The line search found no decrease before the gradient met the threshold: the iterate is as good
    /// as rounding allows along the search direction, or the problem is badly scaled.
    var stalled: Bool

    var converged: Bool { gradientNorm <= threshold }
}

func norm(_ vector: [Double]) -> Double { Vector.dot(vector, vector).squareRoot() }
