/// Where a training run is, for a progress line or bar: the stage, how much of it is done, the time
/// since training started and an estimate of the stage's time left.
public struct TrainingProgress: Sendable, Equatable {
    /// The steps of `CardTrainer.train`, in order.
    public enum Stage: Sendable, Equatable {
        /// Reading and typing a CSV (only when training from a file).
        case loading(file: String)
        /// Fitting a model: `done`/`total` count boosting rounds (stumps) or penalty fits (logistic).
        case fitting(model: String)
        /// Rounding to points, calibrating and choosing tiers on held-out leads; measuring on test.
        case exporting
    }

    /// Which step of `CardTrainer.train` is running.
    public var stage: Stage
    /// Units of the stage finished: boosting rounds or fits.
    public var done: Int
    /// The most units the stage will take (early stopping may end it sooner), when known.
    public var total: Int?
    /// Since training started.
    public var elapsed: Duration
    /// The stage's time left at its rate so far, assuming it runs to `total` (so an upper estimate when
    /// early stopping can end it sooner); `nil` until there is a rate.
    public var estimatedRemaining: Duration?
    /// Newton iterations finished in the logistic fit now running, reported after each one: a single fit on
    /// a large file takes long enough that counting whole fits alone would look stalled. `nil` between fits
    /// and for stumps, whose unit (a round) is already short.
    public var iteration: Int?

    /// A progress value; made by the trainer, public so a caller's tests can build the values its handler expects.
    public init(stage: Stage, done: Int = 0, total: Int? = nil, elapsed: Duration, estimatedRemaining: Duration? = nil,
                iteration: Int? = nil) {
        self.stage = stage
        self.done = done
        self.total = total
        self.elapsed = elapsed
        self.estimatedRemaining = estimatedRemaining
        self.iteration = iteration
    }
}

/// Receives progress on the training thread; keep it quick (it is called after every boosting round).
public typealias TrainingProgressHandler = @Sendable (TrainingProgress) -> Void

/// Counts a stage's units, reports them and checks for cancellation. Used by one training run on one
/// thread at a time (the stump booster calls it from its fitting thread), hence `@unchecked Sendable`.
final class ProgressMeter: @unchecked Sendable {
    private let handler: TrainingProgressHandler?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var stage = TrainingProgress.Stage.exporting
    private var total: Int?
    /// Units of earlier sub-runs of this stage (folds), and of the current one.
    private var finishedRuns = 0
    private var current = 0
    /// When the stage's first unit was reported: the rate is measured from there, so set-up work (binning)
    /// does not inflate the estimate.
    private var firstUnit: (at: ContinuousClock.Instant, done: Int)?

    init(_ handler: TrainingProgressHandler?) {
        self.handler = handler
        started = clock.now
    }

    var elapsed: Duration { clock.now - started }

    /// Starts a stage of at most `total` units and reports it.
    func begin(_ stage: TrainingProgress.Stage, total: Int? = nil) throws {
        try checkCancellation()
        self.stage = stage
        self.total = total
        finishedRuns = 0
        current = 0
        firstUnit = nil
        report()
    }

    /// `units` more of the stage are done.
    func advance(by units: Int = 1) {
        current += units
        report()
    }

    /// A boosting round finished: `round` of at most `rounds` in the current model. A smaller round than
    /// the last starts the next model (fold), and the previous model counts in full (it stopped early).
    /// Returns whether to go on.
    func round(_ round: Int, of rounds: Int) -> Bool {
        if round < current { finishedRuns += rounds }
        current = round
        report()
        return !Task.isCancelled
    }

    /// A logistic fit finished its `iteration`-th Newton iteration (0: it started); the fits of the stage
    /// are counted by `advance`. Returns whether to go on, so a cancelled task stops the fit part-way.
    func iteration(_ iteration: Int) -> Bool {
        report(iteration: iteration)
        return !Task.isCancelled
    }

    /// Throws `CancellationError` when the task running the training was cancelled.
    func checkCancellation() throws {
        if Task.isCancelled { throw CancellationError() }
    }

    private func report(iteration: Int? = nil) {
        guard let handler else { return }
        let done = finishedRuns + current
        var remaining: Duration?
        let now = clock.now
        if let first = firstUnit, let total, done > first.done {
            remaining = (now - first.at) * (Double(max(0, total - done)) / Double(done - first.done))
        } else if done > 0, firstUnit == nil {
            firstUnit = (now, done)
        }
        handler(TrainingProgress(stage: stage, done: done, total: total, elapsed: elapsed, estimatedRemaining: remaining,
                                 iteration: iteration))
    }
}
