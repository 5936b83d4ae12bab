import ScoreCardFormat

/// A card as one SQL query, so leads can be scored where they already live:
///
///     SELECT scored.*, <tier> AS tier, <probability> AS probability
///     FROM (SELECT lead.*, <points> AS points FROM "leads" AS lead) AS scored
///
/// The points expression is a `CASE` per criterion that follows the card's reading rules exactly —
/// trimming, missing-value tokens, unreadable numbers as missing, unseen categories to `otherwise` —
/// then the group caps and the 0…maximum clamp. The inner query computes the points once, so the tier
/// and probability read them instead of repeating the expression (in PostgreSQL, whose planner would
/// pull the subquery up and repeat it, `OFFSET 0` keeps it apart; there each input is also cleaned once
/// per row: `CleanedInputs`).
///
/// Every column is read as `lead."feature"`, qualified by the table's alias: SQLite reads an unknown
/// *unqualified* `"feature"` as the string literal 'feature' (and would score the feature's name as its
/// value), while a qualified name that does not exist is an error in every engine. So a table that lacks
/// a card's column makes the query fail instead of scoring differently from `score`.
public struct CardSQL: Sendable {
    /// The card the query scores with.
    public let card: ScoreCard
    /// The SQL engine the query is written for (quoting and functions differ).
    public let dialect: SQLDialect

    /// An exporter of `card` for `dialect`; nothing is checked until a query is asked for.
    public init(card: ScoreCard, dialect: SQLDialect) {
        self.card = card
        self.dialect = dialect
    }

    /// The query over `table` (dots separate schema and table: `analytics.leads`). Throws when the table
    /// name or a feature name holds a character no SQL name can spell (a validated card never does).
    public func query(table: String) throws(SQLExportError) -> String {
        let source = try SQLDialect.table(table)
        let inputs = try CleanedInputs(card: card, dialect: dialect)
        let points = try pointsExpression(indent: "    ", inputs: inputs)
        return """
        SELECT scored.*,
          \(tierExpression(points: "scored.points")) AS tier,
          \(probabilityExpression(points: "scored.points")) AS probability
        FROM (
          SELECT \(inputs.rowColumns),
            \(points) AS points
        \(inputs.from(source, indent: "  "))\(dialect.cleansOncePerRow ? "\n  OFFSET 0" : "")
        ) AS scored;
        """
    }

    /// The total: base points, each group's capped subtotal, the ungrouped criteria, clamped to the range.
    /// Each criterion reads its column inline (`TRIM(CAST(lead."x" …))`), as a query without the
    /// once-per-row derived tables of `query(table:)` needs.
    public func pointsExpression(indent: String = "") throws(SQLExportError) -> String {
        try pointsExpression(indent: indent, inputs: CleanedInputs(card: card, dialect: dialect, once: false))
    }

    private func pointsExpression(indent: String, inputs: CleanedInputs) throws(SQLExportError) -> String {
        var terms = [String(card.basePoints)]
        for group in card.groups {
            var members: [String] = []
            for (index, criterion) in card.criteria.enumerated() where criterion.group == group.name {
                members.append(try criterionExpression(criterion, index: index, indent: indent + "  ", inputs: inputs))
            }
            let sum = "(\n\(indent)  " + members.joined(separator: "\n\(indent)  + ") + "\n\(indent))"
            terms.append(dialect.clamp(sum, low: group.minimumPoints, high: group.maximumPoints))
        }
        let declared = Set(card.groups.map(\.name))
        for (index, criterion) in card.criteria.enumerated() where !declared.contains(criterion.group ?? "") {
            terms.append(try criterionExpression(criterion, index: index, indent: indent, inputs: inputs))
        }
        return dialect.clamp(terms.joined(separator: "\n\(indent)+ "), low: 0, high: card.maximumPoints)
    }

    /// `CASE WHEN points >= 75 THEN 'hot' … ELSE 'cold' END`; `NULL` without tiers.
    public func tierExpression(points: String) -> String {
        guard let lowest = card.tiers.last else { return "NULL" }
        let branches = card.tiers.dropLast().map { "WHEN \(points) >= \($0.minimumPoints) THEN \(dialect.literal($0.name))" }
        return "CASE " + (branches + ["ELSE \(dialect.literal(lowest.name))"]).joined(separator: " ") + " END"
    }

    /// `CASE points WHEN 0 THEN 0.013 … END` over every reachable total; `NULL` without calibration.
    public func probabilityExpression(points: String) -> String {
        let branches = card.reachableTotals().compactMap { total in
            card.calibration?.probability(forTotal: total).map { "WHEN \(total) THEN \($0)" }
        }
        guard !branches.isEmpty else { return "NULL" }
        return "CASE \(points) " + branches.joined(separator: " ") + " END"
    }

    /// One criterion's points as a `CASE` on the column's trimmed text (and its number, for numeric and
    /// yes/no criteria), read through `inputs`: computed once per row, or inline.
    func criterionExpression(_ criterion: Criterion, index: Int, indent: String, inputs: CleanedInputs) throws(SQLExportError) -> String {
        let value = try inputs.text(criterion.feature, index: index)
        let reader = FieldReader(missingValues: card.missingValues, decimalSeparator: card.decimalSeparator)
        let compiled = CompiledCriterion(criterion, missingValues: card.missingValues, reader: reader)
        let points = { (condition: Int32) in String(criterion.conditions[Int(condition)].points) }
        let missing = points(compiled.missingCondition)
        let otherwise = criterion.conditions.firstIndex { $0.match == .otherwise }.map { String(criterion.conditions[$0].points) }
        var branches = ["WHEN \(value) IS NULL OR \(value) IN (\(inputs.tokens)) THEN \(missing)"]
        // A number, or NULL when the text is missing or not a decimal literal.
        let number = try inputs.number(criterion.feature, index: index)
        switch criterion.type {
        case .numeric:
            branches.append("WHEN \(number.isMissing) THEN \(missing)")
            for condition in criterion.conditions {
                guard case .range(let range) = condition.match else { continue }
                branches.append("WHEN \(rangeTest(range, number.value)) THEN \(condition.points)")
            }
        case .categorical:
            for condition in criterion.conditions {
                guard case .categories(let labels) = condition.match else { continue }
                branches.append("WHEN \(value) IN (\(labels.map(dialect.literal).joined(separator: ", "))) THEN \(condition.points)")
            }
        case .boolean:
            let (whenTrue, whenFalse) = (points(compiled.booleanConditions.whenTrue), points(compiled.booleanConditions.whenFalse))
            let words = { (list: [String]) in list.map(dialect.literal).joined(separator: ", ") }
            branches.append("WHEN LOWER(\(value)) IN (\(words(RawValue.trueWords))) THEN \(whenTrue)")
            branches.append("WHEN LOWER(\(value)) IN (\(words(RawValue.falseWords))) THEN \(whenFalse)")
            branches.append("WHEN \(number.isMissing) THEN \(missing)")
            branches.append("WHEN \(number.value) = 1 THEN \(whenTrue)")
            branches.append("WHEN \(number.value) = 0 THEN \(whenFalse)")
            return caseExpression(branches, otherwise: missing, indent: indent)
        }
        // Numbers in a gap and unlisted categories go to `otherwise`; a numeric criterion without one
        // covers every number, so its ELSE is never taken.
        return caseExpression(branches, otherwise: otherwise ?? missing, indent: indent)
    }

    private func rangeTest(_ range: NumericRange, _ number: String) -> String {
        var tests: [String] = []
        if let lower = range.lower { tests.append("\(number) \(lower.inclusive ? ">=" : ">") \(Self.literal(lower.value))") }
        if let upper = range.upper { tests.append("\(number) \(upper.inclusive ? "<=" : "<") \(Self.literal(upper.value))") }
        return tests.isEmpty ? "1 = 1" : tests.joined(separator: " AND ")
    }

    private func caseExpression(_ branches: [String], otherwise: String, indent: String) -> String {
        "CASE\n" + branches.map { "\(indent)  \($0)\n" }.joined() + "\(indent)  ELSE \(otherwise)\n\(indent)END"
    }

    /// The shortest decimal that reads back as the same double.
    static func literal(_ value: Double) -> String { RawValue.format(value) }
}
