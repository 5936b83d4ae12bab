import LeadData

/// Turns a `Dataset` into a design matrix the same way every time: learned once from training rows
/// (`init(fitting:options:)`), then applied unchanged to any data with the same columns (`encode(_:)`),
/// including data to score. `Codable`, so a saved model scores new leads exactly as it was trained.
///
/// - numeric (`.linear`): `(x − mean) / sd`; a missing value is entered as the mean (0) and flagged in a
///   missing-indicator column, so its effect is that column's weight alone;
/// - numeric (`.binned`): one-hot over the `BinMapper`'s quantile bins and its missing bin;
/// - numeric (`.steps`): the same bins as cumulative steps `x > edge`, and a missing column;
/// - boolean: 0/1 as is; missing → 0 plus the indicator;
/// - categorical: one-hot over levels with at least `minimumLevelCount` training rows, an "other" column
///   for rarer levels and for levels never seen in training, and a missing column;
/// - features that are constant in training are left out (`constantFeatures`).
public struct DesignEncoder: Codable, Sendable, Equatable {
    /// The options the encoding was learned with.
    public let options: DesignOptions
    /// The encoded features, in dataset column order.
    public let features: [EncodedFeature]
    /// Feature columns that carried no information in training and were left out.
    public let constantFeatures: [String]

    /// Learns the encoding of `dataset`'s feature columns: levels, bins and standardisation.
    public init(fitting dataset: Dataset, options: DesignOptions = DesignOptions()) throws(DesignError) {
        guard options.minimumLevelCount >= 1 else {
            throw .invalidOption("minimumLevelCount must be at least 1, not \(options.minimumLevelCount)")
        }
        let numericBins = try Self.numericBins(dataset, options: options)
        var features: [EncodedFeature] = []
        var constant: [String] = []
        for column in dataset.featureColumns {
            if let count = column.values.count, count != dataset.rowCount {
                throw .rowCountMismatch(column: column.name, values: count, rows: dataset.rowCount)
            }
            if let feature = EncodedFeature(fitting: column, options: options, numericBins: numericBins[column.name]) {
                features.append(feature)
            } else {
                constant.append(column.name)
            }
        }
        guard !features.isEmpty else { throw .noFeatures }
        self.options = options
        self.features = features
        self.constantFeatures = constant
    }

    /// The `BinMapper` bins of every numeric feature column, by name, when numerics are binned.
    private static func numericBins(_ dataset: Dataset, options: DesignOptions) throws(DesignError) -> [String: FeatureBins] {
        guard let maxBins = options.numericEncoding.maxBins else { return [:] }
        let numeric = dataset.featureColumns.filter { column in
            switch column.values {
            case .numeric, .boolean: return column.role == .numeric
            default: return false
            }
        }
        do {
            let parameters = BinningParameters(maxBins: maxBins, minCategoryCount: options.minimumLevelCount)
            let mapper = try BinMapper(fitting: dataset, columns: numeric.map(\.name), parameters: parameters)
            return Dictionary(uniqueKeysWithValues: mapper.features.map { ($0.name, $0) })
        } catch {
            throw .binning(error)
        }
    }

    /// All design columns, feature by feature.
    public var terms: [DesignTerm] { features.flatMap(\.terms) }

    /// Encodes every row of `dataset`. Features absent from it are encoded as missing (and noted);
    /// a feature whose column changed type throws `DesignError.roleChanged`.
    ///
    /// Each feature zeroes and writes its own columns, so features are encoded on all cores at once.
    public func encode(_ dataset: Dataset) throws(DesignError) -> DesignMatrix {
        let rows = dataset.rowCount
        let terms = self.terms
        let columns = features.map { dataset.column(named: $0.name) }
        let notes = absenceNotes(columns, source: dataset.source)
        let firsts = features.reduce(into: [0]) { $0.append($0.last! + $1.terms.count) }
        var failures = [DesignError?](repeating: nil, count: features.count)
        let values = [Double](unsafeUninitializedCapacity: rows * terms.count) { design, initialized in
            failures.withUnsafeMutableBufferPointer { failures in
                let (output, failed) = (SharedPointer(design), SharedPointer(failures))
                concurrentForEach(features.count, threads: availableCores) { index in
                    let own = output.pointer[(firsts[index] * rows)..<(firsts[index + 1] * rows)]
                    UnsafeMutableBufferPointer(rebasing: own).initialize(repeating: 0)
                    do throws(DesignError) {
                        try features[index].write(columns[index], rows: rows, into: output.pointer, first: firsts[index])
                    } catch {
                        failed.pointer[index] = error
                    }
                }
            }
            initialized = rows * terms.count
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return DesignMatrix(rowCount: rows, terms: terms, values: values, notes: notes)
    }

    /// A note for each feature that `columns` (the dataset's, in feature order) lacks or holds no values of.
    func absenceNotes(_ columns: [DataColumn?], source: String) -> [String] {
        zip(features, columns).compactMap { feature, column in
            column == nil || column?.values == ColumnValues.none
                ? "feature '\(feature.name)' has no values in \(source); scored as missing" : nil
        }
    }
}
