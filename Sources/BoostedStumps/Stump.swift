/// Which bins of its feature a stump sends to the left leaf.
public enum StumpSplit: Codable, Sendable, Equatable {
    /// Value bins `0…bin` go left, higher ones right; the missing bin goes where the training data
    /// said it lowers the loss most (or, with no missing training rows, with the larger leaf).
    case threshold(bin: Int, missingGoesLeft: Bool)
    /// The listed bins go left (ascending), all others right: a set of categories, found by sorting
    /// the categories by gradient statistics. May include the "other" and missing bins.
    case categories(leftBins: [Int])
}

/// A decision tree of depth one: one feature, one split, two leaf values (log-odds, learning rate
/// already applied).
public struct Stump: Codable, Sendable, Equatable {
    /// Index into the model's `BinMapper.features`.
    public var feature: Int
    /// Which bins go to the left leaf.
    public var split: StumpSplit
    /// Log-odds the stump adds for rows in the left leaf.
    public var leftValue: Double
    /// Log-odds the stump adds for rows in the right leaf.
    public var rightValue: Double
    /// Decrease of the second-order approximation of the training loss (before shrinkage): how much
    /// the split was worth when chosen.
    public var gain: Double

    /// A stump from its parts, as the booster builds it and a decoded model restores it.
    public init(feature: Int, split: StumpSplit, leftValue: Double, rightValue: Double, gain: Double) {
        self.feature = feature
        self.split = split
        self.leftValue = leftValue
        self.rightValue = rightValue
        self.gain = gain
    }

    /// Whether a row in `bin` goes to the left leaf (`missingBin` is the feature's missing bin).
    public func goesLeft(bin: Int, missingBin: Int) -> Bool {
        switch split {
        case .threshold(let threshold, let missingGoesLeft):
            return bin == missingBin ? missingGoesLeft : bin <= threshold
        case .categories(let leftBins):
            return leftBins.contains(bin)
        }
    }

    /// The stump's value for each of `binCount` bins: how prediction and the score update read it,
    /// one table look-up per row instead of a branch.
    public func valuePerBin(binCount: Int) -> [Double] {
        (0..<binCount).map { goesLeft(bin: $0, missingBin: binCount - 1) ? leftValue : rightValue }
    }
}
