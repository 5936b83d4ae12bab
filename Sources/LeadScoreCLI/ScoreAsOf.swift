import ArgumentParser
import Foundation
import LeadCSV
import OutputFiles
import RuleScoring
import ScoreCardFormat

extension Score {
    /// `score CARD LEADS.csv --events EVENTS.csv --as-of DATE`: event criteria from the events strictly
    /// before the moment (default: now), reasons that name events.
    func runAsOf(events eventsPath: String) throws {
        try reportingFailure {
            try checkOutputPaths(out, inputs: [card, leads, eventsPath])
            let scorer = try RuleScorer(path: card)
            let moment: Double
            if let asOf {
                guard let parsed = asOf.utf8.withContiguousStorageIfAvailable({ ISODate.parse($0) }) ?? nil else {
                    throw ValidationError("--as-of \"\(asOf)\" is not a date; write 2026-12-01 or 2026-12-01T09:00:00Z")
                }
                moment = parsed
            } else {
                moment = Date().timeIntervalSince1970
            }
            if scorer.card.eventCriteria.isEmpty {
                printError("warning: the card has no event criteria; --events changes nothing")
            }
            var tallies = EventTallies(card: scorer.card, asOf: moment)
            try tallies.add(csv: eventsPath, source: scorer.card.events ?? EventSource())
            if tallies.unreadableTimes > 0 {
                printError("warning: \(tallies.unreadableTimes) events in \(eventsPath) have a timestamp that does not read and are left out (\(tallies.unreadableExamples.joined(separator: ", ")))")
            }
            let output = try out.map { try OutputFile(path: $0) } ?? OutputFile.standardOutput()
            let report: CSVScoringReport
            do {
                report = try scorer.scoreCSV(input: leads, events: tallies, to: output, explain: explain)
            } catch let error as OutputError where error.kind == .closedPipe {
                endQuietlyOnClosedPipe()
            }
            for note in report.absenceNotes { printError("warning: \(note)") }
            let summary = "scored \(report.rows) leads from \(leads) with \"\(scorer.card.name)\" as of \(asOf ?? "now") → \(out ?? "stdout")\n"
                + "  \(tallies.eventsCounted) events counted, \(tallies.eventsAtOrAfter) at or after the moment left out, \(tallies.eventsOfOtherTypes) of types the card does not score\n"
                + "  mean \(String(format: "%.1f", report.meanPoints))/\(scorer.card.maximumPoints) points"
            if output.isStandardOutput { printError(summary) } else { print(summary) }
        }
    }
}
