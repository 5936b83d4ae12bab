import FeatureEncoding
import LeadData

/// Gradient-boosted decision stumps for converted/lost outcomes: the trainer whose model collapses
/// exactly into one step function per feature (`StumpModel.additiveModel()`).
///
/// Each round fits one stump to the logistic loss by a Newton step: leaf value
/// `−learningRate · G / (H + l2)` from the sums `G`, `H` of the gradients `p − y` and hessians
/// `p(1 − p)` of the rows in the leaf. Splits come from per-bin gradient/hessian histograms over the
/// pre-binned features (`BinMapper`), as in LightGBM and scikit-learn's HistGradientBoosting.
///
/// Each round takes the best split over all features (greedy, as LightGBM and XGBoost). Cyclic
/// boosting (features in turn, one per round, as InterpretML's EBM) was measured against it on
/// 1 000 000 synthetic leads and needed more time to reach the same held-out loss (17 vs 24 CPU
/// seconds; Benchmarks/stumps/RESULTS.md), so it is not offered.
///
/// Parameters are plain values (scikit-learn style); `fit` checks them and returns an immutable model.
/// Defaults follow LightGBM where it has one (`learning_rate`, `lambda_l2`, `min_child_samples`,
/// `min_sum_hessian_in_leaf`, `cat_smooth`, `cat_l2`, `min_data_per_group`), so results can be
/// compared with `num_leaves=2`.
public struct StumpBooster: Sendable {
    /// Most stumps to fit (`n_estimators`, `max_iter`).
    public var rounds: Int
    /// Shrinkage applied to every leaf value.
    public var learningRate: Double
    /// L2 penalty on leaf values: the `l2` in `−G / (H + l2)`.
    public var l2: Double
    /// A leaf must hold at least this many training rows (counted on all training rows, not on the
    /// round's subsample, so the rule means the same whatever `subsample` is).
    public var minLeafRows: Int
    /// A leaf's hessian sum (on the round's rows) must reach this: a leaf of near-certain rows has a
    /// near-zero hessian and an unbounded Newton step.
    public var minLeafHessian: Double
    /// Categorical splits: categories with fewer training rows are not placed by their own statistics
    /// (they follow the larger leaf), and the sort key is `G / (H + categorySmoothing)`, which pulls
    /// small categories toward the middle (LightGBM's `cat_smooth`).
    public var categorySmoothing: Double
    /// Categorical splits: added to `l2`, since a split that may group categories at will fits noise
    /// more readily than a threshold (LightGBM's `cat_l2`).
    public var categoryL2: Double
    /// Categorical splits: each leaf holds at least this many training rows (LightGBM's
    /// `min_data_per_group`).
    public var minCategoryGroupRows: Int
    /// Fraction of training rows drawn (without replacement, independently per row) to fit each round;
    /// 1 uses them all.
    public var subsample: Double
    /// Seed of the row subsampling (the binning's quantile sample has `binning.seed`).
    public var seed: UInt64
    /// With validation data: stop after this many rounds without a lower validation log loss, and keep
    /// the best round count. `nil`: run all rounds (the validation loss is still recorded).
    public var earlyStoppingPatience: Int?
    /// +1: the feature's effect may only rise with its value; −1: only fall. Numeric and boolean
    /// features only; the missing bin is not ordered. A card that gives fewer points for more
    /// engagement is rejected by sales teams, so this is a modelling choice, not a regularizer.
    public var monotoneConstraints: [String: Int]
    /// How numeric columns are cut into bins before boosting (the stumps split on bin boundaries).
    public var binning: BinningParameters
    /// Threads for binning, histograms and score updates (1: all on the calling thread). The model
    /// does not depend on it.
    public var threads: Int
    /// Called on the fitting thread after every round with the rounds fitted so far in this model and the
    /// most it will fit; returning `false` stops training and `fit` throws `StumpBoosterError.cancelled`.
    /// How a caller shows progress and honours cancellation (`Task.isCancelled`) during a long fit.
    public var roundObserver: (@Sendable (_ round: Int, _ rounds: Int) -> Bool)?

    /// The defaults are LightGBM-like for depth-one trees, tuned on the benchmark data sets (docs/training.md).
    public init(rounds: Int = 1_000, learningRate: Double = 0.1, l2: Double = 0, minLeafRows: Int = 20,
                minLeafHessian: Double = 1e-3, categorySmoothing: Double = 10, categoryL2: Double = 10,
                minCategoryGroupRows: Int = 100, subsample: Double = 1, seed: UInt64 = 0,
                earlyStoppingPatience: Int? = 20, monotoneConstraints: [String: Int] = [:],
                binning: BinningParameters = .init(), threads: Int = availableCores) {
        self.rounds = rounds
        self.learningRate = learningRate
        self.l2 = l2
        self.minLeafRows = minLeafRows
        self.minLeafHessian = minLeafHessian
        self.categorySmoothing = categorySmoothing
        self.categoryL2 = categoryL2
        self.minCategoryGroupRows = minCategoryGroupRows
        self.subsample = subsample
        self.seed = seed
        self.earlyStoppingPatience = earlyStoppingPatience
        self.monotoneConstraints = monotoneConstraints
        self.binning = binning
        self.threads = threads
    }

    /// Throws the first parameter out of its range, naming it.
    public func validate() throws(StumpBoosterError) {
        func check(_ condition: Bool, _ message: @autoclosure () -> String) throws(StumpBoosterError) {
            if !condition { throw .invalidParameter(message()) }
        }
        try check(rounds >= 0, "rounds must be ≥ 0, got \(rounds)")
        try check(learningRate > 0 && learningRate.isFinite, "learningRate must be > 0, got \(learningRate)")
        try check(l2 >= 0 && l2.isFinite, "l2 must be ≥ 0, got \(l2)")
        try check(minLeafRows >= 1, "minLeafRows must be ≥ 1, got \(minLeafRows)")
        try check(minLeafHessian >= 0 && minLeafHessian.isFinite, "minLeafHessian must be ≥ 0, got \(minLeafHessian)")
        try check(categorySmoothing >= 0 && categorySmoothing.isFinite, "categorySmoothing must be ≥ 0, got \(categorySmoothing)")
        try check(categoryL2 >= 0 && categoryL2.isFinite, "categoryL2 must be ≥ 0, got \(categoryL2)")
        try check(minCategoryGroupRows >= 1, "minCategoryGroupRows must be ≥ 1, got \(minCategoryGroupRows)")
        try check(subsample > 0 && subsample <= 1, "subsample must be in (0, 1], got \(subsample)")
        try check((earlyStoppingPatience ?? 1) >= 1, "earlyStoppingPatience must be ≥ 1, got \(earlyStoppingPatience ?? 0)")
        try check(threads >= 1, "threads must be ≥ 1, got \(threads)")
        for (feature, direction) in monotoneConstraints where direction != 1 && direction != -1 {
            throw .invalidConstraint(feature: feature, reason: "direction must be +1 or −1, got \(direction)")
        }
        do { try binning.validate() } catch { throw .binning(error) }
    }

    /// Fits stumps to `train`; with `validation`, records its loss each round and stops early.
    ///
    /// - Parameter start: a model to continue (a warm start): its intercept and its stumps on the features
    ///   `train` still has, then boosting on as from scratch (early stopping may keep none of the new stumps).
    ///   For a refit without some features — criterion selection's — this reaches the cold fit's loss in a
    ///   fraction of the rounds, since the kept features' stumps are already there; the new rounds let them
    ///   take up what the left-out features had carried. A cold fit when `start`'s bins of a shared feature
    ///   differ from those fitted to `train` (the stumps would not mean the same bins).
    public func fit(_ train: Dataset, validation: Dataset? = nil, continuing start: StumpModel? = nil) throws(StumpBoosterError) -> StumpModel {
        let mapper = try mapper(fitting: train)
        return try fit(train, validation: validation, mapper: mapper, start: start?.carried(onto: mapper))
    }

    /// Cross-fitting: for each fold, a model fitted on the other rows of `data` and early-stopped on the
    /// fold's rows, all on one set of bins fitted to `data`. Their average (`StumpFolds`) learns from every
    /// row, while each row keeps a model that never saw it, to calibrate and judge the average honestly.
    /// On the accuracy benchmark's synthetic split (14 000 training leads) one model early-stopped on a 25 %
    /// validation split reached test AUC 0.7433–0.7483 over five seeds (mean 0.7465); the average of four
    /// folds 0.7477–0.7479 over three.
    ///
    /// - Parameters:
    ///   - folds: held-out rows per fold (`Dataset.stratifiedFolds`); each row in at most one.
    ///   - start: cross-fitted models to continue, each fold's model its own member's
    ///     (`fit(_:validation:continuing:)`); ignored unless fitted on the same folds.
    public func fitFolds(_ data: Dataset, heldOut folds: [[Int]], continuing start: StumpFolds? = nil) throws(StumpBoosterError) -> StumpFolds {
        let mapper = try mapper(fitting: data)
        var starts = [StumpModel?](repeating: nil, count: folds.count)
        if let start, start.heldOutRows == folds { starts = start.members }
        var members: [StumpModel] = []
        for (heldOut, member) in zip(folds, starts) {
            members.append(try fit(data.selecting(allBut: heldOut), validation: data.selecting(heldOut), mapper: mapper,
                                   start: member?.carried(onto: mapper)))
        }
        return StumpFolds(members: members, heldOutRows: folds)
    }

    /// The bins of `data`'s features, after checking the settings and that there is a feature to bin.
    private func mapper(fitting data: Dataset) throws(StumpBoosterError) -> BinMapper {
        try validate()
        guard !data.featureColumns.isEmpty else { throw .noFeatures }
        return try binningStep { () throws(BinningError) in
            try BinMapper(fitting: data, parameters: binning, threads: threads)
        }
    }

    private func fit(_ train: Dataset, validation: Dataset?, mapper: BinMapper,
                     start: (intercept: Double, stumps: [Stump])?) throws(StumpBoosterError) -> StumpModel {
        guard let labels = train.labels else { throw .noLabels(part: "training") }
        let positives = labels.reduce(0) { $0 + Int($1) }
        guard positives > 0, positives < labels.count else { throw .singleClass(label: labels.first ?? 0) }
        let trainBins = try binningStep { () throws(BinningError) in try mapper.transformCoded(train, threads: threads) }
        let validationPart = try validation.map { data throws(StumpBoosterError) in
            guard let labels = data.labels else { throw .noLabels(part: "validation") }
            let bins = try binningStep { () throws(BinningError) in try mapper.transformCoded(data, threads: threads) }
            return BoostingRun.Part(features: bins, labels: labels)
        }
        let monotone = try mapper.features.map { feature throws(StumpBoosterError) in
            guard let direction = monotoneConstraints[feature.name] else { return 0 }
            guard !feature.isCategorical else {
                throw .invalidConstraint(feature: feature.name, reason: "categories have no order; constrain numeric or boolean features")
            }
            return direction
        }
        if let unknown = Set(monotoneConstraints.keys).subtracting(mapper.features.map(\.name)).sorted().first {
            throw .invalidConstraint(feature: unknown, reason: "no such numeric or boolean feature in the training data")
        }
        var run = BoostingRun(booster: self, mapper: mapper, train: BoostingRun.Part(features: trainBins, labels: labels),
                              validation: validationPart, monotone: monotone, start: start)
        guard let model = run.boost() else { throw .cancelled }
        return model
    }

    private func binningStep<T>(_ body: () throws(BinningError) -> T) throws(StumpBoosterError) -> T {
        do { return try body() } catch { throw .binning(error) }
    }
}
