import LeadCSV

/// What the loader will do with each column of a file: the outcome, a role given by the user, or a role
/// inferred from the first rows. Made by reading the header and up to `LoadOptions.inferenceRows` records.
///
/// An inferred role is a first guess that the streaming pass may widen (`widen(_:)`), and a column the first
/// rows say nothing about is typed from all its values once read (`undetermined`): the whole file decides.
struct ColumnPlan {
    var header: [String]
    var delimiter: UInt8
    var decimalSeparator: UInt8
    /// Role of each column; `nil` for the target.
    var roles: [ColumnRole?]
    /// Whether each role was inferred rather than given.
    var inferred: [Bool]
    /// Inferred columns with no value in the first rows: read as categorical, then typed from their levels.
    var undetermined: [Bool]
    /// Inferred boolean columns whose first rows held only the numbers 0 and 1: a larger number makes them
    /// numeric, where a boolean of words (yes/no) becomes categorical.
    private var zeroOneBooleans: [Bool]
    var target: Int?
    /// Records read to infer roles.
    var sampleRows: Int
    /// Expected number of records, to size the columns once instead of growing them.
    var estimatedRows: Int
    var notes: [String] = []

    init(path: String, options: LoadOptions, missingTokens: MissingTokens) throws {
        var reader = try CSVReader(path: path, delimiter: options.delimiter)
        try self.init(records: &reader, path: path, declared: nil, options: options, missingTokens: missingTokens)
        delimiter = reader.delimiter
        if sampleRows == options.inferenceRows {
            let bytesPerRow = Double(reader.bytesConsumed) / Double(max(sampleRows, 1))
            estimatedRows = Int(Double(reader.fileSize) / bytesPerRow * 1.02) + 64
        }
    }

    /// The plan for any record source. `declared` holds the role each column's declared type gives (a
    /// database's column types), `nil` for a column to infer; a declared role counts as given, except that
    /// a numeric or text column of unique values in the first rows becomes an identifier, as inference would.
    init<Records: RecordSource & ~Copyable>(records reader: inout Records, path: String, declared: [ColumnRole?]?, options: LoadOptions,
                                           missingTokens: MissingTokens) throws {
        header = reader.header
        delimiter = options.delimiter ?? UInt8(ascii: ",")
        decimalSeparator = options.decimalSeparator
        let header = self.header
        func column(_ name: String, option: String) throws(LoadError) -> Int {
            if let index = header.firstIndex(of: name) { return index }
            let suggestion = header.first { $0.lowercased() == name.lowercased() }
                ?? header.first { $0.lowercased().contains(name.lowercased()) || name.lowercased().contains($0.lowercased()) }
            throw LoadError(.unknownColumn(option: option, suggestion: suggestion, columns: header), SourceLocation(path: path, line: 1), value: name)
        }

        if options.positiveLabel != nil, options.target == nil {
            throw LoadError(.invalidOption(reason: "the positive label (LoadOptions.positiveLabel) says which outcome value means converted, so it needs the target (LoadOptions.target) to name the outcome column"),
                            SourceLocation(path: path))
        }
        let target = try options.target.map { name throws(LoadError) in try column(name, option: "LoadOptions.target") }
        self.target = target
        var roles = [ColumnRole?](repeating: nil, count: header.count)
        for name in options.excluded {
            roles[try column(name, option: "LoadOptions.excluded")] = .excluded
        }
        for (name, role) in options.roles.sorted(by: { $0.key < $1.key }) {
            let index = try column(name, option: "LoadOptions.roles")
            if roles[index] == nil { roles[index] = role }
        }
        if let target, let role = roles[target] {
            let field = role == .excluded ? "LoadOptions.excluded" : "LoadOptions.roles"
            throw LoadError(.invalidOption(reason: "\(field) names \"\(header[target])\", which is the target (LoadOptions.target); the target is read as the outcome, not as a column"),
                            SourceLocation(path: path, line: 1, column: target + 1, columnName: header[target]))
        }

        var fromDeclaredType = [Bool](repeating: false, count: header.count)
        if let declared {
            for index in header.indices where roles[index] == nil && index != target && declared[index] != nil {
                roles[index] = declared[index]
                fromDeclaredType[index] = true
            }
        }
        // Declared numbers and texts are still looked at: unique ones are identifiers, as inference types them.
        let unknown = header.indices.filter { (roles[$0] == nil || fromDeclaredType[$0]) && $0 != target }
        var evidence = [RoleEvidence](repeating: RoleEvidence(), count: header.count)
        var sampleRows = 0
        while sampleRows < options.inferenceRows, try reader.nextRecord() {
            sampleRows += 1
            for index in unknown {
                let field = reader.field(index).trimmingSpaces()
                if !missingTokens.contains(field) { evidence[index].add(field, decimalSeparator: options.decimalSeparator) }
            }
        }
        // Sources that cannot tell their size leave the columns to grow past a guess.
        estimatedRows = sampleRows < options.inferenceRows ? sampleRows : 4 * sampleRows

        let inferred = header.indices.map { roles[$0] == nil && $0 != target }
        self.inferred = inferred
        undetermined = header.indices.map { inferred[$0] && evidence[$0].values == 0 && options.expectedRoles[header[$0]] == nil }
        zeroOneBooleans = header.indices.map { evidence[$0].holdsOnlyZeroAndOne }
        for index in unknown {
            // A card's expectation replaces the guess (or a database's declared type) and stays widenable where
            // nothing was declared (`inferred`), so the whole file decides.
            if let expected = options.expectedRoles[header[index]], expected != .excluded {
                roles[index] = expected
                continue
            }
            if fromDeclaredType[index] {
                if roles[index] == .numeric || roles[index] == .categorical, evidence[index].role(name: header[index]) == .identifier {
                    roles[index] = .identifier
                }
                continue
            }
            roles[index] = evidence[index].role(name: header[index])
            notes += Self.notes(on: evidence[index], column: header[index], sampleRows: sampleRows, decimalSeparator: options.decimalSeparator)
        }
        self.roles = roles
        self.sampleRows = sampleRows
    }

    /// What the user should know about an inferred role: a column the sample says nothing about, and a
    /// numeric column made categorical by a few placeholder texts.
    private static func notes(on evidence: RoleEvidence, column: String, sampleRows: Int, decimalSeparator: UInt8) -> [String] {
        if evidence.needsTheOtherDecimalMark {
            let mark = decimalSeparator == UInt8(ascii: ".") ? "," : "."
            return ["\"\(column)\" holds numbers written with a decimal \"\(mark)\", so it was typed categorical;"
                    + " set the decimal mark to \"\(mark)\" (LoadOptions.decimalSeparator) to read them as numbers"]
        }
        if evidence.looksLikeNumbersWithPlaceholders {
            let texts = evidence.texts.map(adviceQuoted).joined(separator: ", ")
            return ["\"\(column)\" holds numbers but also \(texts), so it was typed categorical; if those mean"
                    + " no value, add \(texts) to the missing-value texts (LoadOptions.missingTokens) to read it as numeric"]
        }
        return []
    }

    /// Widens the role of each inferred column that met a value it cannot hold, to the narrowest role that
    /// holds both: a 0/1 boolean meeting a number becomes numeric; anything else becomes categorical, with a
    /// note naming the value (often a placeholder the user would rather declare missing).
    mutating func widen(_ misfits: [Misfit]) {
        for misfit in misfits {
            let column = misfit.column, name = header[column]
            guard let role = roles[column], inferred[column] else { continue }
            let isNumber = misfit.value.utf8.withContiguousStorageIfAvailable {
                DecimalNumber.parse($0, decimalSeparator: decimalSeparator) != nil
            } ?? (Double(misfit.value) != nil)
            let at = misfit.line.map { "line \($0)" } ?? "a later row"
            if role == .boolean, isNumber, zeroOneBooleans[column] {
                roles[column] = .numeric
                continue
            }
            roles[column] = .categorical
            let held: String
            switch role {
            case .numeric: held = "numbers"
            case .date: held = "dates"
            case .boolean: held = "yes/no values"
            case .categorical, .identifier, .excluded: continue
            }
            notes.append("\"\(name)\" holds \(held) but \(at) holds \"\(misfit.value)\", so it was typed categorical; if"
                         + " \"\(misfit.value)\" means no value, add \(adviceQuoted(misfit.value)) to the missing-value texts (LoadOptions.missingTokens) to keep it \(role == .boolean ? "boolean" : role.rawValue)")
        }
    }
}
