import LeadCSV

/// A CSV that reads fine but cannot become a dataset as asked: an unknown column, an outcome that is not
/// two-valued, a value that does not fit its column's role. Like `CSVError`, the description names the file,
/// line and column and says what to do in the library's terms (`LoadOptions` fields); a command line maps the
/// kinds to its own flags (`leadscore`: `CLIErrorText`).
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, with the values a message (or a command line's mapping to its flags) needs.
    public enum Kind: Sendable, Equatable {
        /// The `LoadOptions` field `option` (e.g. `"LoadOptions.target"`) names a column the header does not have;
        /// `value` holds the name. A command line maps the field to its own flag.
        case unknownColumn(option: String, suggestion: String?, columns: [String])
        /// Options that contradict each other or are malformed; the reason says which.
        case invalidOption(reason: String)
        /// A schema file that cannot be used.
        case invalidSchema(reason: String)
        /// A value that does not fit the role the user set for the column (`LoadOptions.roles` or a schema). An inferred
        /// role is widened instead, so `inferredFromRows` is always `nil` now; it stays for source compatibility.
        case unexpectedValue(role: ColumnRole, inferredFromRows: Int?)
        /// A third distinct outcome value (at this location), after `seen`.
        case tooManyOutcomeValues(seen: [String])
        /// Every row with an outcome has the same one.
        case singleOutcomeValue(rows: Int)
        /// No row has an outcome value.
        case noOutcomes(rows: Int)
        /// Two outcome values and no way to tell which means *converted*.
        case ambiguousPositive(values: [String])
        /// The positive label is not one of the two outcome values.
        case unknownPositive(values: [String])
    }

    /// What is wrong, with the values a message (or a command line's mapping to its flags) needs.
    public var kind: Kind
    /// The file, line and column the problem is at.
    public var location: SourceLocation
    /// The offending text: a value from the file, or a name or label from the options.
    public var value: String?

    /// An error of `kind` at `location`; `value` is the offending text, name or label.
    public init(_ kind: Kind, _ location: SourceLocation, value: String? = nil) {
        self.kind = kind
        self.location = location
        self.value = value
    }

    public var description: String { "\(location): \(message)" }

    /// The message without the location, in the library's terms (`LoadOptions` fields).
    public var message: String {
        let column = location.columnName ?? "?"
        let text = value ?? ""
        switch kind {
        case .unknownColumn(let option, let suggestion, let columns):
            let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            let shown = columns.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ") + (columns.count > 12 ? ", …" : "")
            return "\(option) names a column \"\(text)\" that the header does not have\(hint); the columns are \(shown)"
        case .invalidOption(let reason), .invalidSchema(let reason):
            return reason
        case .unexpectedValue(let role, let rows):
            let why = rows.map { "the first \($0) rows made \"\(column)\" a \(role.rawValue) column" }
                ?? "\"\(column)\" was given the role \(role.rawValue)"
            // A number in a boolean or date column: the column most likely holds numbers.
            let lead = role != .numeric && Double(text) != nil
                ? "If the column holds numbers (counts, amounts), give it the role numeric (LoadOptions.roles); if" : "If"
            return "\"\(text)\" is not \(Self.expectation(role)), but \(why). \(lead) \"\(text)\" means no value, add it to"
                + " the missing-value texts (LoadOptions.missingTokens); if the column holds labels, give it the role categorical (LoadOptions.roles)"
        case .tooManyOutcomeValues(let seen):
            let listed = (seen + [text]).map { "\"\($0)\"" }.joined(separator: ", ")
            return "the target \"\(column)\" has more than two values (\(listed)); an outcome is converted or lost."
                + " Mark values that mean \"no outcome yet\" as missing (LoadOptions.missingTokens) to leave those rows out,"
                + " or choose another target"
        case .singleOutcomeValue(let rows):
            return "the target \"\(column)\" has the same value \"\(text)\" in all \(rows) rows that have one; a model needs"
                + " both converted and lost leads, so check that the export is complete and that the target column is right"
        case .noOutcomes(let rows):
            return "the target \"\(column)\" is empty or a missing-value token in all \(rows) rows; check the target column and the missing-value texts"
        case .ambiguousPositive(let values):
            return "cannot tell which value of the target \"\(column)\" means converted: \"\(values[0])\" or"
                + " \"\(values[1])\"; name the positive label (LoadOptions.positiveLabel): \"\(values[0])\" or \"\(values[1])\""
        case .unknownPositive(let values):
            let listed = values.map { "\"\($0)\"" }.joined(separator: " and ")
            return "the positive label \"\(text)\" is not a value of the target \"\(column)\"; its values are \(listed)"
        }
    }

    private static func expectation(_ role: ColumnRole) -> String {
        switch role {
        case .numeric: return "a number"
        case .boolean: return "a yes/no value (yes/no, true/false, y/n, 1/0)"
        case .date: return "an ISO 8601 date (2024-03-01 or 2024-03-01T09:30:00Z)"
        case .categorical, .identifier, .excluded: return "readable as \(role.rawValue)"
        }
    }
}
