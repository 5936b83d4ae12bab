/// Every feature of a dataset as bin indices, one contiguous `[UInt8]` per feature (column-major).
///
/// Column-major because trainers read one feature over all rows at a time (a histogram, a design
/// matrix column), and one byte per cell keeps a million rows of a feature in a megabyte.
public struct BinnedColumns: Sendable, Equatable {
    /// Rows in every column.
    public let rowCount: Int
    /// `columns[f][row]` is the bin of `row` in the mapper's feature `f`.
    public let columns: [[UInt8]]

    /// Columns of bin codes, one per feature, each `rowCount` long.
    public init(rowCount: Int, columns: [[UInt8]]) {
        precondition(columns.allSatisfy { $0.count == rowCount }, "every binned column needs \(rowCount) rows")
        self.rowCount = rowCount
        self.columns = columns
    }

    /// Rows per bin of feature `feature`, for `binCount` bins.
    public func binCounts(feature: Int, binCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: binCount)
        for bin in columns[feature] { counts[Int(bin)] += 1 }
        return counts
    }
}
