import ArgumentParser
import Foundation
import ScoreCardFormat

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report on a card measured on historical leads: plots, the card as a table, tiers, calibration.",
        discussion: """
            Measures the card as `evaluate` does and writes one self-contained HTML file (no network needed to \
            view it) with inline SVG plots: ROC curve, cumulative gains, reliability diagram, points of converted \
            and lost leads, points per criterion. With --format ipynb (or an --out ending in .ipynb) it writes a \
            Jupyter notebook with the same content and a Python cell that reloads the card and recomputes the \
            points of a few leads.

            Examples:
              leadscore report card.json leads.csv --target converted --out report.html
              leadscore report card.json leads.csv --target converted --out report.ipynb
            """)

    @Argument(help: "The card (JSON).") var card: String
    @Argument(help: "CSV of historical leads with the outcome column.") var data: String
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Where to write the report.") var out: String
    @Option(help: "html or ipynb (default: ipynb when --out ends in .ipynb, else html).") var format: ReportFormat?

    func validate() throws {
        guard dataOptions.target != nil else { throw ValidationError("name the outcome column with --target") }
    }

    func run() throws {
        try reportingFailure {
            try checkOutputPaths(out, inputs: [data])
            try ReportOutput.checkNotTheCard(report: out, card: card)
            let output = ReportOutput(card: try ScoreCard.load(path: card), cardPath: card, leads: try dataOptions.load(data),
                                      data: URL(fileURLWithPath: data).lastPathComponent)
            try output.write(to: out, format: format ?? ReportFormat(path: out))
            printConfirmation("Report written to \(out)", outputs: out)
        }
    }
}
