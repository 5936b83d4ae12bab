/// Why leads or events could not be read or snapshotted, in the data's terms: which file, line and column,
/// the value, and what to do. The CLI prints `description`.
public struct EngagementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What sort of problem it is, so callers and tests can tell cases apart without reading the message.
    public enum Kind: Sendable, Equatable {
        /// A column the command needs is not in the header.
        case missingColumn
        /// A value that cannot be read (a date, an outcome, a duration).
        case badValue
        /// Two leads share an id.
        case duplicateLead
        /// Settings that cannot work (a zero snapshot interval, no leads).
        case badSetting
    }

    /// What sort of problem it is.
    public var kind: Kind
    /// The file the problem is in, as the caller named it; `nil` when it is not about one file (a setting).
    public var file: String?
    /// 1-based physical line in `file` (the header is line 1); `nil` when not known.
    public var line: Int?
    /// The column's header name (not its position); `nil` when not about one column.
    public var column: String?
    /// What is wrong and what to do, without the place; `description` puts the place in front.
    public var message: String

    /// An error of this kind with its message and, when known, the file, line and column it is about.
    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, column: String? = nil, message: String) {
        (self.kind, self.file, self.line, self.column, self.message) = (kind, file, line, column, message)
    }

    public var description: String {
        var place = file ?? ""
        if let line { place += (place.isEmpty ? "" : ":") + "line \(line)" }
        if let column { place += (place.isEmpty ? "" : ", ") + "column \"\(column)\"" }
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
