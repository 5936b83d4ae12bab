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

    /// The defaults: levels with at least 10 rows get their own column; numerics enter linearly.
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
    /// The same bins entered as steps: a column per bin boundary, 1 where the value lies above it (plus a
    /// missing column). A bin's weight is then the sum of the steps below it, so an L2 penalty shrinks the
    /// jumps between neighbouring bins rather than each bin towards zero — a smoothness prior that suits
    /// ordered values. The model is the same kind of step function, just as exactly shown on a card.
    case steps(maxBins: Int)

    /// The bin limit when numerics are binned (one-hot or steps); `nil` when they enter linearly.
    public var maxBins: Int? {
        switch self {
        case .linear: return nil
        case .binned(let maxBins), .steps(let maxBins): return maxBins
        }
    }
}
