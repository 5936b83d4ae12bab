import Engagement
import Evaluation
import Foundation
import LeadCSV
import OutputFiles
import RuleScoring
import ScoreCardFormat

/// The report on a card with event criteria: every lead open at a moment scored as of that moment from its
/// events, measured against "converts within the horizon after it", with the fit × engagement matrix
/// (A1 … C3) CRM teams read. The leads table has the engagement layout (`lead_id`, `created_at`,
/// `converted`, `converted_at`, `closed_at`, fit attributes); leads created after the moment, decided
/// before it, or still open with the horizon running past the data are left out and counted.
struct EventReport {
    var card: ScoreCard
    var leadsPath: String, eventsPath: String
    var asOf: Double, asOfText: String
    var horizon: TimeSpan

    /// What scoring the open leads gave.
    struct Measured {
        var fit: [Int] = [], engagement: [Int] = [], totals: [Int] = [], converted: [Bool] = []
        var notYetCreated = 0, decidedBefore = 0, unknownOutcome = 0
        var eventsCounted = 0, eventsAtOrAfter = 0
    }

    func measure() throws -> Measured {
        let scorer = try RuleScorer(card: card)
        let leads = try LeadTimeline(csv: leadsPath)
        var tallies = EventTallies(card: card, asOf: asOf)
        try tallies.add(csv: eventsPath, source: card.events ?? EventSource())
        var measured = Measured(eventsCounted: tallies.eventsCounted, eventsAtOrAfter: tallies.eventsAtOrAfter)
        // Groups that hold an event criterion make the engagement side; every other point is fit.
        let engagementGroups = Set(card.eventCriteria.compactMap(\.group))
        let dataEnd = leads.latestTime
        for lead in 0..<leads.count {
            guard leads.created[lead] < asOf else {
                measured.notYetCreated += 1
                continue
            }
            let outcomeTime = leads.outcomeTime(lead)
            if !outcomeTime.isNaN, outcomeTime < asOf {
                measured.decidedBefore += 1
                continue
            }
            let converts = leads.converted[lead] == true && leads.convertedAt[lead] <= asOf + horizon.seconds
            if leads.converted[lead] == nil, asOf + horizon.seconds > dataEnd {
                measured.unknownOutcome += 1
                continue
            }
            var fields: [String: String] = [:]
            for column in leads.fit where !column.values[lead].isEmpty { fields[column.name] = column.values[lead] }
            let scored = scorer.score(fields, id: leads.ids[lead], events: tallies)
            var fit = 0, engagement = 0
            for subtotal in scored.lead.subtotals {
                if engagementGroups.contains(subtotal.group) { engagement += subtotal.points } else { fit += subtotal.points }
            }
            for (criterion, contribution) in zip(card.criteria, scored.lead.contributions) where criterion.group == nil { fit += contribution.points }
            for (criterion, contribution) in zip(card.eventCriteria, scored.events) where criterion.group == nil { engagement += contribution.points }
            measured.fit.append(fit)
            measured.engagement.append(engagement)
            measured.totals.append(scored.lead.points)
            measured.converted.append(converts)
        }
        guard measured.converted.contains(true), measured.converted.contains(false) else {
            throw ValidationErrorMessage("\(leadsPath): of the \(measured.totals.count) leads open at \(asOfText), "
                + (measured.converted.contains(true) ? "all" : "none") + " converted within \(horizon) after it; choose an --as-of with both outcomes after it")
        }
        return measured
    }

    func document(_ measured: Measured) throws -> ReportDocument {
        let count = measured.totals.count
        let rate = Double(measured.converted.filter { $0 }.count) / Double(count)
        let auc = try rocAUC(scores: measured.totals.map(Double.init), outcomes: measured.converted.map { $0 ? 1 : 0 })
        let matrix = FitEngagementMatrix(fit: measured.fit, engagement: measured.engagement, converted: measured.converted)
        let left = [
            measured.notYetCreated > 0 ? "\(ReportNumber.count(measured.notYetCreated)) created after it" : nil,
            measured.decidedBefore > 0 ? "\(ReportNumber.count(measured.decidedBefore)) decided before it" : nil,
            measured.unknownOutcome > 0 ? "\(ReportNumber.count(measured.unknownOutcome)) still open with the \(horizon) running past the data" : nil,
        ].compactMap { $0 }
        let glance: [ReportDocument.Block] = [
            .paragraph("Every lead open at \(asOfText) scored as of that moment from its \(ReportNumber.count(measured.eventsCounted)) earlier events in \(eventsPath) "
                       + "(\(ReportNumber.count(measured.eventsAtOrAfter)) at or after the moment left out); a lead counts as converted when it converted within \(horizon) after the moment."
                       + (left.isEmpty ? "" : " Left out: \(left.joined(separator: ", ")).")),
            .metrics([
                ReportDocument.Metric(name: "Leads open", value: ReportNumber.count(count), meaning: "\(ReportNumber.percent(rate)) converted within \(horizon)"),
                ReportDocument.Metric(name: "AUC of the points", value: ReportNumber.fixed(auc),
                                      meaning: "chance a converting lead had more points at the moment than one that did not (ties count half)"),
            ]),
        ]
        return ReportDocument(
            title: card.name, summary: card.description,
            context: "Measured on \(leadsPath) as of \(asOfText): \(ReportNumber.count(count)) open leads, \(ReportNumber.percent(rate)) converted within \(horizon).",
            sections: [
                ReportDocument.Section(title: "At a glance", blocks: glance),
                ReportDocument.Section(title: "Fit × engagement", blocks: Self.matrixBlocks(matrix)),
                ReportDocument.Section(title: "Event criteria", blocks: [.table(Self.eventTable(card))]),
                ReportDocument.Section(title: "Fit criteria", blocks: [.table(ReportDocument.cardTable(card))]),
            ])
    }

    /// The grid as a table: a row per fit band, a column per engagement band, each cell its leads and conversion.
    static func matrixBlocks(_ matrix: FitEngagementMatrix) -> [ReportDocument.Block] {
        let bands = matrix.cells.count
        var columns = [ReportDocument.Column(title: "Fit \\ engagement")]
        for band in 0..<bands {
            let filled = matrix.cells.contains { $0[band].leads > 0 }
            let range = filled ? FitEngagementMatrix.range(band: band, floors: matrix.engagementFloors, top: matrix.engagementTop) : nil
            columns.append(ReportDocument.Column(title: "\(band + 1): " + (range.map { "\($0) points" } ?? "no leads"), numeric: true))
        }
        let rows: [ReportDocument.Row] = (0..<bands).map { fitBand in
            let letter = String(FitEngagementMatrix.name(fitBand: fitBand, engagementBand: 0).prefix(1))
            let filled = matrix.cells[fitBand].contains { $0.leads > 0 }
            let range = filled ? FitEngagementMatrix.range(band: fitBand, floors: matrix.fitFloors, top: matrix.fitTop) : nil
            var cells = ["\(letter): " + (range.map { "\($0) points" } ?? "no leads")]
            for engagementBand in 0..<bands {
                let cell = matrix.cells[fitBand][engagementBand]
                let name = FitEngagementMatrix.name(fitBand: fitBand, engagementBand: engagementBand)
                cells.append("\(name): \(ReportNumber.count(cell.leads)) \(cell.leads == 1 ? "lead" : "leads"), " + (cell.conversionRate.map { "\(ReportNumber.percent($0)) converted" } ?? "–"))
            }
            return .cells(cells)
        }
        return [
            .paragraph("Fit (who the lead is: the points of criteria outside the engagement groups) from A, the most, to C; engagement (what the lead did: the event criteria's groups) from 1, the most, to 3. "
                       + "Each band holds about a third of the open leads by points; leads with the same points share a band, so a band can be larger or empty. "
                       + "Work A1 first; a C1 lead is busy but a poor fit, an A3 lead a good fit gone quiet."),
            .table(ReportDocument.Table(columns: columns, rows: rows)),
        ]
    }

    static func eventTable(_ card: ScoreCard) -> ReportDocument.Table {
        ReportDocument.Table(
            columns: [ReportDocument.Column(title: "Event"), ReportDocument.Column(title: "Points each", numeric: true), ReportDocument.Column(title: "Half-life", numeric: true),
                      ReportDocument.Column(title: "At most", numeric: true), ReportDocument.Column(title: "Group")],
            rows: card.eventCriteria.map { criterion in
                .cells([criterion.label == criterion.event ? criterion.event : "\(criterion.label) (\(criterion.event))",
                        ReportNumber.points(criterion.pointsPerEvent, signed: true),
                        criterion.halfLifeDays.map { "\(ReportNumber.decimal($0)) days" } ?? "no decay",
                        ReportNumber.points(criterion.maximumPoints), criterion.group ?? ""])
            })
    }

    /// Measures, lays out and writes the page as one `OutputFile`.
    func write(to path: String) throws {
        let document = try document(measure())
        try OutputFile.write(Array(HTMLReport(document: document).text.utf8), to: path)
    }
}
