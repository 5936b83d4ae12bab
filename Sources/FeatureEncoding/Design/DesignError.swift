import LeadData

/// Why a dataset cannot be encoded; each case names the column and the fix.
public enum DesignError: Error, Equatable, CustomStringConvertible {
    /// The column was typed differently when the encoder was fitted.
    case roleChanged(column: String, fitted: ColumnRole, found: ColumnRole)
    /// No column of the training data can be a feature.
    case noFeatures
    /// A column's value count differs from the dataset's row count.
    case rowCountMismatch(column: String, values: Int, rows: Int)
    /// An option out of its range; the message names it.
    case invalidOption(String)
    /// The `BinMapper` behind binned numerics refused the data or the bin count.
    case binning(BinningError)

    public var description: String {
        switch self {
        case .roleChanged(let column, let fitted, let found):
            return "column '\(column)' was \(fitted.rawValue) in the training data but is \(found.rawValue) here; load it with the role \(fitted.rawValue) (LoadOptions.roles)"
        case .noFeatures:
            return "no column can be a feature: every column is an identifier, a date, excluded, or constant"
        case .rowCountMismatch(let column, let values, let rows):
            return "column '\(column)' holds \(values) values for \(rows) rows"
        case .invalidOption(let message):
            return "invalid design option: \(message)"
        case .binning(let error):
            return "binning numeric columns: \(error.description)"
        }
    }
}
