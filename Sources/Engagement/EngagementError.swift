/// Why leads or events could not be read or snapshotted, in the data's terms: which file, line and column,
/// the value, and what to do. The CLI prints `description`.
public struct EngagementError: Error, Sendable, Equatable, CustomStringConvertible {
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

    public var kind: Kind
    public var file: String?
    public var line: Int?
    public var column: String?
    public var message: String

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
