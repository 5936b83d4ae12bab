import Foundation
import ScoreCardFormat

/// A card with event criteria as one SQL query over a leads table and an events table, as of a moment:
///
///     SELECT scored.*, <tier> AS tier, <probability> AS probability
///     FROM (
///       SELECT lead.*, <points, event criteria included> AS points
///       FROM "leads" AS lead
///       LEFT JOIN (SELECT <lead id> AS lead_key, SUM(CASE WHEN <type> = 'webinar' THEN EXP(…) ELSE 0 END) AS event_0, …
///                  FROM "events" AS event WHERE <timestamp reads> AND <epoch> < <as-of> GROUP BY …) AS event_sums
///         ON event_sums.lead_key = <lead id>
///     ) AS scored
///
/// The same reading rules as the scorer (`EventTallies`): ids and types trimmed of spaces and tabs and
/// compared exactly; only events strictly before the moment; weight `EXP(−age · ln 2 / halfLife)` with the
/// age in days from epoch seconds; then `EventCriterion.points`: times points per event, clamped to the
/// cap, rounded half away from zero. SQLite needs its math functions (`EXP`; the `sqlite3` shell has them
/// since 3.35, SQLITE_ENABLE_MATH_FUNCTIONS); PostgreSQL has `EXP` always.
///
/// Timestamps: both engines read `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]`, with `Z` or `±HH:MM` or no
/// zone (UTC), as the scorer does. The scorer also reads `±HH` and `±HHMM` zones and a comma fraction;
/// the query leaves those events out (as it does a leap second, `:60`). A date that does not exist
/// (`2026-02-30`) is left out by all three.
extension CardSQL {
    /// The query over `table` and `eventsTable` as of `asOf` (seconds since 1970). Without event criteria
    /// it is `query(table:)`.
    public func query(table: String, eventsTable: String, asOf: Double) throws(SQLExportError) -> String {
        guard !card.eventCriteria.isEmpty else { return try query(table: table) }
        guard dialect != .ansi else {
            throw SQLExportError(location: "eventCriteria", message: "export to sqlite or postgres: the ansi dialect has no portable way to read a timestamp's epoch")
        }
        let source = try SQLDialect.table(table), events = try SQLDialect.table(eventsTable)
        let columns = card.events ?? EventSource()
        let leadId = try SQLDialect.identifier(columns.leadId, what: "events.leadId")
        let typeColumn = try SQLDialect.identifier(columns.type, what: "events.type")
        let timeColumn = try SQLDialect.identifier(columns.time, what: "events.time")
        let type = dialect.trimmedText("event." + typeColumn)
        let time = dialect.trimmedText("event." + timeColumn)
        // NULL for text that does not read: a CASE, because PostgreSQL may evaluate a WHERE clause's terms
        // in any order, and a cast of unreadable text is an error there.
        let epoch: String
        if dialect == .sqlite {
            epoch = "(CASE WHEN \(readableTime(time)) THEN \(epochSeconds(time)) END)"
        } else {
            // The pattern checks ranges (month 01–12, day 01–31, hour 00–23, …); the day must also exist
            // in its month before the text is cast (PostgreSQL refuses 2026-02-30; the scorer leaves it out).
            let lastDay = "EXTRACT(DAY FROM CAST(SUBSTR(\(time), 1, 7) || '-01' AS DATE) + INTERVAL '1 month' - INTERVAL '1 day')"
            epoch = "(CASE WHEN \(readableTime(time)) THEN (CASE WHEN CAST(SUBSTR(\(time), 9, 2) AS INTEGER) <= \(lastDay) THEN \(epochSeconds(time)) END) END)"
        }
        let moment = Self.literal(asOf)
        let sums = card.eventCriteria.enumerated().map { index, criterion in
            let weight = criterion.halfLifeDays.map { "EXP(-((\(moment) - \(epoch)) / 86400.0) * \(Self.literal(M_LN2 / $0)))" } ?? "1"
            return "SUM(CASE WHEN \(type) = \(dialect.literal(criterion.event)) THEN \(weight) ELSE 0 END) AS event_\(index)"
        }
        let types = card.eventCriteria.map { dialect.literal($0.event) }.joined(separator: ", ")
        let points = try pointsWithEvents(indent: "    ")
        return """
        SELECT scored.*,
          \(tierExpression(points: "scored.points")) AS tier,
          \(probabilityExpression(points: "scored.points")) AS probability
        FROM (
          SELECT lead.*,
            \(points) AS points
          FROM \(source) AS lead
          LEFT JOIN (
            SELECT \(dialect.trimmedText("event." + leadId)) AS lead_key,
              \(sums.joined(separator: ",\n      "))
            FROM \(events) AS event
            WHERE \(type) IN (\(types)) AND \(epoch) < \(moment)
            GROUP BY \(dialect.trimmedText("event." + leadId))
          ) AS event_sums ON event_sums.lead_key = \(dialect.trimmedText("lead." + leadId))
        ) AS scored;
        """
    }

    /// Whether trimmed timestamp text reads in both engines the same way as `ISODate`'s common forms.
    private func readableTime(_ text: String) -> String {
        let pattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?([Zz]|[+-](0[0-9]|1[0-4]):[0-5][0-9])?)?$"
        switch dialect {
        case .sqlite:
            // julianday() reads these forms (and normalises a nonexistent day, so the day is checked too).
            return "julianday(UPPER(\(text))) IS NOT NULL AND date(substr(\(text), 1, 10)) = substr(\(text), 1, 10) AND \(text) NOT GLOB '*[^0-9TtZz :.+-]*'"
        case .postgres, .ansi: return "\(text) ~ '\(pattern)'"
        }
    }

    /// Seconds since 1970 of readable timestamp text (no zone: UTC).
    private func epochSeconds(_ text: String) -> String {
        switch dialect {
        case .sqlite: return "((julianday(UPPER(\(text))) - 2440587.5) * 86400.0)"
        case .postgres, .ansi:
            // With a zone, timestamptz; without, a timestamp's epoch is its nominal UTC seconds (the
            // session's time zone plays no part in either).
            let zoned = "\(text) ~ '[0-9]:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})$'"
            return "(CASE WHEN \(zoned) THEN CAST(EXTRACT(EPOCH FROM CAST(UPPER(\(text)) AS TIMESTAMP WITH TIME ZONE)) AS DOUBLE PRECISION) "
                + "ELSE CAST(EXTRACT(EPOCH FROM CAST(UPPER(\(text)) AS TIMESTAMP)) AS DOUBLE PRECISION) END)"
        }
    }

    /// One event criterion's points from its decayed count, as `EventCriterion.points(decayedCount:)`.
    private func eventPoints(_ criterion: EventCriterion, index: Int) -> String {
        let product = "(\(criterion.pointsPerEvent) * COALESCE(event_sums.event_\(index), 0))"
        let cap = criterion.maximumPoints
        let (greatest, least) = dialect == .sqlite ? ("MAX", "MIN") : ("GREATEST", "LEAST")
        let positive = criterion.pointsPerEvent > 0
        let capped = positive ? "\(least)(\(product), \(cap))" : "(-\(greatest)(\(product), -\(cap)))"
        // |capped| rounded half up, then the sign back: halves away from zero.
        let rounded = dialect == .sqlite ? "CAST(\(capped) + 0.5 AS INTEGER)" : "CAST(FLOOR(\(capped) + 0.5) AS INTEGER)"
        return positive ? rounded : "(-\(rounded))"
    }

    /// `pointsExpression` with each event criterion's points in its group (or ungrouped).
    private func pointsWithEvents(indent: String) throws(SQLExportError) -> String {
        // Inline reads (`lead."x"`): the events join sits beside the leads table, not under cleaned rows.
        let inputs = try CleanedInputs(card: card, dialect: dialect, once: false)
        var terms = [String(card.basePoints)]
        for group in card.groups {
            var members: [String] = []
            for (index, criterion) in card.criteria.enumerated() where criterion.group == group.name {
                members.append(try criterionExpression(criterion, index: index, indent: indent + "  ", inputs: inputs))
            }
            for (index, criterion) in card.eventCriteria.enumerated() where criterion.group == group.name {
                members.append(eventPoints(criterion, index: index))
            }
            let sum = "(\n\(indent)  " + members.joined(separator: "\n\(indent)  + ") + "\n\(indent))"
            terms.append(dialect.clamp(sum, low: group.minimumPoints, high: group.maximumPoints))
        }
        let declared = Set(card.groups.map(\.name))
        for (index, criterion) in card.criteria.enumerated() where !declared.contains(criterion.group ?? "") {
            terms.append(try criterionExpression(criterion, index: index, indent: indent, inputs: inputs))
        }
        for (index, criterion) in card.eventCriteria.enumerated() where !declared.contains(criterion.group ?? "") {
            terms.append(eventPoints(criterion, index: index))
        }
        return dialect.clamp(terms.joined(separator: "\n\(indent)+ "), low: 0, high: card.maximumPoints)
    }
}
