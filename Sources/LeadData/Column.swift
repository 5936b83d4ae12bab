/// The typed values of one column, one entry per data row.
public enum ColumnValues: Sendable, Equatable {
    /// NaN marks a missing value.
    case numeric([Double])
    /// 0 or 1, NaN for missing: booleans share the numeric code paths of the encoders.
    case boolean([Double])
    /// `codes[row]` indexes `levels`; `-1` marks a missing value. Levels keep their first-seen order.
    case categorical(codes: [Int32], levels: [String])
    /// Seconds since 1970-01-01T00:00:00Z; NaN for missing.
    case date([Double])
    /// Identifiers and excluded columns keep no values, only their summary.
    case none

    /// Rows held, or `nil` for a column that keeps no values (identifier, excluded).
    public var count: Int? {
        switch self {
        case .numeric(let values), .boolean(let values), .date(let values): return values.count
        case .categorical(let codes, _): return codes.count
        case .none: return nil
        }
    }

    /// The same values restricted to `rows`, in that order.
    public func selecting(_ rows: [Int]) -> ColumnValues {
        switch self {
        case .numeric(let values): return .numeric(rows.map { values[$0] })
        case .boolean(let values): return .boolean(rows.map { values[$0] })
        case .date(let values): return .date(rows.map { values[$0] })
        case .categorical(let codes, let levels): return .categorical(codes: rows.map { codes[$0] }, levels: levels)
        case .none: return .none
        }
    }
}

/// One column of a `Dataset`: its name as in the file header, its role, values and summary counts.
public struct DataColumn: Sendable, Equatable {
    /// The header's name for the column.
    public var name: String
    /// How the column is read (given, or inferred from the whole file).
    public var role: ColumnRole
    /// The values, typed by the role.
    public var values: ColumnValues
    /// Cells that were empty or matched a missing-value token.
    public var missingCount: Int
    /// Distinct non-missing values.
    public var distinctCount: Int

    /// A column from its parts, as the loader builds it (tests and generators build their own).
    public init(name: String, role: ColumnRole, values: ColumnValues, missingCount: Int, distinctCount: Int) {
        self.name = name
        self.role = role
        self.values = values
        self.missingCount = missingCount
        self.distinctCount = distinctCount
    }

    /// Whether values were kept: identifiers and excluded columns keep only their summary, so a scorer
    /// must treat them as absent rather than read anything from them.
    public var hasValues: Bool { values.count != nil }

    /// Whether a model may learn from this column.
    public var isFeature: Bool {
        switch role {
        case .numeric, .boolean, .categorical: return true
        case .identifier, .date, .excluded: return false
        }
    }
}
