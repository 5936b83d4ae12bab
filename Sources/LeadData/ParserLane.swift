import LeadCSV

/// A field that did not fit its column's role: the batch row and the file column.
struct FieldFailure: Comparable {
    var row: Int
    var column: Int

    static func < (a: FieldFailure, b: FieldFailure) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// The parsers of a share of the file's columns, grouped by type so each group's loop calls its parser
/// directly. One thread works one lane, so lanes parse the columns of a batch in parallel without sharing
/// any state.
struct ParserLane {
    var numbers = ParserGroup<NumericParser>()
    var booleans = ParserGroup<BooleanParser>()
    var dates = ParserGroup<DateParser>()
    var categories = ParserGroup<CategoricalParser>()
    var summaries = ParserGroup<SummaryParser>()
    /// Rough cost of a row of this lane's columns, for sharing columns out evenly.
    private(set) var cost = 0.0

    mutating func add(column: Int, role: ColumnRole, missingTokens: MissingTokens, decimalSeparator: UInt8) {
        switch role {
        case .numeric:
            numbers.add(NumericParser(missingTokens: missingTokens, decimalSeparator: decimalSeparator), column: column)
            cost += 1
        case .boolean:
            booleans.add(BooleanParser(missingTokens: missingTokens, decimalSeparator: decimalSeparator), column: column)
            cost += 1
        case .date:
            dates.add(DateParser(missingTokens: missingTokens, decimalSeparator: decimalSeparator), column: column)
            cost += 2
        case .categorical:
            categories.add(CategoricalParser(missingTokens: missingTokens), column: column)
            cost += 1.5
        case .identifier, .excluded:
            summaries.add(SummaryParser(missingTokens: missingTokens), column: column)
            cost += 1.5
        }
    }

    mutating func reserve(_ rows: Int) {
        numbers.reserve(rows); booleans.reserve(rows); dates.reserve(rows); categories.reserve(rows); summaries.reserve(rows)
    }

    /// Parses the given rows of the batch; the earliest field that does not fit, if any.
    mutating func consume(_ batch: CSVBatch, rows: UnsafeBufferPointer<Int32>) -> FieldFailure? {
        [numbers.consume(batch, rows: rows), booleans.consume(batch, rows: rows), dates.consume(batch, rows: rows),
         categories.consume(batch, rows: rows), summaries.consume(batch, rows: rows)].compactMap { $0 }.min()
    }

    func finish() -> [(column: Int, result: ParsedColumn)] {
        numbers.finish() + booleans.finish() + dates.finish() + categories.finish() + summaries.finish()
    }
}

/// A finished column: its values and summary counts.
typealias ParsedColumn = (values: ColumnValues, missing: Int, distinct: Int)

/// The parsers of one type and the file columns they read.
struct ParserGroup<Parser: FieldParser> {
    private var columns: [Int] = []
    private var parsers: [Parser] = []

    mutating func add(_ parser: Parser, column: Int) {
        parsers.append(parser)
        columns.append(column)
    }

    mutating func reserve(_ rows: Int) {
        for index in parsers.indices { parsers[index].reserve(rows) }
    }

    /// Feeds each parser its column's fields, row after row; a parser stops at its first misfit.
    mutating func consume(_ batch: CSVBatch, rows: UnsafeBufferPointer<Int32>) -> FieldFailure? {
        var earliest: FieldFailure?
        let columns = self.columns
        parsers.withUnsafeMutableBufferPointer { parsers in
            for (index, column) in columns.enumerated() {
                let fields = batch.column(column)
                for row in rows where !parsers[index].append(fields, row: Int(row)) {
                    earliest = min(earliest ?? FieldFailure(row: Int(row), column: column), FieldFailure(row: Int(row), column: column))
                    break
                }
            }
        }
        return earliest
    }

    func finish() -> [(column: Int, result: ParsedColumn)] {
        zip(columns, parsers).map { ($0, $1.finish()) }
    }
}
