/// A column a model will not learn from, and why, so a trainer can say so instead of dropping it silently.
public struct LeftOutColumn: Sendable, Equatable, Codable {
    /// Why a column is left out, so a trainer can say so and the user can decide.
    public enum Reason: String, Sendable, Equatable, Codable {
        /// Unique per lead (inferred, or the role identifier in `LoadOptions.roles`): it cannot generalise to new leads.
        case identifier
        /// Left out by the user (`LoadOptions.excluded` or the schema).
        case excluded
        /// A date: used to order a time split, not as a criterion.
        case date
        /// Missing in every row.
        case empty
        /// One value in every row that has one.
        case constant
    }

    /// The column's name.
    public var column: String
    /// Why no model learns from it.
    public var reason: Reason

    /// A left-out column and why.
    public init(column: String, reason: Reason) {
        self.column = column
        self.reason = reason
    }

    /// One line for a person.
    public var text: String {
        switch reason {
        case .identifier:
            return "\(column): an identifier (unique per lead), which cannot carry over to new leads; if it is a feature, give \"\(column)\" the role categorical (LoadOptions.roles)"
        case .excluded: return "\(column): left out (LoadOptions.excluded)"
        case .date: return "\(column): a date; dates order a time split (TrainingOptions.Split.timeOrdered(column: \"\(column)\")) but are not criteria"
        case .empty: return "\(column): empty in every row"
        case .constant: return "\(column): the same value in every row"
        }
    }
}

extension Dataset {
    /// The columns no model learns from, in file order: identifiers, excluded and date columns, and
    /// features that cannot help (empty or constant).
    public var leftOutColumns: [LeftOutColumn] {
        columns.compactMap { column in
            switch column.role {
            case .identifier: return LeftOutColumn(column: column.name, reason: .identifier)
            case .excluded: return LeftOutColumn(column: column.name, reason: .excluded)
            case .date: return LeftOutColumn(column: column.name, reason: .date)
            case .numeric, .boolean, .categorical:
                if column.missingCount == rowCount { return LeftOutColumn(column: column.name, reason: .empty) }
                if column.distinctCount <= 1 { return LeftOutColumn(column: column.name, reason: .constant) }
                return nil
            }
        }
    }
}
