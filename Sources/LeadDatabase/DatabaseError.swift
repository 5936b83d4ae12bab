/// A database that cannot be read or written as asked. The description names the source (its address
/// without the password, and the table or query), says what went wrong in the server's words (any password
/// blotted out) and what to do.
public struct DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, so a caller can tell a retry (`unreachable`, `connectionLost`) from a fix.
    public enum Kind: Sendable, Equatable {
        /// The address is malformed, or names an environment variable that is not set.
        case badAddress
        /// A password on the command line, where others can see it.
        case passwordInAddress
        /// No server answers at the address, or the SQLite file cannot be opened.
        case unreachable
        /// The server refused the user or the password.
        case authenticationFailed
        /// The table (or a table of the query) does not exist.
        case missingTable
        /// A column the query or the caller names does not exist.
        case missingColumn
        /// The query failed for another reason (syntax, permission, a run-time error).
        case queryFailed
        /// A column of a type the loader cannot read (bytes, JSON, intervals, …).
        case unusableType
        /// The connection broke while rows were streaming.
        case connectionLost
        /// The database (or the transaction) accepts no writes.
        case readOnly
        /// A score table that exists with other columns than scoring writes.
        case wrongShape
        /// A row that cannot be written (no lead id).
        case invalidRow
    }

    /// What went wrong, for a caller that reacts to it (retry, fix the query, choose another table).
    public var kind: Kind
    /// The address without its password, and the table or query.
    public var source: String
    /// What happened, in the server's words where it gave some.
    public var detail: String
    /// What to do about it.
    public var advice: String

    /// An error; `source` must already be free of passwords (`DatabaseAddress.description`).
    public init(_ kind: Kind, source: String, detail: String, advice: String) {
        self.kind = kind
        self.source = source
        self.detail = detail
        self.advice = advice
    }

    /// "source: detail; advice", the sentence a command line prints.
    public var description: String {
        "\(source): \(detail)" + (advice.isEmpty ? "" : "; \(advice)")
    }
}
