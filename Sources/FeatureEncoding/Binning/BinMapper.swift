import LeadData

/// Learns each feature's bins from training rows, then maps any dataset with the same columns to
/// `UInt8` bins (scikit-learn's `_BinMapper`, LightGBM's `BinMapper`).
///
/// Binning is kept apart from learning so every trainer sees the same bins: the boosted stumps split
/// on them, the logistic regression's binned-numerics option one-hot encodes them, and the score card
/// reads each bin's meaning back (`FeatureBins.content(ofBin:)`).
///
/// - Numeric and boolean features: at most `maxBins` value bins from quantiles of the training rows
///   (see `numericUpperEdges`), missing values in a bin of their own.
/// - Categorical features: one bin per level seen at least `minCategoryCount` times, one "other" bin
///   for rarer levels and for levels first seen after fitting (never an error), one missing bin.
///
/// Usage:
/// ```swift
/// let mapper = try BinMapper(fitting: train)
/// let trainBins = try mapper.transform(train)
/// let testBins = try mapper.transform(test)      // same columns, binned by the training edges
/// ```
public struct BinMapper: Sendable, Codable, Equatable {
    /// The settings the bins were made with, recorded so a model can say how it was binned.
    public let parameters: BinningParameters
    /// One entry per binned feature, in the order of `BinnedColumns.columns`.
    public let features: [FeatureBins]

    /// Fits bins on every row of `dataset`.
    ///
    /// - Parameters:
    ///   - columns: the features to bin, in this order; `nil` takes every feature column (numeric,
    ///     boolean or categorical) in file order.
    ///   - threads: features are fitted concurrently when > 1; the result does not depend on it.
    public init(fitting dataset: Dataset, columns names: [String]? = nil, parameters: BinningParameters = .init(),
                threads: Int = availableCores) throws(BinningError) {
        try parameters.validate()
        let columns = try (names ?? dataset.featureColumns.map(\.name)).map { name throws(BinningError) in
            guard let column = dataset.column(named: name) else { throw .missingColumn(name) }
            try Self.checkShape(column, rowCount: dataset.rowCount)
            return column
        }
        let sampleRows = quantileSample(rowCount: dataset.rowCount, size: parameters.quantileSampleSize,
                                        seed: parameters.seed)
        var fitted = [FeatureBins?](repeating: nil, count: columns.count)
        fitted.withUnsafeMutableBufferPointer { buffer in
            let output = SharedPointer(buffer)
            concurrentForEach(columns.count, threads: threads) { index in
                output.pointer[index] = Self.fit(columns[index], sampleRows: sampleRows, parameters: parameters)
            }
        }
        self.parameters = parameters
        self.features = fitted.map { $0! }
    }

    /// The bins of every row of `dataset`, looked up by column name.
    ///
    /// A numeric feature must still hold numbers (numeric or boolean role) and a categorical one
    /// labels; a categorical label unseen at fit time goes to "other".
    public func transform(_ dataset: Dataset, threads: Int = availableCores) throws(BinningError) -> BinnedColumns {
        let columns = try checkedColumns(dataset)
        var binned = [[UInt8]](repeating: [], count: features.count)
        binned.withUnsafeMutableBufferPointer { buffer in
            let output = SharedPointer(buffer)
            concurrentForEach(features.count, threads: threads) { index in
                output.pointer[index] = features[index].bins(of: columns[index].values)
            }
        }
        return BinnedColumns(rowCount: dataset.rowCount, columns: binned)
    }

    /// Each feature's column in `dataset`, checked: present, covering every row, labels where the feature
    /// was fitted on labels and numbers where on numbers.
    func checkedColumns(_ dataset: Dataset) throws(BinningError) -> [DataColumn] {
        try features.map { feature throws(BinningError) in
            guard let column = dataset.column(named: feature.name) else { throw .missingColumn(feature.name) }
            try Self.checkShape(column, rowCount: dataset.rowCount)
            let holdsLabels = if case .categorical = column.values { true } else { false }
            guard holdsLabels == feature.isCategorical else {
                throw .roleMismatch(column: feature.name, expected: feature.role, found: column.role)
            }
            return column
        }
    }

    /// Only feature columns whose values cover every row can be binned.
    private static func checkShape(_ column: DataColumn, rowCount: Int) throws(BinningError) {
        switch column.values {
        case .numeric, .boolean, .categorical:
            guard column.isFeature else { throw .notAFeature(column: column.name, role: column.role) }
        case .date, .none:
            throw .notAFeature(column: column.name, role: column.role)
        }
        let count = column.values.count ?? 0
        guard count == rowCount else { throw .rowCountMismatch(column: column.name, expected: rowCount, found: count) }
    }

    private static func fit(_ column: DataColumn, sampleRows: [Int]?, parameters: BinningParameters) -> FeatureBins {
        switch column.values {
        case .categorical(let codes, let levels):
            let (kept, pooled) = categoricalLevels(codes: codes, levels: levels, minCount: parameters.minCategoryCount,
                                                   maxOwnBins: parameters.maxBins - 1)
            return FeatureBins(name: column.name, role: column.role, kind: .categorical(levels: kept, pooled: pooled))
        case .numeric(let values), .boolean(let values):
            let sample = (sampleRows.map { $0.map { values[$0] } } ?? values.doubles).filter { !$0.isNaN }.sorted()
            let edges = numericUpperEdges(sortedValues: sample, maxBins: parameters.maxBins)
            return FeatureBins(name: column.name, role: column.role, kind: .numeric(upperEdges: edges))
        case .date, .none:
            preconditionFailure("checkShape admits feature columns only")
        }
    }
}

extension FeatureBins {
    /// The bin of every value of a column already checked to match this feature's kind.
    func bins(of values: ColumnValues) -> [UInt8] {
        switch (kind, values) {
        case (.numeric(let upperEdges), .numeric(let values)), (.numeric(let upperEdges), .boolean(let values)):
            return upperEdges.withUnsafeBufferPointer { edges in values.mapped { numericBin($0, upperEdges: edges) } }
        case (.categorical(let kept, _), .categorical(let codes, let levels)):
            // Keyed by the labels' UTF-8 bytes: a level is its exact spelling, as the reader interned it and
            // as the scorer and SQL compare it. A `String` key would merge "café" spelt NFC and NFD (Swift's
            // `==` is canonical equivalence) and trap on the duplicate.
            let binOfLevel = Dictionary(uniqueKeysWithValues: kept.enumerated().map { (Array($1.utf8), UInt8($0)) })
            let binOfCode = levels.map { binOfLevel[Array($0.utf8)] ?? UInt8(kept.count) }
            let missing = UInt8(missingBin)
            switch codes.storage {
            case .narrow(let stored):
                // Stored as code + 1 with 0 for missing: one table look-up a row.
                let binOfStored = [missing] + binOfCode
                return stored.map { binOfStored[Int($0)] }
            case .wide(let stored):
                return stored.map { $0 < 0 ? missing : binOfCode[Int($0)] }
            }
        default:
            preconditionFailure("transform checks the column kind before binning")
        }
    }
}

/// Rows whose values give the quantiles: all of them (`nil`) when there are at most `size`, else
/// `size` rows drawn without replacement by selection sampling (Knuth's Algorithm S), ascending.
func quantileSample(rowCount: Int, size: Int, seed: UInt64) -> [Int]? {
    guard rowCount > size else { return nil }
    var generator = SeededGenerator(seed: seed)
    var rows: [Int] = []
    rows.reserveCapacity(size)
    for row in 0..<rowCount where rows.count < size {
        if generator.nextUniform() * Double(rowCount - row) < Double(size - rows.count) { rows.append(row) }
    }
    return rows
}
