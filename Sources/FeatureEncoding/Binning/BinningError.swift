import LeadData

/// Why a `BinMapper` could not be fitted or applied.
public enum BinningError: Error, Equatable, CustomStringConvertible {
    /// A setting out of its range; the message names it.
    case invalidParameter(String)
    /// A feature named at fit time is absent from the data being binned.
    case missingColumn(String)
    /// The column is an identifier, a date or excluded: not something a model may learn from.
    case notAFeature(column: String, role: ColumnRole)
    /// A column fitted as numbers now holds labels, or the other way round.
    case roleMismatch(column: String, expected: ColumnRole, found: ColumnRole)
    /// The column's values are shorter or longer than the dataset's row count.
    case rowCountMismatch(column: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .invalidParameter(let message):
            return message
        case .missingColumn(let name):
            return "the model was trained with column '\(name)', which this data does not have"
        case .notAFeature(let column, let role):
            return "column '\(column)' is \(role.rawValue), not a feature; only numeric, boolean and categorical columns can be binned"
        case .roleMismatch(let column, let expected, let found):
            return "column '\(column)' is \(found.rawValue) here but was \(expected.rawValue) in training (load it with the role \(expected.rawValue): LoadOptions.roles)"
        case .rowCountMismatch(let column, let expected, let found):
            return "column '\(column)' has \(found) values for \(expected) rows"
        }
    }
}
