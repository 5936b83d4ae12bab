import LeadData

/// What the encoder learned about one feature from the training rows, and the design columns it writes.
public struct EncodedFeature: Codable, Sendable, Equatable {
    /// How the feature enters the design, with the training statistics that encoding needs.
    public enum Kind: Codable, Sendable, Equatable {
        /// A numeric column entered standardised with training statistics (population standard deviation);
        /// no value column when the deviation is 0.
        case linear(mean: Double, standardDeviation: Double, missingColumn: Bool)
        /// A 0/1 column entered as is; no value column when it never varied in training.
        case boolean(valueColumn: Bool, missingColumn: Bool)
        /// One-hot over `bins` (a categorical feature's levels, or a binned numeric's intervals, with the
        /// "other" and missing bins): design column `k` of the feature is 1 for rows in bin `binOfColumn[k]`.
        /// Bins without training rows get no column, so a row landing there later adds nothing.
        case oneHot(bins: FeatureBins, binOfColumn: [Int])
        /// A binned numeric as steps (`NumericEncoding.steps`): design column `k` is 1 for rows whose bin is
        /// at least `stepBins[k]` (ascending value bins holding training rows, the lowest such bin excluded:
        /// it is the baseline), and a last column flags missing values when training had some and others.
        case steps(bins: FeatureBins, stepBins: [Int], missingColumn: Bool)
    }

    /// The data column.
    public let name: String
    /// How the column was read when the encoding was learned.
    public let role: ColumnRole
    /// How its values become design columns.
    public let kind: Kind

    /// The columns this feature contributes, in design order. A column that would be constant in training
    /// is left out: it carries nothing and would make the unpenalised Hessian singular.
    public var terms: [DesignTerm] {
        switch kind {
        case .linear(let mean, let deviation, let missingColumn):
            return Self.valueTerms(name, valueColumn: deviation > 0, center: mean, scale: deviation, missingColumn: missingColumn)
        case .boolean(let valueColumn, let missingColumn):
            return Self.valueTerms(name, valueColumn: valueColumn, center: 0, scale: 1, missingColumn: missingColumn)
        case .oneHot(let bins, let binOfColumn):
            return binOfColumn.map { bin in
                let kind: DesignTerm.Kind = switch bins.content(ofBin: bin) {
                case .interval(let lower, let upper): .interval(lower: lower, upper: upper)
                case .level(let level): .level(level)
                case .other: .otherLevels
                case .missing: .missing
                }
                return DesignTerm(feature: name, kind: kind)
            }
        case .steps(let bins, let stepBins, let missingColumn):
            let steps = stepBins.map { bin -> DesignTerm in
                guard case .interval(let lower, _) = bins.content(ofBin: bin) else { preconditionFailure("step bins are value bins") }
                return DesignTerm(feature: name, kind: .above(lower: lower))
            }
            return steps + (missingColumn ? [DesignTerm(feature: name, kind: .missing)] : [])
        }
    }

    /// Learns the encoding of `column` from its values; `nil` when the column carries no information
    /// (one value and no missing ones, or all missing) or its values do not fit its role (dates,
    /// excluded columns). `numericBins` are the column's `BinMapper` bins when numerics are binned.
    init?(fitting column: DataColumn, options: DesignOptions, numericBins: FeatureBins?) {
        name = column.name
        role = column.role
        switch (column.role, column.values) {
        case (.numeric, .numeric(let values)), (.numeric, .boolean(let values)):
            if let numericBins, case .steps = options.numericEncoding {
                kind = Self.steps(numericBins, bins: numericBins.bins(of: column.values))
            } else if let numericBins {
                kind = Self.oneHot(numericBins, bins: numericBins.bins(of: column.values))
            } else {
                let (mean, deviation, missing) = Self.moments(values)
                kind = .linear(mean: mean, standardDeviation: deviation, missingColumn: missing > 0 && missing < values.count)
            }
        case (.boolean, .boolean(let values)), (.boolean, .numeric(let values)):
            let (_, deviation, missing) = Self.moments(values)
            kind = .boolean(valueColumn: deviation > 0, missingColumn: missing > 0 && missing < values.count)
        case (.categorical, .categorical(let codes, let levels)):
            // The BinMapper's pooling rule and limit (its default maxBins − 1), so both trainers see the same
            // levels: bins are `UInt8`, so beyond 254 levels the rarest join "other" rather than overflow a bin.
            let (kept, pooled) = categoricalLevels(codes: codes, levels: levels, minCount: options.minimumLevelCount,
                                                   maxOwnBins: BinningParameters().maxBins - 1)
            let bins = FeatureBins(name: name, role: role, kind: .categorical(levels: kept, pooled: pooled))
            kind = Self.oneHot(bins, bins: bins.bins(of: column.values))
        default:
            return nil
        }
        if terms.isEmpty { return nil }
    }

    /// One column per bin that holds training rows, unless they all fall in one bin (a constant).
    private static func oneHot(_ featureBins: FeatureBins, bins: [UInt8]) -> Kind {
        var counts = [Int](repeating: 0, count: featureBins.binCount)
        for bin in bins { counts[Int(bin)] += 1 }
        let occupied = counts.indices.filter { counts[$0] > 0 }
        return .oneHot(bins: featureBins, binOfColumn: occupied.count >= 2 ? occupied : [])
    }

    /// A step at every occupied value bin above the lowest; a missing column only when training had both
    /// missing and present values.
    private static func steps(_ featureBins: FeatureBins, bins: [UInt8]) -> Kind {
        var counts = [Int](repeating: 0, count: featureBins.binCount)
        for bin in bins { counts[Int(bin)] += 1 }
        let occupied = (0..<featureBins.valueBinCount).filter { counts[$0] > 0 }
        let missing = counts[featureBins.missingBin]
        return .steps(bins: featureBins, stepBins: Array(occupied.dropFirst()), missingColumn: missing > 0 && !occupied.isEmpty)
    }

    private static func valueTerms(_ name: String, valueColumn: Bool, center: Double, scale: Double,
                                   missingColumn: Bool) -> [DesignTerm] {
        var terms: [DesignTerm] = []
        if valueColumn { terms.append(DesignTerm(feature: name, kind: .value, center: center, scale: scale)) }
        if missingColumn { terms.append(DesignTerm(feature: name, kind: .missing)) }
        return terms
    }

    /// Mean and population standard deviation of the non-missing values (two passes, for accuracy), and
    /// the number of missing ones.
    private static func moments(_ values: NumberColumn) -> (mean: Double, deviation: Double, missing: Int) {
        var sum = 0.0, count = 0
        for value in values where !value.isNaN {
            sum += value
            count += 1
        }
        guard count > 0 else { return (0, 0, values.count) }
        let mean = sum / Double(count)
        var squares = 0.0
        for value in values where !value.isNaN { squares += (value - mean) * (value - mean) }
        return (mean, (squares / Double(count)).squareRoot(), values.count - count)
    }
}
