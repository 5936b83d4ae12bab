import ArgumentParser
import CardHoldout
import Foundation
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

    func run() throws {
        try reportingFailure {
            try checkOutputPaths(out, inputs: [data])
            try ReportOutput.checkNotTheCard(report: out, card: card)
            let card = try ScoreCard.load(path: self.card)
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
