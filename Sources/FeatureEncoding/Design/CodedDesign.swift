/// The design matrix `DesignEncoder.encode(_:)` builds, held as one small code per row and feature instead
/// of `n × p` doubles.
///
/// Every binned, categorical or boolean feature writes design columns that depend on the row only through
/// its bin: a row of design values per bin (`CodedBlock.table`) and the row's bin (`codes`) give the same
/// numbers as the dense design, at one byte per feature and row instead of eight per column. A linear
/// numeric's standardised value is the one column that is not a function of a bin; it is kept as a value
/// column, and its missing indicator is coded like the rest.
///
/// A trainer computes `Xβ` and `Xᵀr` by table look-ups and `XᵀDX` from pairwise bin histograms (see
/// `LinearModels`), so a model over a million leads and 300 design columns never allocates the 2.4 GB
/// dense design.
public struct CodedDesign: Sendable {
    /// Rows of the design.
    public let rowCount: Int
    /// The design columns, as in `DesignMatrix.terms`.
    public let terms: [DesignTerm]
    /// The coded features, in design order.
    public let blocks: [CodedBlock]
    /// Each block's code per row (`code(row:block:)`), read through the data column's own codes where it has
    /// them (`CodedBins`): the design adds no byte per row and feature to the typed columns it was encoded
    /// from. A trainer's pass gathers a chunk of rows of the blocks it needs into a small buffer and works
    /// on that (see `LinearModels`).
    public let codeColumns: [CodedBins]
    /// Design columns holding a value per row (standardised linear numerics; booleans that are not 0/1).
    public let valueColumns: [ValueColumn]
    /// Things the caller should know about this encoding, as in `DesignMatrix.notes`.
    public var notes: [String]

    /// Design columns: one per term.
    public var columnCount: Int { terms.count }

    package init(rowCount: Int, terms: [DesignTerm], blocks: [CodedBlock], columns: [CodedBins], valueColumns: [ValueColumn],
                 notes: [String]) {
        precondition(columns.count == blocks.count && columns.allSatisfy { $0.rowCount == rowCount }
                     && valueColumns.allSatisfy { $0.values.count == rowCount })
        self.rowCount = rowCount
        self.terms = terms
        self.blocks = blocks
        self.codeColumns = columns
        self.valueColumns = valueColumns
        self.notes = notes
    }

    /// A design from row-major codes (`codes[i * blocks.count + b]` is row i's code in block b), as tests
    /// write them by hand.
    package init(rowCount: Int, terms: [DesignTerm], blocks: [CodedBlock], codes: [UInt8], valueColumns: [ValueColumn],
                 notes: [String]) {
        precondition(codes.count == rowCount * blocks.count)
        let columns = blocks.indices.map { b in CodedBins(bins: (0..<rowCount).map { codes[$0 * blocks.count + b] }) }
        self.init(rowCount: rowCount, terms: terms, blocks: blocks, columns: columns, valueColumns: valueColumns, notes: notes)
    }

    /// The code of `row` in block `block`.
    public func code(row: Int, block: Int) -> Int { Int(codeColumns[block][row]) }
}

/// The design columns of one feature that depend only on a code per row.
public struct CodedBlock: Sendable, Equatable {
    /// Codes run over `0..<codeCount` (at most 256).
    public let codeCount: Int
    /// The design columns this block writes, ascending; every other column is 0 for this feature.
    public let columns: [Int]
    /// Row-major `codeCount × columns.count`: `table[code * columns.count + k]` is the value of design column
    /// `columns[k]` in a row with this code.
    public let table: [Double]

    package init(codeCount: Int, columns: [Int], table: [Double]) {
        precondition(codeCount >= 1 && codeCount <= 256 && table.count == codeCount * columns.count)
        self.codeCount = codeCount
        self.columns = columns
        self.table = table
    }

    /// `table[code * columns.count + k]`.
    public func value(code: Int, column k: Int) -> Double { table[code * columns.count + k] }
}

/// A design column with a value of its own in every row.
public struct ValueColumn: Sendable, Equatable {
    /// Its index among the design columns.
    public let column: Int
    /// The design value of each code of the feature.
    public let values: [Double]

    package init(column: Int, values: [Double]) {
        self.column = column
        self.values = values
    }
}
