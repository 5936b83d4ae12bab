/// What a column is for. Inferred from the data and overridable by the user, because CRM exports
/// store categories as integer codes and identifiers as numbers.
public enum ColumnRole: String, Codable, CaseIterable, Sendable {
    /// A number; missing values are NaN.
    case numeric
    /// Yes/no, true/false, 1/0, Y/N; stored as 0/1 with NaN for missing.
    case boolean
    /// A label from a limited set; stored as dictionary codes.
    case categorical
    /// Unique per row (lead id, e-mail). Never a feature.
    case identifier
    /// An ISO 8601 date or date-time; stored as seconds since 1970 UTC. Used for recency and time-ordered
    /// splits, not as a feature directly.
    case date
    /// Left out by the user (e.g. filled in by sales after the outcome, so it leaks it).
    case excluded
}
