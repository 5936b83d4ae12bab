import PointExport

/// How a card is trained inside the database: the card's scale, tiers and calibration (as for in-memory
/// training), and how the passes run. Plain values, so a run can be repeated.
public struct InDatabaseOptions: Sendable, Equatable {
    /// The card's maximum points, negative points and criteria limit.
    public var scale: PointScale
    /// How tier thresholds are chosen on the validation leads.
    public var tiers: TierRule
    /// How totals map to probabilities, fitted on the validation leads.
    public var calibration: TotalsCalibrationMethod
    /// Seed of the split: the hash that assigns each row to training, validation or test.
    public var seed: UInt64
    /// The column whose value decides a row's part; `nil` hashes the whole row. A key keeps a lead in its
    /// part when other columns change or are added, and is what a distributed table is sharded by.
    public var splitKey: String?
    /// Quantile bins per numeric column (edges by `percentile_disc` on the training rows).
    public var numericBins: Int
    /// Categories with fewer training rows than this are pooled with unseen ones (`otherwise`).
    public var minimumCategoryCount: Int
    /// At most this many categories per column keep their own bin (the most frequent).
    public var maximumCategories: Int
    /// The most passes; validation loss stops earlier (`patience`).
    public var maximumPasses: Int
    /// Passes without a better validation loss before stopping.
    public var patience: Int
    /// The share of the line-search step taken each pass (shrinkage).
    public var shrinkage: Double
    /// Added to every bin's Hessian sum: bins with few rows move less (L2 on the bin's value).
    public var binPenalty: Double
    /// At most about this many leads before test are read back, as counts per combination of bins, for
    /// the card's rounding, selection, shapes, calibration and tiers: on a large table nearly every lead is
    /// its own combination, so beyond this a hash sample of every part is read (the passes and the test
    /// figures still use every row). Keeps what leaves the database bounded, whatever the table's size.
    public var exportLeads: Int

    /// Defaults: the standard scale, tiers and Platt calibration; 16 bins (as the logistic trainer bins); up to 40 passes;
    /// the card's export reads up to 250 000 leads (above `crossFittingRows`, so cross-fitted runs read every lead).
    public init(scale: PointScale = PointScale(), tiers: TierRule = .standard, calibration: TotalsCalibrationMethod = .platt,
                seed: UInt64 = 1, splitKey: String? = nil, numericBins: Int = 16, minimumCategoryCount: Int = 10,
                maximumCategories: Int = 100, maximumPasses: Int = 40, patience: Int = 4, shrinkage: Double = 0.5, binPenalty: Double = 5,
                exportLeads: Int = 250_000) {
        self.scale = scale
        self.tiers = tiers
        self.calibration = calibration
        self.seed = seed
        self.splitKey = splitKey
        self.numericBins = numericBins
        self.minimumCategoryCount = minimumCategoryCount
        self.maximumCategories = maximumCategories
        self.maximumPasses = maximumPasses
        self.patience = patience
        self.shrinkage = shrinkage
        self.binPenalty = binPenalty
        self.exportLeads = exportLeads
    }

    /// Up to this many leads before test, four models are cross-fitted (each judged on the fifth it did
    /// not see, the card's model their average), as in-memory training does below
    /// `Holdout.crossFittingRows`; above it one model learns from 60 % and is judged on the next 20 %.
    public static let crossFittingRows = 200_000
}
