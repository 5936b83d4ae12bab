/// A code per row in one or two bytes: what a coded column (`NumberColumn`, `CategoryCodes`) holds, and
/// what passes that read a column through a table of one result per code take.
public enum RowCodes: Sendable {
    /// One byte a row: at most 256 distinct codes.
    case bytes([UInt8])
    /// Two bytes a row: at most 65,536 distinct codes.
    case shorts([UInt16])

    /// Rows held.
    public var count: Int {
        switch self {
        case .bytes(let codes): codes.count
        case .shorts(let codes): codes.count
        }
    }

    /// `body(row, code)` for every row of `rows`, in order, the storage resolved once outside the loop.
    @inlinable @inline(__always)
    public func forEachCode(in rows: Range<Int>, _ body: (Int, Int) -> Void) {
        switch self {
        case .bytes(let codes):
            codes.withUnsafeBufferPointer { codes in
                for row in rows { body(row, Int(codes[row])) }
            }
        case .shorts(let codes):
            codes.withUnsafeBufferPointer { codes in
                for row in rows { body(row, Int(codes[row])) }
            }
        }
    }
}

extension DataColumn {
    /// The rows as codes into the column's distinct values, and each code's value as text, exactly as
    /// `formattedValue(row:)` gives it; `nil` for a column held without codes (plain doubles, more than 255
    /// levels, no values).
    ///
    /// Why: a pass that turns every row's text into something (a card's condition, a baseline's counts)
    /// can do that once per distinct value and then read one or two bytes a row, instead of formatting
    /// every row (issue 21: a tenth of `train` at 1 000 000 leads went to formatting values for the baseline).
    public var formattedCodes: (codes: RowCodes, texts: [String])? {
        func coded(_ column: NumberColumn, _ text: (Double) -> String) -> (codes: RowCodes, texts: [String])? {
            switch column.storage {
            case .plain: nil
            case .narrow(let codes, let table): (.bytes(codes), table.map(text))
            case .wide(let codes, let table): (.shorts(codes), table.map(text))
            }
        }
        switch values {
        case .numeric(let column): return coded(column, Self.numberText)
        case .boolean(let column): return coded(column, Self.booleanText)
        case .date(let column): return coded(column, Self.dateText)
        case .categorical(let codes, let levels):
            // Stored as level + 1, 0 for missing.
            guard case .narrow(let stored) = codes.storage else { return nil }
            return (.bytes(stored), [""] + levels)
        case .none:
            return nil
        }
    }
}
