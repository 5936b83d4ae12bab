/// How a fit went: read `warnings` before trusting the weights.
public struct FitDiagnostics: Codable, Sendable, Equatable {
    /// The solver that produced the weights (after any fallback).
    public var solver: LogisticRegression.Solver
    /// Newton iterations taken.
    public var iterations: Int
    /// `‖∇F‖₂` at the weights (minimum-norm subgradient under L1), in the units of the summed loss.
    public var gradientNorm: Double
    /// The norm it had to fall below: `tolerance · ‖∇f‖₂` at the intercept-only model.
    public var gradientThreshold: Double
    /// Whether the gradient fell below the threshold: if not, the weights are not the optimum and `warnings` says so.
    public var converged: Bool { gradientNorm <= gradientThreshold }
    /// Objective value at the weights, penalty included.
    public var objective: Double
    /// OpenBLAS threads during the fit (sums in another order differ in the last bits).
    public var blasThreads: Int
    /// What a caller should know before trusting the weights: not converged, separable data, a fallback solver.
    public var warnings: [FitWarning]
}

/// Something the caller should know before trusting a fit.
public enum FitWarning: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The gradient did not fall below the threshold.
    case notConverged(iterations: Int, gradientNorm: Double, threshold: Double, stalled: Bool)
    /// Every weighted training row is classified correctly by its sign: without the penalty the weights
    /// would be infinite, so their size here is set by the penalty strength, not by the data.
    case separable
    /// The Hessian was singular (collinear columns and no penalty, e.g. a full one-hot beside the
    /// intercept): Newton–CG took over and returned the minimum-norm solution among the equal fits.
    case singularHessian(fallback: LogisticRegression.Solver)

    public var description: String {
        switch self {
        case .notConverged(let iterations, let gradientNorm, let threshold, let stalled):
            let why = stalled ? "the line search found no further decrease (rounding limit or a badly scaled problem)"
                              : "the iteration limit was reached; raise maxIterations"
            return "not converged after \(iterations) iterations: gradient norm \(gradientNorm) > \(threshold); \(why)"
        case .separable:
            return "the training rows are perfectly separable: the penalty alone keeps the weights finite, so their size reflects the strength chosen, and probabilities near 0 or 1 are overconfident"
        case .singularHessian(let fallback):
            return "the Hessian is singular (collinear or constant design columns with no penalty); used \(fallback.rawValue), which returns the minimum-norm weights among equally good fits"
        }
    }
}
