/// The SQL a card is exported as. Each dialect spells the same reading rules (`RawValue`) with what the
/// engine has; all quote identifiers with double quotes. Quoting is total (`SQLQuoting`): no text from a
/// card or a table name ever reaches the SQL raw.
public enum SQLDialect: String, CaseIterable, Sendable {
    /// SQLite 3: numeric text is recognised by SQLite's own numeric-affinity test; `MIN`/`MAX` clamp.
    case sqlite
    /// PostgreSQL: a regular expression recognises numeric text; `LEAST`/`GREATEST` clamp.
    case postgres
    /// Standard SQL (`SIMILAR TO`, `VARCHAR`, `DOUBLE PRECISION`, `LEAST`/`GREATEST`), for DuckDB, Trino and
    /// the like, plus `CHR`, which they all have, to spell a tab (and any control character in a literal).
    case ansi

    /// Whether the exported query cleans each input once per row in lateral subqueries (`CleanedInputs`)
    /// instead of in every branch. PostgreSQL does not share the repeated `TRIM`/`CAST`/regular
    /// expression between branches; SQLite has no `LATERAL`.
    var cleansOncePerRow: Bool { self == .postgres }

    /// The decimal literal grammar of `RawValue`, as a regular expression, with `.` or `,` as the mark.
    static func decimalPattern(comma: Bool) -> String {
        let mark = comma ? "[,]" : "[.]"
        return "[+-]?([0-9]+\(mark)?[0-9]*|\(mark)[0-9]+)([eE][+-]?[0-9]+)?"
    }

    /// A column's value as trimmed text, whatever the column's type: the form every rule reads.
    func trimmedText(_ column: String) -> String {
        switch self {
        case .sqlite: return "TRIM(CAST(\(column) AS TEXT), ' ' || char(9))"
        case .postgres: return "TRIM(BOTH ' ' || CHR(9) FROM CAST(\(column) AS TEXT))"
        case .ansi: return "TRIM(BOTH ' ' || CHR(9) FROM CAST(\(column) AS VARCHAR(4000)))"
        }
    }

    /// Whether trimmed text `value` is a decimal literal (with a decimal comma when `comma`).
    func isNumber(_ value: String, comma: Bool) -> String {
        switch self {
        // Comparing text with a REAL applies numeric affinity, which converts exactly the well-formed
        // literals; anything else stays text and compares unequal. But affinity also skips whitespace
        // (CR, LF, VT, FF) around a number, which the card's rule does not: so first only the literal's
        // characters may appear (digits, sign, mark, exponent). With a decimal comma, a point is not a
        // number, and the comma becomes the point SQLite reads.
        case .sqlite:
            let text = pointed(value, comma: comma)
            return "\(value) NOT GLOB '*[^0-9eE\(comma ? "," : ".")+-]*' AND \(text) = CAST(\(text) AS REAL)"
        case .postgres: return "\(value) ~ '^\(Self.decimalPattern(comma: comma))$'"
        case .ansi: return "\(value) SIMILAR TO '\(Self.decimalPattern(comma: comma))'"
        }
    }

    /// Trimmed text known to be a decimal literal, as a double.
    func number(_ value: String, comma: Bool) -> String {
        let text = pointed(value, comma: comma)
        return self == .sqlite ? "CAST(\(text) AS REAL)" : "CAST(\(text) AS DOUBLE PRECISION)"
    }

    /// The text with a decimal comma written as a point, which is what casts read.
    private func pointed(_ value: String, comma: Bool) -> String {
        comma ? "REPLACE(\(value), ',', '.')" : value
    }

    /// `value` kept within `low…high` (either may be absent).
    func clamp(_ value: String, low: Int?, high: Int?) -> String {
        let (greatest, least) = self == .sqlite ? ("MAX", "MIN") : ("GREATEST", "LEAST")
        var result = value
        if let low { result = "\(greatest)(\(result), \(low))" }
        if let high { result = "\(least)(\(result), \(high))" }
        return result
    }
}
