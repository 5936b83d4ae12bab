import ArgumentParser
import DatabaseScoring
import Foundation
import LeadDatabase
import OutputFiles
import RuleScoring
import ScoreCardFormat

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score leads with a point card.",
        discussion: """
            Writes every input column, then points, points_max, points_<group> for each group of the card, \
            tier and probability (rounded to 4 decimals), and reasons with --explain: one per criterion, \
            with its points and, when the lead fell short, the best it could have had ("Lead source: \
            paid_search 9 of 18"). --excel writes a CSV for spreadsheets: UTF-8 byte order mark, CR LF line \
            ends, ASCII minus signs, and cells starting with = + - @ (other than numbers) kept as text, so \
            no field of the data runs as a formula. A card feature the file has no column for \
            is scored as missing on every lead, and said so on stderr. The card is checked against the \
            data as it streams (a feature the file lacks, with the closest column; values its type cannot \
            read; categories no lead has, with the closest value): the findings go to stderr at the end, \
            and --strict makes them an error (before anything is written when the header shows it; \
            otherwise no --out file is left). Without --out the scored CSV goes to stdout and the summary \
            to stderr.

            Examples:
              leadscore score docs/examples/synthetic-seed-practice.json \\
                  datasets/synthetic/leads.csv --out scored.csv
              leadscore score docs/examples/synthetic-seed-practice.json \\
                  datasets/synthetic/leads.csv --explain 3 | head
              leadscore score docs/examples/synthetic-seed-practice.json \\
                  datasets/synthetic/leads.csv --explain 3 --excel --out scored.csv
            """)

    @Argument(help: "The score card (JSON).") var card: String
    @Argument(help: "The leads to score (CSV with a header row).") var leads: String
    @Option(help: "Where to write the scored leads (CSV): a file appears only when complete; a device or FIFO is written through; without it they stream to stdout.")
    var out: String?
    @Option(help: "Add a reasons column: the N criteria that gave the most points and the N others that fell furthest short of their best.")
    var explain: Int = 0
    @OptionGroup var cardChecks: CardCheckOptions
    @Flag(help: "Write the CSV for Excel: byte order mark, CR LF, ASCII minus signs, formula-like cells kept as text.")
    var excel = false
    @OptionGroup var source: SourceOptions
    @OptionGroup var sink: ScoreSinkOptions
    @Option(help: "Activity events (CSV: lead_id, event, timestamp) for the card's event criteria; scores as of --as-of.")
    var events: String?
    @Option(help: "With --events: the moment to score as of (2026-12-01 or an ISO 8601 date-time; default now). Only events strictly before it count.")
    var asOf: String?

    func validate() throws {
        guard explain >= 0 else { throw ValidationError("--explain must be 0 or more") }
    }

    func run() throws {
        if let events { return try runAsOf(events: events) }
        try reportingFailure {
            if let table = try sink.table(out) { return try scoreIntoTable(table) }
            try checkOutputPaths(out, inputs: [card, leads])
            let scorer = try RuleScorer(path: card)
            // Without --out the leads stream to standard output as they are scored: no file anywhere.
            let output = try out.map { try OutputFile(path: $0) } ?? OutputFile.standardOutput()
            let progress = Progress()
            progress.step("scoring \(leads)")
            let report: CSVScoringReport
            do {
                let checks: CardDataCheckPolicy = cardChecks.strict ? .strict : .report
                report = try source.database(leads).map { try scorer.scoreCSV($0, to: output, explain: explain, excel: excel, checks: checks) }
                    ?? scorer.scoreCSV(input: leads, to: output, explain: explain, excel: excel, checks: checks)
            } catch let error as OutputError where error.kind == .closedPipe {
                endQuietlyOnClosedPipe()
            } catch let mismatch as CardDataMismatch {
                progress.finish()
                // Absent features show in the header, before anything is written; the rest at the end of the
                // stream, when a file is discarded but leads already streamed through cannot be taken back.
                let beforeWriting = mismatch.findings.allSatisfy { if case .absentFeature = $0.kind { true } else { false } }
                let outcome = beforeWriting || !output.writesThrough ? "nothing was written"
                    : "the leads already streamed to \(out ?? "standard output") were scored with a card that does not fit them: do not use them"
                throw ValidationErrorMessage(CardDataWarnings.text(mismatch.findings, path: card)!
                    + "\n--strict: \(outcome); fix the card or the data, or drop --strict")
            }
            progress.finish()
            for note in report.absenceNotes { printError("warning: \(note)") }
            // Checks go to standard error: standard output may be the scored leads themselves.
            if let text = CardDataWarnings.text(report.findings, path: card) { printError(text) }
            if !scorer.card.eventCriteria.isEmpty {
                printError("warning: the card has event criteria; without --events (and --as-of) every lead scores as if it had no events")
            }
            let summary = summarize(report, card: scorer.card, destination: out ?? "stdout")
            // The summary never mixes into scored leads that go to standard output (no --out, --out /dev/stdout).
            if output.isStandardOutput { printError(summary) } else { printText(summary) }
        }
    }

    func summarize(_ report: CSVScoringReport, card: ScoreCard, destination: String) -> String {
        var lines = ["scored \(report.rows) leads from \(leads) with \"\(card.name)\" → \(destination)",
                     "  mean \(String(format: "%.1f", report.meanPoints))/\(card.maximumPoints) points"]
        let width = card.tiers.map(\.name.count).max() ?? 0
        for (tier, count) in zip(card.tiers, report.leadsPerTier) {
            let share = report.rows == 0 ? 0 : 100 * Double(count) / Double(report.rows)
            let name = tier.name.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(String(format: "%7d  %5.1f %%", count, share))" + (tier.action.map { "  \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}

/// A line on standard error (warnings, summaries when the scored CSV goes to standard output).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(text) + "\n").utf8))
}
