import Foundation
import LeadCSV
import LeadDatabase
import OutputFiles
import RuleScoring
import ScoreCardFormat

/// A lead input that cannot be written to a score table for a reason of its own.
public struct ScoreTableInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and what to do, naming the input.
    public var description: String
}

extension RuleScorer {
    /// Scores the leads of the CSV file `path` into `table` (see `ScoreTable`): one transaction, an
    /// upsert on the lead id read from column `idColumn`, up to `reasons` gains and costs per lead.
    /// - Throws: `CSVError` for the file, `ScoreTableInputError` for a missing id column or id,
    ///   `DatabaseError` for the table; then nothing is written.
    public func score(csv path: String, into table: ScoreTable, idColumn: String, reasons: Int = 3, scoredAt: Date = Date()) throws -> CSVScoringReport {
        var reader = try CSVReader(path: path)
        return try score(records: &reader, name: path, into: table, idColumn: idColumn, reasons: reasons, scoredAt: scoredAt)
    }

    /// Scores the leads of a database table or query into `table`, as `score(csv:into:…)` does a file's.
    public func score(_ source: DatabaseSource, into table: ScoreTable, idColumn: String, reasons: Int = 3, scoredAt: Date = Date()) throws -> CSVScoringReport {
        let rows = try source.records()
        var records = rows
        return try score(records: &records, name: source.description, into: table, idColumn: idColumn, reasons: reasons, scoredAt: scoredAt)
    }

    /// Scores the leads of a database table or query to a CSV output, as `scoreCSV(input:to:explain:)`
    /// does a file's: every input column, then points, tier, probability (and reasons).
    public func scoreCSV(_ source: DatabaseSource, to output: OutputFile, explain: Int = 0, excel: Bool = false,
                         checks: CardDataCheckPolicy = .report) throws -> CSVScoringReport {
        var records = try source.records()
        return try score(records: &records, name: source.description, explain: explain, excel: excel, checks: checks) { output }
    }

    /// The writer opens (and may create the table) only once the input's header is checked.
    package func score<Records: RecordSource & ~Copyable>(records reader: inout Records, name: String, into table: ScoreTable, idColumn: String,
                                                         reasons: Int, scoredAt: Date) throws -> CSVScoringReport {
        guard let idIndex = reader.header.firstIndex(of: idColumn) else {
            throw ScoreTableInputError(description: "\(name) has no column \"\(idColumn)\" to take the lead id from; name the id column as idColumn (columns: \(reader.header.joined(separator: ", ")))")
        }
        let rows = rowScorer(header: reader.header)
        let version = SHA256.hexDigest(of: try card.jsonData()).prefix(16)
        let writer = try ScoreTableWriter(table, cardName: card.name, cardVersion: String(version), scoredAt: scoredAt)
        var report = CSVScoringReport(rows: 0, leadsPerTier: [Int](repeating: 0, count: card.tiers.count), pointsSum: 0, absenceNotes: rows.absenceNotes)
        while try reader.nextRecord() {
            let id = String(decoding: reader.field(idIndex).trimmingSpaces(), as: UTF8.self)
            guard !id.isEmpty else {
                throw ScoreTableInputError(description: "\(name), row \(report.rows + 1): no lead id in \"\(idColumn)\"; every lead needs one to be written to \(table.table) (nothing was written)")
            }
            let lead = rows.score(fieldAt: { reader.field($0) })
            try writer.insert(ScoreRow(leadID: id, points: lead.points, tier: lead.tier?.name, probability: lead.probability,
                                       reasons: lead.reasons(limit: reasons).map(\.description).joined(separator: "; ")))
            report.rows += 1
            report.pointsSum += lead.points
            if let tier = lead.tier, let index = card.tiers.firstIndex(of: tier) { report.leadsPerTier[index] += 1 }
        }
        try writer.commit()
        return report
    }
}
