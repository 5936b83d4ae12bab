extension Dataset {
    /// The datasets of the given row sets (each in its own order), built from this one column by column while
    /// it is given up: each column of the original is released as soon as its parts are copied.
    ///
    /// Why: `selecting` each part of a split leaves the loaded leads and all their parts alive together, two
    /// copies of every typed column at the peak of `train` (173 bytes a lead each at 25 columns). Consumed
    /// here, the original and its parts overlap by one column only, and nothing of the original remains once
    /// the parts exist. The parts equal `rowSets.map(selecting)`, value for value.
    ///
    /// Pass the dataset with `consume` (or as a temporary): a copy still held by the caller keeps the
    /// original's storage alive, and the memory saving is lost (the result is the same).
    public consuming func partitioned(into rowSets: [[Int]]) -> [Dataset] {
        var columns = self.columns
        self.columns = []
        let labels = self.labels
        self.labels = nil
        var parts = rowSets.map { rows in
            Dataset(source: source, columns: [], labels: labels.map { labels in rows.map { labels[$0] } }, outcome: outcome,
                    rowCount: rows.count, notes: notes)
        }
        for index in columns.indices {
            let column = columns[index]
            columns[index].values = .none  // only `column` holds the values now: released after this iteration
            for (part, rows) in rowSets.enumerated() {
                var copy = column
                copy.values = column.values.selecting(rows)
                parts[part].columns.append(copy)
            }
        }
        returnFreedMemory()
        return parts
    }

    /// Bytes per lead that the typed values of the columns and the outcome take (values kept only: identifier
    /// and excluded columns hold none): what the dataset itself costs in memory, for the scale benchmark and
    /// the memory-layout tests.
    public var bytesPerLead: Int {
        let columnBytes = columns.reduce(0) { sum, column in
            switch column.values {
            case .numeric(let values), .boolean(let values), .date(let values): return sum + values.bytesPerRow
            case .categorical(let codes, _): return sum + codes.bytesPerRow
            case .none: return sum
            }
        }
        return columnBytes + (labels == nil ? 0 : MemoryLayout<UInt8>.stride)
    }
}
