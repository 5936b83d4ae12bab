import LeadCSV
import OutputFiles
import ScoreCardFormat

/// A lead scored as of a moment: the card's ordinary result with the event criteria's points in its
/// total and subtotals, and what each event criterion gave.
public struct AsOfScoredLead: Sendable, Equatable {
    /// Points, subtotals, tier and probability include the event criteria; `contributions` are the
    /// ordinary criteria's.
    public var lead: ScoredLead
    /// What each event criterion gave the lead, in `card.eventCriteria` order.
    public var events: [EventContribution]

    /// Up to `limit` gains and `limit` costs, largest first, events among them: "+14 webinar 12 days ago".
    /// Event criteria cost only when their points are negative ("−10 unsubscribed 3 days ago"): a lead
    /// with no webinar misses nothing it had.
    public func reasons(limit: Int) -> [Reason] {
        let ordinary = lead.reasons(limit: limit)
        let eventReasons = events.compactMap(\.reason)
        let limit = max(limit, 0)
        func largest(_ kind: Reason.Kind) -> [Reason] {
            let all: [Reason] = ordinary.filter { $0.kind == kind } + eventReasons.filter { $0.kind == kind }
            let ranked = all.indices.sorted { left, right in
                let (a, b) = (abs(all[left].points), abs(all[right].points))
                return a != b ? a > b : left < right
            }
            return ranked.prefix(limit).map { all[$0] }
        }
        return largest(.gain) + largest(.cost)
    }
}

extension RuleScorer {
    /// Scores one lead as of the moment of `tallies`: `fields` are its raw values by feature name (absent
    /// keys missing) and `id` its lead id, looked up among the tallied events.
    public func score(_ fields: [String: String], id: String, events tallies: EventTallies) -> AsOfScoredLead {
        let ordinary = score(fields)
        return withBytes(of: id) { asOf(ordinary, slot: tallies.slot(of: $0), tallies: tallies) }
    }

    /// Rebuilds an ordinary result with the event criteria's points of a lead slot, through the card's total rule.
    func asOf(_ ordinary: ScoredLead, slot: Int?, tallies: EventTallies) -> AsOfScoredLead {
        let events = tallies.contributions(slot: slot)
        let criterionPoints = ordinary.contributions.map(\.points), eventPoints = events.map(\.points)
        let capped = card.groupSubtotals(criterionPoints: criterionPoints, eventPoints: eventPoints)
        var lead = ordinary
        lead.points = card.total(criterionPoints: criterionPoints, eventPoints: eventPoints)
        lead.subtotals = card.groups.indices.map { group in
            let name = card.groups[group].name
            var uncapped = 0
            for (criterion, points) in zip(card.criteria, criterionPoints) where criterion.group == name { uncapped += points }
            for (criterion, points) in zip(card.eventCriteria, eventPoints) where criterion.group == name { uncapped += points }
            return GroupSubtotal(group: name, points: capped[group], uncapped: uncapped)
        }
        lead.tier = tier(forTotal: lead.points)
        lead.probability = probability(forTotal: lead.points)
        return AsOfScoredLead(lead: lead, events: events)
    }

    /// Scores the leads CSV `input` as of the moment of `tallies` (events already read), streaming to
    /// `output` like `scoreCSV`: every input column, then `points`, `points_max`, `points_<group>`, `tier`,
    /// `probability` and, with `explain` > 0, `reasons` that name events ("+14 webinar 12 days ago").
    /// Leads are matched to events by the card's `events.leadId` column.
    /// - Throws: `ScoringError` when the leads lack the id column or already have an added column,
    ///   `CSVError`, `OutputError`.
    public func scoreCSV(input: String, events tallies: EventTallies, to output: OutputFile, explain: Int = 0) throws -> CSVScoringReport {
        var reader = try CSVReader(path: input)
        let rows = rowScorer(header: reader.header)
        let idName = (card.events ?? EventSource()).leadId
        guard let idColumn = reader.header.firstIndex(of: idName) else {
            throw ScoringError(description: "\(input) has no column \"\(idName)\", which matches leads to their events (the card's events.leadId); add it or set events.leadId")
        }
        let added = appendedColumns(withReasons: explain > 0)
        if let clash = added.first(where: reader.header.contains) {
            throw ScoringError(description: "\(input) already has a column named \"\(clash)\", which scoring adds; rename it first")
        }
        let writer = CSVWriter(output: output)
        try writer.write(reader.header + added)
        var report = CSVScoringReport(
            rows: 0, leadsPerTier: [Int](repeating: 0, count: card.tiers.count), pointsSum: 0, absenceNotes: rows.absenceNotes)
        let maximum = String(card.maximumPoints)
        let inputFields = reader.header.count
        while try reader.nextRecord() {
            let ordinary = rows.score(fieldAt: { reader.field($0) })
            let scored = asOf(ordinary, slot: tallies.slot(of: reader.field(idColumn)), tallies: tallies)
            for index in 0..<inputFields { writer.append(reader.field(index)) }
            writer.append(String(scored.lead.points))
            writer.append(maximum)
            for subtotal in scored.lead.subtotals { writer.append(String(subtotal.points)) }
            writer.append(scored.lead.tier?.name ?? "")
            writer.append(scored.lead.probability.map { "\($0)" } ?? "")
            if explain > 0 { writer.append(scored.reasons(limit: explain).map(\.description).joined(separator: "; ")) }
            try writer.endRecord()
            report.rows += 1
            report.pointsSum += scored.lead.points
            if let tier = scored.lead.tier, let index = card.tiers.firstIndex(of: tier) { report.leadsPerTier[index] += 1 }
        }
        try writer.finish()
        return report
    }
}
