import LinearAlgebra

/// What a second-order solver may ask of a smooth objective `f(θ)`, after LIBLINEAR's `function`
/// (`newton.h`): the solvers see nothing else, so a new loss needs no new solver.
///
/// The objective is stateful like LIBLINEAR's: `evaluate(at:)` remembers the point and whatever the other
/// requirements need there (for a GLM the margins `Xθ`), so the gradient and Hessian products cost no
/// second pass over the data to recompute them.
protocol TwiceDifferentiableObjective {
    /// Number of parameters.
    var dimension: Int { get }
    /// `f(θ)`; later calls refer to this point.
    mutating func evaluate(at point: [Double]) throws -> Double
    /// `∇f` at the last evaluated point.
    func gradient() throws -> [Double]
    /// `∇²f · v` at the last evaluated point, without forming `∇²f` (Hessian-free Newton–CG).
    func hessianTimes(_ direction: [Double]) throws -> [Double]
    /// `∇²f` as a dense symmetric matrix (Newton–Cholesky; affordable up to a few thousand parameters).
    func hessian() throws -> Matrix
    /// The diagonal of `∇²f`, for preconditioning.
    func hessianDiagonal() throws -> [Double]
    /// Backtracks along `direction` from the last evaluated point (whose total value, smooth part plus
    /// `penalty`, is `value`) until the Armijo condition `F(θ + αd) ≤ F(θ) + η·α·slope` holds, then
    /// leaves the objective evaluated at the accepted point. `penalty` is a non-smooth term the solver
    /// adds (L1), `{ _ in 0 }` for none. Returns `nil` when no trial step satisfies the rule.
    ///
    /// A requirement rather than a solver routine, like LIBLINEAR's `linesearch_and_update`, because a GLM
    /// can reuse `Xθ` and `Xd` so each trial costs one pass over rows instead of a matrix product.
    mutating func searchLine(along direction: [Double], from point: [Double], value: Double, slope: Double,
                             rule: ArmijoRule, penalty: ([Double]) -> Double) throws -> LineStep?
}

/// Armijo backtracking: accept the first `α = 1, β, β², …` (at most `maxTrials`) that decreases the
/// objective by at least `η·α·slope`. LIBLINEAR's values: η = 0.01, β = ½, 20 trials.
struct ArmijoRule: Sendable, Equatable {
    var sufficientDecrease = 0.01
    var shrink = 0.5
    var maxTrials = 20
    init() {}
}

/// The point a line search accepted.
struct LineStep: Sendable {
    var point: [Double]
    /// The objective there, penalty included.
    var value: Double
    var stepLength: Double
}
