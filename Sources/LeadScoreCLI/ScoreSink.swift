import ArgumentParser
import DatabaseScoring
import Foundation
import LeadDatabase
import RuleScoring

/// `score --out sqlite:PATH|postgresql://…|env:NAME --out-table NAME [--id COLUMN]`: scores written to a
/// database table instead of a CSV (see `ScoreTable`).
struct ScoreSinkOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With a database as --out: the table the scores go to (created when missing; a lead id already there is updated).", valueName: "name"))
    var outTable: String?

    @Option(help: ArgumentHelp("With a database as --out: the column that identifies a lead (default: lead_id).", valueName: "column"))
    var id: String = "lead_id"

    /// The score table `out` names, or `nil` when the output is a file (or standard output).
    func table(_ out: String?) throws -> ScoreTable? {
        guard let out, let address = try SourceOptions.address(out) else {
            if outTable != nil { throw ValidationErrorMessage("--out-table names a table of a database given as --out (sqlite:PATH, postgresql://… or env:NAME)") }
            return nil
        }
        guard let outTable, !outTable.isEmpty else {
            throw ValidationErrorMessage("\(address) is a database: name the table for the scores with --out-table")
        }
        return ScoreTable(address: address, table: outTable)
    }
}

extension Score {
    /// Scores every lead into `table` in one transaction, with reasons (--explain, 3 by default).
    func scoreIntoTable(_ table: ScoreTable) throws {
        let scorer = try RuleScorer(path: card)
        let progress = Progress()
        progress.step("scoring \(leads)")
        let reasons = explain > 0 ? explain : 3
        let report = try source.database(leads).map { try scorer.score($0, into: table, idColumn: sink.id, reasons: reasons) }
            ?? scorer.score(csv: leads, into: table, idColumn: sink.id, reasons: reasons)
        progress.finish()
        for note in report.absenceNotes { printError("warning: \(note)") }
        print(summarize(report, card: scorer.card, destination: table.description))
    }
}
