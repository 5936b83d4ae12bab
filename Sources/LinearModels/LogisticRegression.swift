import FeatureEncoding

/// Binary logistic regression: the parameters of a fit, as plain values (scikit-learn's estimator
/// without its fitted state; `fit` returns an immutable `LogisticModel`).
///
/// It minimises, over raw-data rows encoded by a `DesignEncoder` (numerics standardised),
///
///     Σᵢ cᵢ·log(1 + exp(−yᵢ·(xᵢᵀβ + b))) + strength·[(1 − r)/2·‖β‖² + r·‖β‖₁],
///
/// the loss a **sum** over rows, `cᵢ` = sample weight × class weight, `r` the L1 share of the penalty and
/// the intercept `b` unpenalised. That is scikit-learn's objective with **`C = 1 / strength`** (and
/// `l1_ratio = r`; `strength = 0` is `C = inf`), on the same standardised columns, so its settings carry
/// over. Because the loss is a sum, the same strength matters less as rows are added.
public struct LogisticRegression: Codable, Sendable, Equatable {
    /// What the fit penalises besides the log loss; the intercept is never penalised, so the base rate
    /// comes out unshrunk whatever the strength.
    public enum Penalty: Codable, Sendable, Equatable {
        /// `strength/2 · ‖β‖²` (scikit-learn `l1_ratio = 0`).
        case l2
        /// `strength · ‖β‖₁`: exact zeros, a sparser card (`l1_ratio = 1`).
        case l1
        /// `strength · [(1 − l1Ratio)/2·‖β‖² + l1Ratio·‖β‖₁]`.
        case elasticNet(l1Ratio: Double)

        var l1Share: Double {
            switch self {
            case .l2: return 0
            case .l1: return 1
            case .elasticNet(let ratio): return ratio
            }
        }
    }

    /// Extra weight on the rows of each class, multiplying any sample weights.
    public enum ClassWeight: Codable, Sendable, Equatable {
        /// Every row counts once.
        case uniform
        /// `n / (2·n_class)` per class from row counts, as scikit-learn's `class_weight="balanced"`.
        case balanced
        /// Fixed weights per class, e.g. to correct for a sampled export.
        case given(lost: Double, converted: Double)
    }

    /// Which Newton method minimises the objective. All see the same objective, so they agree to the
    /// tolerance; they differ in cost: a Cholesky step needs the p×p Hessian, CG only Hessian-vector products.
    public enum Solver: String, Codable, Sendable, Equatable {
        /// Newton–Cholesky (smooth penalties) or proximal Newton (with L1) up to `denseHessianLimit`
        /// design columns, Newton–CG beyond.
        case automatic
        /// Newton's method with the exact Hessian solved by Cholesky: few, precise steps on narrow designs.
        case newtonCholesky
        /// Hessian-free Newton with conjugate gradients: for designs too wide for a dense Hessian.
        case newtonCG
        /// Proximal Newton with coordinate descent; the one solver for L1 and elastic net, up to
        /// `denseHessianLimit` design columns.
        case proximalNewton
    }

    /// Design columns up to which the automatic solver forms the dense Hessian (a 4 097² matrix is 134 MB).
    public static let denseHessianLimit = 4096

    /// What the penalty does to the weights: L2 shrinks, L1 zeroes, elastic net mixes them.
    public var penalty: Penalty
    /// Penalty strength λ = 1 / scikit-learn's `C`; 0 for no penalty (then separable data has no finite
    /// solution and the fit throws).
    public var strength: Double
    /// Extra weight per class, for imbalanced or sampled data.
    public var classWeight: ClassWeight
    /// Which Newton method minimises the objective; all reach the same optimum to the tolerance.
    public var solver: Solver
    /// Relative gradient tolerance: stop when `‖∇F‖₂ ≤ tolerance · ‖∇f‖₂ at the intercept-only model` (all
    /// weights 0, intercept at the weighted log-odds of conversion; under L1 the left side is the
    /// minimum-norm subgradient). Newton converges quadratically, so a tight default costs one iteration more.
    public var tolerance: Double
    /// Newton iterations at most (each solves one linear system).
    public var maxIterations: Int
    /// How data columns become design columns.
    public var encoding: DesignOptions

    /// The defaults are scikit-learn's (`C = 1`, L2, lbfgs-level tolerance) so results compare with it.
    public init(penalty: Penalty = .l2, strength: Double = 1, classWeight: ClassWeight = .uniform,
                solver: Solver = .automatic, tolerance: Double = 1e-8, maxIterations: Int = 100,
                encoding: DesignOptions = DesignOptions()) {
        self.penalty = penalty
        self.strength = strength
        self.classWeight = classWeight
        self.solver = solver
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.encoding = encoding
    }

    /// The first problem with these parameters, before any work is done (LIBLINEAR's `check_parameter`).
    public func validate() throws(LogisticRegressionError) {
        func invalid(_ message: String) -> LogisticRegressionError { .invalidParameter(message) }
        guard strength >= 0, strength.isFinite else { throw invalid("strength must be ≥ 0 and finite, not \(strength)") }
        let share = penalty.l1Share
        guard share >= 0, share <= 1 else { throw invalid("l1Ratio must lie in [0, 1], not \(share)") }
        guard tolerance > 0, tolerance < 1 else { throw invalid("tolerance must lie in (0, 1), not \(tolerance)") }
        guard maxIterations >= 1 else { throw invalid("maxIterations must be at least 1, not \(maxIterations)") }
        if case .given(let lost, let converted) = classWeight {
            guard lost >= 0, converted >= 0, lost.isFinite, converted.isFinite, lost + converted > 0 else {
                throw invalid("class weights must be finite and ≥ 0, not lost \(lost), converted \(converted)")
            }
        }
        if share > 0, strength > 0, solver == .newtonCholesky || solver == .newtonCG {
            throw invalid("the \(solver.rawValue) solver needs a smooth penalty; L1 and elastic net use proximalNewton")
        }
    }
}
