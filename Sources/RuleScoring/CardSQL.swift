import ScoreCardFormat

/// A card as one SQL query, so leads can be scored where they already live:
///
///     SELECT scored.*, <tier> AS tier, <probability> AS probability
///     FROM (SELECT lead.*, <points> AS points FROM "leads" AS lead) AS scored
///
/// The points expression is a `CASE` per criterion that follows the card's reading rules exactly —
/// trimming, missing-value tokens, unreadable numbers as missing, unseen categories to `otherwise` —
/// then the group caps and the 0…maximum clamp. The inner query computes the points once, so the tier
/// and probability read them instead of repeating the expression.
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
        let points = try pointsExpression(indent: "    ")
        return """
        SELECT scored.*,
          \(tierExpression(points: "scored.points")) AS tier,
          \(probabilityExpression(points: "scored.points")) AS probability
        FROM (
          SELECT lead.*,
            \(points) AS points
          FROM \(source) AS lead
        ) AS scored;
        """
    }

    /// The total: base points, each group's capped subtotal, the ungrouped criteria, clamped to the range.
    public func pointsExpression(indent: String = "") throws(SQLExportError) -> String {
        var terms = [String(card.basePoints)]
        for group in card.groups {
            var members: [String] = []
            for (index, criterion) in card.criteria.enumerated() where criterion.group == group.name {
                members.append(try criterionExpression(criterion, index: index, indent: indent + "  "))
            }
            let sum = "(\n\(indent)  " + members.joined(separator: "\n\(indent)  + ") + "\n\(indent))"
            terms.append(dialect.clamp(sum, low: group.minimumPoints, high: group.maximumPoints))
        }
        let declared = Set(card.groups.map(\.name))
        for (index, criterion) in card.criteria.enumerated() where !declared.contains(criterion.group ?? "") {
            terms.append(try criterionExpression(criterion, index: index, indent: indent))
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

    /// One criterion's points as a `CASE` on the column's trimmed text.
    func criterionExpression(_ criterion: Criterion, index: Int, indent: String) throws(SQLExportError) -> String {
        let column = try SQLDialect.identifier(criterion.feature, what: "criteria[\(index)] \(SQLExportError.shown(criterion.feature)).feature")
        let value = dialect.trimmedText("lead." + column)
        let tokens = Set(card.missingValues + [""]).sorted().map(dialect.literal).joined(separator: ", ")
        let reader = FieldReader(missingValues: card.missingValues, decimalSeparator: card.decimalSeparator)
        let compiled = CompiledCriterion(criterion, missingValues: card.missingValues, reader: reader)
        let comma = card.decimalSeparator == ","
        let points = { (condition: Int32) in String(criterion.conditions[Int(condition)].points) }
        let missing = points(compiled.missingCondition)
        let otherwise = criterion.conditions.firstIndex { $0.match == .otherwise }.map { String(criterion.conditions[$0].points) }
        var branches = ["WHEN \(value) IS NULL OR \(value) IN (\(tokens)) THEN \(missing)"]
        switch criterion.type {
        case .numeric:
            branches.append("WHEN NOT (\(dialect.isNumber(value, comma: comma))) THEN \(missing)")
            let number = dialect.number(value, comma: comma)
            for condition in criterion.conditions {
                guard case .range(let range) = condition.match else { continue }
                branches.append("WHEN \(rangeTest(range, number)) THEN \(condition.points)")
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
            branches.append("WHEN NOT (\(dialect.isNumber(value, comma: comma))) THEN \(missing)")
            branches.append("WHEN \(dialect.number(value, comma: comma)) = 1 THEN \(whenTrue)")
            branches.append("WHEN \(dialect.number(value, comma: comma)) = 0 THEN \(whenFalse)")
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
