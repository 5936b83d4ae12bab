import LeadData

/// One feature's design columns as codes (see `CodedDesign`): the columns `EncodedFeature.write` fills,
/// split into those that are a function of a per-row code and at most one that holds a value per row.
struct FeatureCodes: Sendable {
    /// A code per row, read through the data column's own codes where it has them (`CodedBins`: the
    /// design's row-major matrix is then the only copy of the feature's codes); no rows when no column of
    /// the feature is coded.
    var codes = CodedBins(bins: [])
    var codeCount = 0
    /// The feature's coded terms (indices into `terms`), ascending.
    var codedTerms: [Int] = []
    /// Row-major `codeCount × codedTerms.count`.
    var table: [Double] = []
    /// The term holding a value per row, and the values.
    var value: (term: Int, values: [Double])?
}

extension EncodedFeature {
    /// This feature's columns for every row of `column`, as codes, with exactly the values `write` puts in the
    /// dense design (the same arithmetic for standardised values). A `nil` column is all missing.
    func codes(_ column: DataColumn?, rows: Int) throws(DesignError) -> FeatureCodes {
        let terms = self.terms
        let values = column.flatMap { $0.values == .none ? nil : $0.values }
        if let values, let count = values.count, count != rows {
            throw .rowCountMismatch(column: name, values: count, rows: rows)
        }
        let roleChanged = DesignError.roleChanged(column: name, fitted: role, found: column?.role ?? role)
        let missingTerm = terms.firstIndex { $0.kind == .missing }
        switch kind {
        case .oneHot(let bins, let binOfColumn):
            if let values, !bins.accepts(values) { throw roleChanged }
            var table = [Double](repeating: 0, count: bins.binCount * binOfColumn.count)
            for (k, bin) in binOfColumn.enumerated() { table[bin * binOfColumn.count + k] = 1 }
            return FeatureCodes(codes: Self.binCodes(bins, values, rows: rows), codeCount: bins.binCount,
                                codedTerms: Array(terms.indices), table: table)
        case .steps(let bins, let stepBins, _):
            if let values, !values.isNumber { throw roleChanged }
            let width = terms.count
            var table = [Double](repeating: 0, count: bins.binCount * width)
            for bin in 0..<bins.binCount {
                if bin == bins.missingBin {
                    if let missingTerm { table[bin * width + missingTerm] = 1 }
                } else {
                    for (k, step) in stepBins.enumerated() where bin >= step { table[bin * width + k] = 1 }
                }
            }
            return FeatureCodes(codes: Self.binCodes(bins, values, rows: rows), codeCount: bins.binCount,
                                codedTerms: Array(terms.indices), table: table)
        case .linear, .boolean:
            if let values, !values.isNumber { throw roleChanged }
            let numbers: [Double]? = switch values {
            case .numeric(let numbers), .boolean(let numbers): numbers.doubles
            default: nil
            }
            let valueTerm = terms.firstIndex { $0.kind == .value }
            if case .boolean = kind, numbers?.allSatisfy({ $0.isNaN || $0 == 0 || $0 == 1 }) ?? true {
                return Self.booleanCodes(numbers, rows: rows, valueTerm: valueTerm, missingTerm: missingTerm)
            }
            // A value column for the value (the training mean, 0, where missing), a code for the indicator.
            var coded = FeatureCodes()
            if let missingTerm {
                coded.codes = CodedBins(bins: numbers.map { $0.map { $0.isNaN ? 1 : 0 } } ?? [UInt8](repeating: 1, count: rows))
                coded.codeCount = 2
                coded.codedTerms = [missingTerm]
                coded.table = [0, 1]
            }
            if let valueTerm {
                let (center, scale) = (terms[valueTerm].center, terms[valueTerm].scale)
                let standardised = numbers.map { $0.map { $0.isNaN ? 0 : ($0 - center) / scale } }
                coded.value = (valueTerm, standardised ?? [Double](repeating: 0, count: rows))
            }
            return coded
        }
    }

    /// Bins as codes, through the column's codes where it has them; all missing for an absent column.
    private static func binCodes(_ bins: FeatureBins, _ values: ColumnValues?, rows: Int) -> CodedBins {
        values.map { bins.codedBins(of: $0) } ?? CodedBins(bins: [UInt8](repeating: UInt8(bins.missingBin), count: rows))
    }

    /// A 0/1 feature: codes 0 and 1 for the values, 2 for missing.
    private static func booleanCodes(_ numbers: [Double]?, rows: Int, valueTerm: Int?, missingTerm: Int?) -> FeatureCodes {
        let codedTerms = [valueTerm, missingTerm].compactMap { $0 }
        var table = [Double](repeating: 0, count: 3 * codedTerms.count)
        for (k, term) in codedTerms.enumerated() {
            if term == valueTerm { table[1 * codedTerms.count + k] = 1 }
            if term == missingTerm { table[2 * codedTerms.count + k] = 1 }
        }
        let codes = numbers.map { $0.map { $0.isNaN ? UInt8(2) : UInt8($0) } } ?? [UInt8](repeating: 2, count: rows)
        return FeatureCodes(codes: CodedBins(bins: codes), codeCount: 3, codedTerms: codedTerms, table: table)
    }
}

extension ColumnValues {
    /// Numbers or booleans: what numeric and boolean encodings read.
    var isNumber: Bool {
        switch self {
        case .numeric, .boolean: return true
        default: return false
        }
    }
}
