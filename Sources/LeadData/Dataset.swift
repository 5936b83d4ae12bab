/// Historical leads held column by column: every column typed once at load time, the outcome as 0/1.
///
/// Columnar because training reads one feature over all rows at a time (binning, histograms, design
/// matrix columns), and typed columns take a fraction of the memory of the text they came from.
public struct Dataset: Sendable {
    /// Where the rows came from (file path or a generator's name).
    public var source: String
    /// Every column of the input except the target, in file order, including identifiers and excluded ones.
    public var columns: [DataColumn]
    /// 0 = lost, 1 = converted, one per row; `nil` when no target was named (e.g. leads to score).
    public var labels: [UInt8]?
    /// The outcome column and which of its values means converted; `nil` for leads to be scored.
    public var outcome: Outcome?
    /// Leads in the dataset (rows without an outcome are left out when there is a target).
    public var rowCount: Int
    /// Things the user should know about the load (columns typed differently than asked, rows dropped).
    public var notes: [String]

    /// A dataset from its parts, as the loader and the generators build it.
    public init(source: String, columns: [DataColumn], labels: [UInt8]?, outcome: Outcome?, rowCount: Int, notes: [String] = []) {
        self.source = source
        self.columns = columns
        self.labels = labels
        self.outcome = outcome
        self.rowCount = rowCount
        self.notes = notes
    }

    /// The columns a model may learn from.
    public var featureColumns: [DataColumn] { columns.filter(\.isFeature) }

    /// The column called `name`, or `nil`: how a caller finds a card's feature in the data.
    public func column(named name: String) -> DataColumn? { columns.first { $0.name == name } }

    /// A dataset of the given rows, in the given order (splits, folds, bootstrap samples).
    public func selecting(_ rows: [Int]) -> Dataset {
        var subset = self
        subset.columns = columns.map { column in
            var copy = column
            copy.values = column.values.selecting(rows)
            return copy
        }
        subset.labels = labels.map { labels in rows.map { labels[$0] } }
        subset.rowCount = rows.count
        return subset
    }

    /// A dataset of every row except `rows`, in order (a fold's training rows).
    public func selecting(allBut rows: [Int]) -> Dataset {
        var kept = [Bool](repeating: true, count: rowCount)
        for row in rows { kept[row] = false }
        return selecting(kept.indices.filter { kept[$0] })
    }

    /// Share of converted rows; `nil` without labels or rows.
    public var positiveRate: Double? {
        guard let labels, !labels.isEmpty else { return nil }
        return Double(labels.reduce(0) { $0 + Int($1) }) / Double(labels.count)
    }
}
