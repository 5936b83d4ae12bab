/// Where in an input file something went wrong: every error a user sees names the file, and the line and
/// column whenever they are known, so the fix can be made in a spreadsheet without guessing.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file, as the caller named it.
    public var path: String
    /// 1-based physical line; for a record that spans lines (a quoted line break), the line it starts on.
    public var line: Int?
    /// 1-based field position in the record.
    public var column: Int?
    /// The header name of that field, when the header has been read.
    public var columnName: String?

    /// A location in `path`; line, column and column name when known.
    public init(path: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// `Leads.csv, line 12, column 8 "TotalVisits"`.
    public var description: String {
        var text = path
        if let line { text += ", line \(line)" }
        if let column {
            text += ", column \(column)"
            if let columnName { text += " \"\(columnName)\"" }
        } else if let columnName {
            text += ", column \"\(columnName)\""
        }
        return text
    }
}
