/// How `BinMapper` cuts features into bins. Plain values, checked once by `validate()` before any work.
public struct BinningParameters: Sendable, Codable, Equatable {
    /// Most value bins per feature, missing bin not counted (2…255). With the missing bin a feature has
    /// at most 256 bins, so a bin index fits a `UInt8`. 255 is scikit-learn's and LightGBM's default.
    public var maxBins: Int
    /// Categorical levels seen fewer times than this in the fitted rows share the "other" bin, which
    /// also receives levels never seen at fit time. A level met a handful of times gives an effect
    /// estimate that is mostly noise, and a score card line nobody can defend.
    public var minCategoryCount: Int
    /// Quantiles are taken from at most this many rows, drawn with `seed` (scikit-learn's `subsample`,
    /// 2·10⁵): more rows barely move the edges but cost a sort per feature.
    public var quantileSampleSize: Int
    /// Seed of the row draw for the quantiles; binning is a pure function of data and parameters.
    public var seed: UInt64

    /// The defaults are LightGBM's (255 bins, categories under 10 rows lumped together).
    public init(maxBins: Int = 255, minCategoryCount: Int = 10, quantileSampleSize: Int = 200_000, seed: UInt64 = 0) {
        self.maxBins = maxBins
        self.minCategoryCount = minCategoryCount
        self.quantileSampleSize = quantileSampleSize
        self.seed = seed
    }

    /// Throws the first parameter out of its range, naming it.
    public func validate() throws(BinningError) {
        guard (2...255).contains(maxBins) else { throw .invalidParameter("maxBins must be in 2…255, got \(maxBins)") }
        guard minCategoryCount >= 1 else {
            throw .invalidParameter("minCategoryCount must be ≥ 1, got \(minCategoryCount)")
        }
        guard quantileSampleSize >= 2 else {
            throw .invalidParameter("quantileSampleSize must be ≥ 2, got \(quantileSampleSize)")
        }
    }
}
