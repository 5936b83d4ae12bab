import ArgumentParser
import CardHoldout
import Engagement
import Foundation
import LeadCSV
import ScoreCardFormat

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report on a card measured on historical leads: plots, the card as a table, tiers, calibration.",
        discussion: """
            Measures the card as `evaluate` does and writes one self-contained HTML file (no network needed to \
            view it) with inline SVG plots: ROC curve, cumulative gains, reliability diagram, points of converted \
            and lost leads, points per criterion, and a closing "What to do next". With --created and \
            --converted-at (date columns) it adds lead velocity: median days to conversion per tier. \
            With --format ipynb (or an --out ending in .ipynb) it writes a \
            Jupyter notebook with the same content and a Python cell that reloads the card and recomputes the \
            points of a few leads.

            Given the file the card was trained on (same SHA-256), only the card's held-out test leads are \
            measured unless --all-rows says otherwise (then the figures are labelled in-sample). \
            --target defaults to the card's own.

            A card with event criteria (train-engagement) needs --events and --as-of: every lead open at \
            that moment is scored as of it and counts as converted when it converts within --horizon; the \
            page then shows the fit × engagement matrix (A1 … C3: lead counts and conversion per cell).

            Examples:
              leadscore train datasets/synthetic/leads.csv --target converted \\
                  --out card.json
              leadscore report card.json datasets/synthetic/leads.csv --out report.html
              leadscore report card.json datasets/synthetic/leads.csv --out report.ipynb
            """)

    @Argument(help: "The card (JSON).") var card: String
    @Argument(help: "CSV of historical leads with the outcome column.") var data: String
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Where to write the report.") var out: String
    @Option(help: "html or ipynb (default: ipynb when --out ends in .ipynb, else html).") var format: ReportFormat?
    @OptionGroup var cardChecks: CardCheckOptions
    @OptionGroup var velocity: VelocityOptions
    @Flag(help: "Measure on every row even when the data is the card's training file; the figures are then labelled in-sample.")
    var allRows = false
    @Option(help: "For a card with event criteria: the activity events (CSV). Every lead open at --as-of is scored as of it, and the report adds the fit × engagement matrix (A1 … C3).")
    var events: String?
    @Option(help: "For a card with event criteria: the moment to score as of (2026-06-01 or an ISO 8601 date-time).") var asOf: String?
    @Option(help: "For a card with event criteria: an open lead counts as converted when it converts within this long after --as-of (e.g. 90d).")
    var horizon = "90d"

    func run() throws {
        try reportingFailure {
            try checkOutputPaths(out, inputs: [data])
            try ReportOutput.checkNotTheCard(report: out, card: card)
            let card = try ScoreCard.load(path: self.card)
            if !card.eventCriteria.isEmpty || events != nil { return try writeEventReport(card) }
            let (leads, selection) = try dataOptions.loadHistory(data, cards: [card], allRows: allRows)
            try cardChecks.check(card, path: self.card, data: leads, json: false)
            let output = ReportOutput(card: card, cardPath: self.card, leads: leads,
                                      data: try dataOptions.dataName(data), selection: selection, velocity: velocity)
            try output.write(to: out, format: format ?? ReportFormat(path: out))
            for warning in selection.warnings { printError("warning: \(warning)") }
            printConfirmation("Report written to \(out)", outputs: out)
        }
    }
}

extension Report {
    /// `report CARD LEADS.csv --events EVENTS.csv --as-of DATE`: the report of a card with event criteria.
    func writeEventReport(_ card: ScoreCard) throws {
        guard !card.eventCriteria.isEmpty else { throw ValidationError("--events is for a card with event criteria; \(self.card) has none") }
        guard let events, let asOf else {
            throw ValidationError("\(self.card) has event criteria: give --events EVENTS.csv and --as-of (e.g. --as-of 2026-06-01) to score the leads as of a moment")
        }
        guard (format ?? ReportFormat(path: out)) == .html else {
            throw ValidationError("the notebook report does not cover cards with event criteria yet; write HTML (--out report.html)")
        }
        try checkOutputPaths(out, inputs: [data, events])
        guard let moment = Array(asOf.utf8).withUnsafeBufferPointer({ ISODate.parse($0) }) else {
            throw ValidationError("--as-of \"\(asOf)\" is not a date; write 2026-06-01 or 2026-06-01T09:00:00Z")
        }
        let report = EventReport(card: card, leadsPath: data, eventsPath: events, asOf: moment, asOfText: asOf, horizon: try TimeSpan(parsing: horizon))
        try report.write(to: out)
        printConfirmation("Report written to \(out)", outputs: out)
    }
}
