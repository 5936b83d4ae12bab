import LeadDatabase

/// Why training inside the database could not run, in the library's terms; the CLI words each one.
public enum InDatabaseError: Error, Sendable, CustomStringConvertible {
    /// The database refused a query or could not be reached (the error names the source, never the password).
    case database(DatabaseError)
    /// No outcome column was named.
    case noTarget
    /// The outcome column is not in the table or query.
    case missingTarget(column: String, source: String)
    /// The outcome column holds values that are not a yes/no outcome.
    case badTarget(column: String, source: String, detail: String)
    /// A column name no SQL name can spell safely (a control character).
    case unsafeName(String)
    /// No column is left to learn from.
    case noFeatures(source: String)
    /// Too few leads, or one outcome only, in the training or validation part.
    case tooFewLeads(source: String, detail: String)
    /// The card could not be made or checked from the fitted model (no signal left after rounding, say).
    case cardFailed(source: String, detail: String)
    /// A column named in the options (key, exclusions) is not in the source.
    case missingColumn(column: String, source: String, option: String)

    /// One sentence: what went wrong and what to do.
    public var description: String {
        switch self {
        case .database(let error): return error.description
        case .noTarget: return "training needs the outcome column; name the target (LoadOptions.target)"
        case .missingTarget(let column, let source):
            return "\(source): no column '\(column)' to read the outcome from; check the target (LoadOptions.target)"
        case .badTarget(let column, let source, let detail):
            return "\(source): the outcome column '\(column)' \(detail)"
        case .unsafeName(let name):
            return "the column name \(name.debugDescription) holds a control character, which no SQL name can spell safely; rename it or leave it out"
        case .noFeatures(let source):
            return "\(source): no column left to learn from once the outcome, identifiers, dates and exclusions are set aside"
        case .tooFewLeads(let source, let detail):
            return "\(source): \(detail)"
        case .cardFailed(let source, let detail):
            return "\(source): the card could not be made from the model trained in the database: \(detail)"
        case .missingColumn(let column, let source, let option):
            return "\(source): no column '\(column)' (named by \(option)); check its spelling"
        }
    }
}
