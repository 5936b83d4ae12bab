/// Where a running logistic fit is, reported after every Newton iteration so a caller can show that a long
/// fit is moving (a single fit on millions of leads takes tens of seconds) and stop it part-way.
public struct LogisticFitProgress: Sendable, Equatable {
    /// Which fit of `fitPath`'s strengths is running (0-based); always 0 for `fit`.
    public var fit: Int
    /// How many fits the call makes: the number of strengths given to `fitPath`, 1 for `fit`.
    public var fits: Int
    /// Newton iterations finished in this fit; 0 when the fit has just started.
    public var iteration: Int
    /// The most iterations the fit may take (`LogisticRegression.maxIterations`); Newton usually needs far
    /// fewer, so this bounds the time left rather than predicting it.
    public var maxIterations: Int
    /// The convergence measure now and the value it must fall below: how far the fit still has to go.
    public var gradientNorm: Double
    /// `tolerance · ‖∇f‖` at the start of the fit.
    public var threshold: Double

    /// A progress value; made by the solvers, public so a caller's tests can build what its observer expects.
    public init(fit: Int, fits: Int, iteration: Int, maxIterations: Int, gradientNorm: Double, threshold: Double) {
        self.fit = fit
        self.fits = fits
        self.iteration = iteration
        self.maxIterations = maxIterations
        self.gradientNorm = gradientNorm
        self.threshold = threshold
    }
}

/// Called on the fitting thread at the start of every fit and after every Newton iteration; returning
/// `false` stops the fit, which then throws `LogisticRegressionError.cancelled`. Keep it quick.
public typealias LogisticFitObserver = @Sendable (LogisticFitProgress) -> Bool

/// The per-iteration hook the solvers call: the caller's observer, then the task's cancellation. Inner
/// loops that can run long between Newton iterations (conjugate-gradient steps, coordinate sweeps) call
/// `checkCancellation()` so a cancelled task stops within one pass over the data.
struct FitMonitor: Sendable {
    var observer: LogisticFitObserver?
    var fit = 0
    var fits = 1
    var maxIterations: Int

    /// No observer: the solvers only honour the task's cancellation.
    static let unobserved = FitMonitor(maxIterations: 0)

    /// Reports an iteration; throws when the observer says stop or the running task was cancelled.
    func iterationFinished(_ iteration: Int, gradientNorm: Double, threshold: Double) throws(LogisticRegressionError) {
        if let observer {
            let progress = LogisticFitProgress(fit: fit, fits: fits, iteration: iteration, maxIterations: maxIterations,
                                               gradientNorm: gradientNorm, threshold: threshold)
            guard observer(progress) else { throw .cancelled }
        }
        try checkCancellation()
    }

    /// Throws `.cancelled` when the task running the fit was cancelled.
    func checkCancellation() throws(LogisticRegressionError) {
        if Task.isCancelled { throw .cancelled }
    }
}
