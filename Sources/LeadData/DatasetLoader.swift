import LeadCSV

extension Dataset {
    /// Reads a CSV of leads into typed columns.
    ///
    /// Roles come from `options.roles` and `options.excluded`, else from the first `options.inferenceRows`
    /// records (`RoleEvidence`); then the whole file is parsed in one streaming pass, straight from bytes
    /// into the columns. With `options.target`, rows without an outcome are left out and counted in
    /// `notes`. Throws `CSVError` for a file that is not well-formed CSV and `LoadError` for one that cannot
    /// become a dataset as asked; both name the file, line and column and say what to do.
    public static func load(csv path: String, options: LoadOptions = LoadOptions()) throws -> Dataset {
        let missingTokens = MissingTokens(options.allMissingTokens)
        let plan = try ColumnPlan(path: path, options: options, missingTokens: missingTokens)
        var loader = StreamingLoader(plan: plan, options: options, missingTokens: missingTokens)
        return try loader.load(path: path)
    }
}

/// The second pass: every record parsed into the columns' parsers, grouped by type so the loop over a
/// record's fields calls each parser directly.
private struct StreamingLoader {
    let plan: ColumnPlan
    let options: LoadOptions
    var numbers = ParserGroup<NumericParser>()
    var booleans = ParserGroup<BooleanParser>()
    var dates = ParserGroup<DateParser>()
    var categories = ParserGroup<CategoricalParser>()
    var summaries = ParserGroup<SummaryParser>()
    var outcome: OutcomeParser?

    init(plan: ColumnPlan, options: LoadOptions, missingTokens: MissingTokens) {
        self.plan = plan
        self.options = options
        let decimal = options.decimalSeparator
        for (index, role) in plan.roles.enumerated() {
            switch role {
            case nil: outcome = OutcomeParser(missingTokens: missingTokens)
            case .numeric?: numbers.add(NumericParser(missingTokens: missingTokens, decimalSeparator: decimal), column: index)
            case .boolean?: booleans.add(BooleanParser(missingTokens: missingTokens, decimalSeparator: decimal), column: index)
            case .date?: dates.add(DateParser(missingTokens: missingTokens), column: index)
            case .categorical?: categories.add(CategoricalParser(missingTokens: missingTokens), column: index)
            case .identifier?, .excluded?: summaries.add(SummaryParser(missingTokens: missingTokens), column: index)
            }
        }
        let rows = plan.estimatedRows
        numbers.reserve(rows); booleans.reserve(rows); dates.reserve(rows); categories.reserve(rows); summaries.reserve(rows)
        outcome?.reserve(rows)
    }

    mutating func load(path: String) throws -> Dataset {
        var reader = try CSVReader(path: path, delimiter: plan.delimiter)
        while try reader.nextRecord() {
            if let target = plan.target {
                switch outcome!.read(reader.field(target).trimmingSpaces()) {
                case .outcome: break
                case .missing: continue
                case .thirdValue:
                    throw LoadError(.tooManyOutcomeValues(seen: outcome!.values), reader.location(ofField: target),
                                    value: String(decoding: reader.field(target).trimmingSpaces(), as: UTF8.self))
                }
            }
            if let column = numbers.consume(reader) ?? booleans.consume(reader) ?? dates.consume(reader)
                ?? categories.consume(reader) ?? summaries.consume(reader) {
                throw LoadError(.unexpectedValue(role: plan.roles[column]!, inferredFromRows: plan.inferred[column] ? plan.sampleRows : nil),
                                reader.location(ofField: column), value: String(decoding: reader.field(column).trimmingSpaces(), as: UTF8.self))
            }
        }
        return try finish(path: path, rowsRead: reader.recordCount)
    }

    private func finish(path: String, rowsRead: Int) throws(LoadError) -> Dataset {
        var labels: [UInt8]?, resolved: Outcome?
        if let target = plan.target, let outcome {
            let location = SourceLocation(path: path, column: target + 1, columnName: plan.header[target])
            (labels, resolved) = try outcome.finish(positiveLabel: options.positiveLabel, location: location)
        }
        var finished = [(values: ColumnValues, missing: Int, distinct: Int)?](repeating: nil, count: plan.header.count)
        numbers.finish(into: &finished); booleans.finish(into: &finished); dates.finish(into: &finished)
        categories.finish(into: &finished); summaries.finish(into: &finished)
        let columns = plan.header.indices.compactMap { index in
            finished[index].map { DataColumn(name: plan.header[index], role: plan.roles[index]!, values: $0.values,
                                             missingCount: $0.missing, distinctCount: $0.distinct) }
        }
        let rowCount = rowsRead - (resolved?.droppedMissing ?? 0)
        var notes = plan.notes
        if let dropped = resolved?.droppedMissing, dropped > 0 {
            notes.append(dropped == 1 ? "1 row without an outcome was left out" : "\(dropped) rows without an outcome were left out")
        }
        notes += columns.flatMap { columnNotes($0, rowCount: rowCount) }
        return Dataset(source: path, columns: columns, labels: labels, outcome: resolved, rowCount: rowCount, notes: notes)
    }

    /// Columns that cannot help a model as they are: empty, constant, or an inferred identifier that repeats.
    private func columnNotes(_ column: DataColumn, rowCount: Int) -> [String] {
        let name = column.name
        if column.role == .identifier, plan.inferred[plan.header.firstIndex(of: name)!], column.distinctCount < rowCount - column.missingCount {
            return ["\"\(name)\" was unique in the first \(plan.sampleRows) rows, so it was typed identifier, but it has"
                    + " \(column.distinctCount) distinct values in \(rowCount) rows; if it is a feature, pass --role '\(name)=categorical'"]
        }
        guard column.isFeature else { return [] }
        if column.missingCount == rowCount { return ["\"\(name)\" is empty in every row"] }
        if column.distinctCount == 1 { return ["\"\(name)\" has a single value in every row that has one, so it cannot help a model"] }
        return []
    }
}

/// The parsers of one type and the file columns they read.
private struct ParserGroup<Parser: FieldParser> {
    private var columns: [Int] = []
    private var parsers: [Parser] = []

    mutating func add(_ parser: Parser, column: Int) {
        parsers.append(parser)
        columns.append(column)
    }

    mutating func reserve(_ rows: Int) {
        for index in parsers.indices { parsers[index].reserve(rows) }
    }

    /// Feeds the current record's fields to the parsers; the column of the first field that does not fit.
    @inline(__always)
    mutating func consume(_ reader: borrowing CSVReader) -> Int? {
        for index in parsers.indices where !parsers[index].append(reader.field(columns[index]).trimmingSpaces()) {
            return columns[index]
        }
        return nil
    }

    func finish(into finished: inout [(values: ColumnValues, missing: Int, distinct: Int)?]) {
        for (parser, column) in zip(parsers, columns) { finished[column] = parser.finish() }
    }
}
