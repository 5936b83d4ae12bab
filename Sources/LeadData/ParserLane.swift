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

    /// Parses the given rows of the batch; the first field of each column that does not fit, if any. A column
    /// that failed is not parsed further in this pass (the pass then widens or reports it).
    mutating func consume(_ batch: CSVBatch, rows: UnsafeBufferPointer<Int32>) -> [FieldFailure] {
        var failures: [FieldFailure] = []
        numbers.consume(batch, rows: rows, failures: &failures)
        booleans.consume(batch, rows: rows, failures: &failures)
        dates.consume(batch, rows: rows, failures: &failures)
        categories.consume(batch, rows: rows, failures: &failures)
        summaries.consume(batch, rows: rows, failures: &failures)
        return failures
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
    /// Columns that met a value they cannot hold: skipped for the rest of the pass.
    private var stopped: [Bool] = []

    mutating func add(_ parser: Parser, column: Int) {
        parsers.append(parser)
        columns.append(column)
        stopped.append(false)
    }

    mutating func reserve(_ rows: Int) {
        for index in parsers.indices { parsers[index].reserve(rows) }
    }

    /// Feeds each parser its column's fields, row after row; a parser stops at its first misfit, which is
    /// added to `failures`.
    mutating func consume(_ batch: CSVBatch, rows: UnsafeBufferPointer<Int32>, failures: inout [FieldFailure]) {
        let columns = self.columns
        parsers.withUnsafeMutableBufferPointer { parsers in
            for (index, column) in columns.enumerated() where !stopped[index] {
                let fields = batch.column(column)
                for row in rows where !parsers[index].append(fields, row: Int(row)) {
                    failures.append(FieldFailure(row: Int(row), column: column))
                    stopped[index] = true
                    break
                }
            }
        }
    }

    func finish() -> [(column: Int, result: ParsedColumn)] {
        zip(columns, parsers).map { ($0, $1.finish()) }
    }
}
