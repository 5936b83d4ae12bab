import LeadData

extension EncodedFeature {
    /// Writes this feature's columns for every row into `design` (column-major, already zeroed), starting
    /// at design column `first`. A `nil` column (absent from the data) is written as all missing.
    func write(_ column: DataColumn?, rows: Int, into design: UnsafeMutableBufferPointer<Double>, first: Int) throws(DesignError) {
        let terms = self.terms
        let missingColumn = terms.firstIndex { $0.kind == .missing }.map { (first + $0) * rows }
        guard let column, column.values != .none else {
            if let missingColumn { for row in 0..<rows { design[missingColumn + row] = 1 } }
            return
        }
        if let count = column.values.count, count != rows {
            throw .rowCountMismatch(column: name, values: count, rows: rows)
        }
        switch (kind, column.values) {
        case (.linear, .numeric(let values)), (.linear, .boolean(let values)),
             (.boolean, .numeric(let values)), (.boolean, .boolean(let values)):
            let valueIndex = terms.firstIndex { $0.kind == .value }
            let valueColumn = valueIndex.map { (first + $0) * rows }
            let (center, scale) = valueIndex.map { (terms[$0].center, terms[$0].scale) } ?? (0, 1)
            for (row, value) in values.enumerated() {
                if value.isNaN {
                    // The design value of a missing entry stays 0: the training mean once standardised.
                    if let missingColumn { design[missingColumn + row] = 1 }
                } else if let valueColumn {
                    design[valueColumn + row] = (value - center) / scale
                }
            }
        case (.oneHot(let bins, let binOfColumn), _) where bins.accepts(column.values):
            var columnOfBin = [Int?](repeating: nil, count: bins.binCount)
            for (index, bin) in binOfColumn.enumerated() { columnOfBin[bin] = (first + index) * rows }
            for (row, bin) in bins.bins(of: column.values).enumerated() {
                if let start = columnOfBin[Int(bin)] { design[start + row] = 1 }
            }
        case (.steps(let bins, let stepBins, _), .numeric), (.steps(let bins, let stepBins, _), .boolean):
            let starts = stepBins.indices.map { (first + $0) * rows }
            for (row, bin) in bins.bins(of: column.values).enumerated() {
                if Int(bin) == bins.missingBin {
                    if let missingColumn { design[missingColumn + row] = 1 }
                    continue
                }
                for (step, start) in zip(stepBins, starts) {
                    guard Int(bin) >= step else { break }
                    design[start + row] = 1
                }
            }
        default:
            throw .roleChanged(column: name, fitted: role, found: column.role)
        }
    }
}

extension FeatureBins {
    /// Whether `bins(of:)` can bin these values: labels for a categorical feature, numbers otherwise.
    func accepts(_ values: ColumnValues) -> Bool {
        switch values {
        case .categorical: return isCategorical
        case .numeric, .boolean: return !isCategorical
        case .date, .none: return false
        }
    }
}
