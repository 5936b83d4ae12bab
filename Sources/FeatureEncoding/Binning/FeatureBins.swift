import LeadData

/// How one feature's values map to bins, and what each bin means.
///
/// Bin layout, the same for every feature so trainers need no special cases: the value bins come first
/// (numeric: ascending intervals; categorical: one per kept level, then "other"), and the missing bin
/// is last, at `missingBin`. The missing bin always exists, even when the fitted rows had no missing
/// value, so that a missing value met later still has a bin (and a learned effect).
public struct FeatureBins: Sendable, Codable, Equatable {
    /// How values map to bins: by upper edges for numbers and booleans, by label for categories.
    public enum Kind: Sendable, Codable, Equatable {
        /// Value bin `b` holds `upperEdges[b - 1] < x ≤ upperEdges[b]`; the first bin is open below and
        /// the last (index `upperEdges.count`) open above.
        case numeric(upperEdges: [Double])
        /// Value bin `b < levels.count` holds the label `levels[b]`; bin `levels.count` is "other": the
        /// levels in `pooled` (too rare at fit time) and any level never seen at fit time.
        ///
        /// A level is its exact spelling (UTF-8 bytes), never its Unicode canonical form: "café" typed on
        /// Windows (NFC) and on a Mac (NFD) are two levels, as they are to the reader, the card's scorer and
        /// SQL. Compare labels with `utf8.elementsEqual`, key them by `Array(utf8)`, never by `String`.
        case categorical(levels: [String], pooled: [String])
    }

    /// The column name.
    public let name: String
    /// How the column was read when binned; scoring data must read it the same way.
    public let role: ColumnRole
    /// Thresholds for numeric and boolean columns, or the category list for categorical ones.
    public let kind: Kind

    /// Bins for the column `name`.
    public init(name: String, role: ColumnRole, kind: Kind) {
        self.name = name
        self.role = role
        self.kind = kind
    }

    /// Bins that hold non-missing values.
    public var valueBinCount: Int {
        switch kind {
        case .numeric(let upperEdges): return upperEdges.count + 1
        case .categorical(let levels, _): return levels.count + 1
        }
    }

    /// All bins, the missing one included (at most 256).
    public var binCount: Int { valueBinCount + 1 }

    /// Index of the bin of missing values: always the last.
    public var missingBin: Int { valueBinCount }

    /// Index of the "other" bin of a categorical feature; `nil` for numeric ones.
    public var otherBin: Int? {
        if case .categorical(let levels, _) = kind { return levels.count }
        return nil
    }

    /// Whether the feature's bins are categories (with an "other" bin) rather than thresholds.
    public var isCategorical: Bool { otherBin != nil }

    /// The bin of a numeric or boolean value; NaN → the missing bin. `nil` for a categorical feature.
    public func bin(ofNumeric value: Double) -> UInt8? {
        guard case .numeric(let upperEdges) = kind else { return nil }
        return upperEdges.withUnsafeBufferPointer { numericBin(value, upperEdges: $0) }
    }

    /// The bin of a categorical label; `nil` (missing) → the missing bin, a rare or unseen label → the
    /// "other" bin. `nil` for a numeric feature. Labels match byte for byte (see `Kind.categorical`).
    public func bin(ofLevel label: String?) -> UInt8? {
        guard case .categorical(let levels, _) = kind else { return nil }
        guard let label else { return UInt8(missingBin) }
        return UInt8(levels.firstIndex { $0.utf8.elementsEqual(label.utf8) } ?? levels.count)
    }

    /// What a bin holds, for reports and for turning shapes into readable conditions.
    public func content(ofBin bin: Int) -> BinContent {
        precondition((0..<binCount).contains(bin), "bin \(bin) outside 0..<\(binCount) of '\(name)'")
        if bin == missingBin { return .missing }
        switch kind {
        case .numeric(let upperEdges):
            return .interval(lower: bin == 0 ? -.infinity : upperEdges[bin - 1],
                             upper: bin == upperEdges.count ? .infinity : upperEdges[bin])
        case .categorical(let levels, let pooled):
            return bin < levels.count ? .level(levels[bin]) : .other(pooled: pooled)
        }
    }
}

/// The values one bin holds.
public enum BinContent: Sendable, Equatable {
    /// `lower < x ≤ upper`, with infinite ends for the outermost bins.
    case interval(lower: Double, upper: Double)
    /// One categorical level.
    case level(String)
    /// Levels pooled at fit time for being rare (listed) plus any level unseen at fit time.
    case other(pooled: [String])
    /// The value is missing.
    case missing
}

/// The first bin whose upper edge is ≥ `value` (binary search), the missing bin for NaN. Infinite values
/// fall in the outermost bins.
@inline(__always)
func numericBin(_ value: Double, upperEdges: UnsafeBufferPointer<Double>) -> UInt8 {
    if value.isNaN { return UInt8(upperEdges.count + 1) }
    var low = 0, high = upperEdges.count
    while low < high {
        let middle = (low + high) >> 1
        if value <= upperEdges[middle] { high = middle } else { low = middle + 1 }
    }
    return UInt8(low)
}
