import LeadData

/// How a `DesignEncoder` turns dataset columns into design-matrix columns.
public struct DesignOptions: Codable, Sendable, Equatable {
    /// A categorical level seen in fewer than this many training rows is pooled into the feature's
    /// "other" column, which also takes levels never seen in training. Ten rows is about the least that
    /// gives a level's weight a standard error below one unit of log-odds at typical conversion rates;
    /// below that a level's own column mostly memorises noise (and under no penalty can diverge).
    public var minimumLevelCount: Int
    /// How numeric columns enter the design.
    public var numericEncoding: NumericEncoding

    public init(minimumLevelCount: Int = 10, numericEncoding: NumericEncoding = .linear) {
        self.minimumLevelCount = minimumLevelCount
        self.numericEncoding = numericEncoding
    }
}

/// How a numeric column enters the design matrix.
public enum NumericEncoding: Codable, Sendable, Equatable {
    /// One column `(x − mean) / standard deviation` (training statistics), so the penalty treats every
    /// numeric feature alike whatever its unit; missing values get the mean plus a missing-indicator column.
    case linear
    /// One-hot over the `BinMapper`'s bins of the column (at most `maxBins` quantile bins, see
    /// `numericUpperEdges`, and a missing bin): the model is then a step function per feature, exactly
    /// what a score card shows ("pricing-page visits 3+"), at the cost of more columns.
    case binned(maxBins: Int)
}
