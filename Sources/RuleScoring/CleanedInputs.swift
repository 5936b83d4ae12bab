import ScoreCardFormat

/// How the exported query reads each input column: its trimmed text and, for numeric and yes/no
/// criteria, its number (NULL when missing or not a decimal literal).
///
/// Where the dialect allows (`SQLDialect.cleansOncePerRow`: PostgreSQL), each is computed **once per
/// row** in derived tables under the points, and every `WHEN` branch reads the result:
///
///     FROM (
///       SELECT lead_text.*, CASE WHEN lead_text.v0 IN ('', 'NA') THEN NULL
///                                WHEN lead_text.v0 ~ '^…$' THEN CAST(lead_text.v0 AS DOUBLE PRECISION) END AS n0
///       FROM (
///         SELECT CAST(ROW(lead.*) AS "leads") AS lead_row, TRIM(… lead."x" …) AS v0, …
///         FROM "leads" AS lead
///         OFFSET 0
///       ) AS lead_text
///       OFFSET 0
///     ) AS cleaned
///
/// and the points query selects `(cleaned.lead_row).*`, the table's own columns. Without it PostgreSQL
/// evaluated the trim, the cast and the regular expression again in every branch of every criterion
/// (issue 21: 6,500 leads a second). `OFFSET 0` keeps the planner from pulling a subquery up into the
/// query above it, which would substitute the expressions back into each branch. The row travels as the
/// table's own composite type (`CAST(ROW(lead.*) AS table)`, never the bare alias `lead`, which a column
/// named `lead` would shadow), so the scored rows have the table's columns, names and types. A lateral
/// subquery per row was tried first: the planner put a `Memoize` node (a cache that never hits) above it,
/// which cost more than the repeated cleaning saved (Benchmarks/sql-export/POSTGRES.md).
/// Elsewhere (`once: false`: SQLite, standard SQL) each branch reads the column inline, as before.
struct CleanedInputs {
    let dialect: SQLDialect
    /// Whether the cleaned values come from the derived tables `from` writes (else they are spelled inline).
    let once: Bool
    /// The missing-value tokens as a SQL list (the empty text always among them).
    let tokens: String
    /// `lead."feature"` for each feature, in the order criteria first name it, and each feature's place there.
    private var columns: [String] = []
    private var positions: [String: Int] = [:]
    /// Places (in `columns`) of the features whose number a criterion reads (numeric and yes/no criteria).
    private var numbered: Set<Int> = []
    private let comma: Bool

    /// Validates every criterion's feature as a SQL name (the first bad one is the error).
    init(card: ScoreCard, dialect: SQLDialect, once: Bool? = nil) throws(SQLExportError) {
        self.dialect = dialect
        self.once = once ?? dialect.cleansOncePerRow
        comma = card.decimalSeparator == ","
        tokens = Set(card.missingValues + [""]).sorted().map(dialect.literal).joined(separator: ", ")
        for (index, criterion) in card.criteria.enumerated() {
            let column = try SQLDialect.identifier(criterion.feature, what: "criteria[\(index)] \(SQLExportError.shown(criterion.feature)).feature")
            let position = positions[criterion.feature] ?? columns.count
            if position == columns.count {
                positions[criterion.feature] = position
                columns.append("lead." + column)
            }
            if criterion.type != .categorical { numbered.insert(position) }
        }
    }

    /// The trimmed text of `feature`'s column. `index` is the criterion's (for errors only).
    func text(_ feature: String, index: Int) throws(SQLExportError) -> String {
        guard let position = positions[feature] else {
            // Not a feature of the card this was made from: spell it inline, validated as every name is.
            let column = try SQLDialect.identifier(feature, what: "criteria[\(index)] \(SQLExportError.shown(feature)).feature")
            return dialect.trimmedText("lead." + column)
        }
        return once ? "cleaned.v\(position)" : dialect.trimmedText(columns[position])
    }

    /// `feature`'s number: `isMissing` is true when the text is not a number (or is missing: the caller's
    /// first branch has taken those already), `value` the double.
    func number(_ feature: String, index: Int) throws(SQLExportError) -> (isMissing: String, value: String) {
        let value = try text(feature, index: index)
        guard once, let position = positions[feature] else {
            return ("NOT (\(dialect.isNumber(value, comma: comma)))", dialect.number(value, comma: comma))
        }
        return ("cleaned.n\(position) IS NULL", "cleaned.n\(position)")
    }

    /// What the points query selects as the lead's columns.
    var rowColumns: String { once && !columns.isEmpty ? "(cleaned.lead_row).*" : "lead.*" }

    /// The points query's `FROM`: the table as `lead`, or (once per row) the derived tables above over it.
    func from(_ source: String, indent: String) -> String {
        guard once, !columns.isEmpty else { return "\(indent)FROM \(source) AS lead" }
        let texts = columns.enumerated().map { position, column in "\(dialect.trimmedText(column)) AS v\(position)" }
        let numbers = columns.indices.filter(numbered.contains).map { position in
            let text = "lead_text.v\(position)"
            // Missing-value tokens are not cast even when they look like numbers, as the card reads them.
            return "CASE WHEN \(text) IN (\(tokens)) THEN NULL WHEN \(dialect.isNumber(text, comma: comma)) THEN \(dialect.number(text, comma: comma)) END AS n\(position)"
        }
        let inner = indent + (numbers.isEmpty ? "  " : "    ")
        var sql = """
        \(inner)SELECT CAST(ROW(lead.*) AS \(source)) AS lead_row,
        \(inner)  \(texts.joined(separator: ",\n\(inner)  "))
        \(inner)FROM \(source) AS lead
        \(inner)OFFSET 0
        """
        if !numbers.isEmpty {
            sql = """
            \(indent)  SELECT lead_text.*,
            \(indent)    \(numbers.joined(separator: ",\n\(indent)    "))
            \(indent)  FROM (
            \(sql)
            \(indent)  ) AS lead_text
            \(indent)  OFFSET 0
            """
        }
        return "\(indent)FROM (\n\(sql)\n\(indent)) AS cleaned"
    }
}
