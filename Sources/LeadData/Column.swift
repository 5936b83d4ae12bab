/// The typed values of one column, one entry per data row.
public enum ColumnValues: Sendable, Equatable {
    /// NaN marks a missing value.
    case numeric(NumberColumn)
    /// 0 or 1, NaN for missing: booleans share the numeric code paths of the encoders.
    case boolean(NumberColumn)
    /// `codes[row]` indexes `levels`; `-1` marks a missing value. Levels keep their first-seen order.
    case categorical(codes: CategoryCodes, levels: [String])
    /// Seconds since 1970-01-01T00:00:00Z; NaN for missing.
    case date(NumberColumn)
    /// Identifiers and excluded columns keep no values, only their summary.
    case none

    /// Numbers from plain doubles, coded when they have few distinct values (see `NumberColumn`).
    public static func numeric(_ values: [Double]) -> ColumnValues { .numeric(NumberColumn(values)) }
    /// Yes/no values (1, 0, NaN) from plain doubles.
    public static func boolean(_ values: [Double]) -> ColumnValues { .boolean(NumberColumn(values)) }
    /// Dates (seconds since 1970) from plain doubles.
    public static func date(_ values: [Double]) -> ColumnValues { .date(NumberColumn(values)) }
    /// Level codes (`-1` for missing) from plain `Int32`s, stored narrow when the levels allow (see `CategoryCodes`).
    public static func categorical(codes: [Int32], levels: [String]) -> ColumnValues {
        .categorical(codes: CategoryCodes(codes), levels: levels)
    }

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
        case .numeric(let values): return .numeric(values.selecting(rows))
        case .boolean(let values): return .boolean(values.selecting(rows))
        case .date(let values): return .date(values.selecting(rows))
        case .categorical(let codes, let levels): return .categorical(codes: codes.selecting(rows), levels: levels)
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
