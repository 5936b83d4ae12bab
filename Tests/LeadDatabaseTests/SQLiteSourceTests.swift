import CardTraining
import DatabaseScoring
import Foundation
import LeadCSV
import LeadData
import LeadDatabase
import RuleScoring
import ScoreCardFormat
import XCTest

/// SQLite as a source and a sink, against the CSV path on the same rows of the shipped leads.
final class SQLiteSourceTests: XCTestCase {
    private func leadsDatabase(rows: Int = 3000) throws -> (folder: URL, csv: String, database: String) {
        let folder = try temporaryFolder(self)
        let leads = try shippedLeads(rows: rows, in: folder)
        let database = folder.appendingPathComponent("crm.db").path
        try SQLiteFile(database).load(table: "leads", header: leads.header, records: leads.records)
        return (folder, leads.path, database)
    }

    private func source(_ database: String, _ rows: RowSelection) throws -> DatabaseSource {
        DatabaseSource(address: try XCTUnwrap(DatabaseAddress.parse("sqlite:" + database)), rows: rows)
    }

    func testTableLoadsAsTheCSVOfTheSameRows() throws {
        let (_, csv, database) = try leadsDatabase(rows: 500)
        let options = LoadOptions(target: "converted")
        let fromCSV = try Dataset.load(csv: csv, options: options)
        let fromTable = try source(database, .table("leads")).load(options: options)
        XCTAssertEqual(fromTable.source, "sqlite:\(database), table leads")
        XCTAssertEqual(fromTable.rowCount, 500)
        XCTAssertEqual(fromTable.labels, fromCSV.labels)
        XCTAssertEqual(fromTable.columns.map(\.name), fromCSV.columns.map(\.name))
        XCTAssertEqual(fromTable.columns.map(\.role), fromCSV.columns.map(\.role))
        for (table, file) in zip(fromTable.columns, fromCSV.columns) {
            XCTAssertEqual(table.missingCount, file.missingCount, table.name)
            XCTAssertEqual((0..<500).map { table.formattedValue(row: $0) }, (0..<500).map { file.formattedValue(row: $0) }, table.name)
        }
    }

    func testCardTrainedFromTableEqualsCardTrainedFromCSV() throws {
        let (_, csv, database) = try leadsDatabase()
        let options = LoadOptions(target: "converted")
        let trainer = CardTrainer(options: TrainingOptions(seed: 7))
        let fromCSV = try trainer.train(csv: csv, loadOptions: options).card
        let leads = try source(database, .table("leads"))
        let fromTable = try trainer.train(loaded: try leads.load(options: options), source: leads.description, name: "leads", loadOptions: options).card
        XCTAssertEqual(fromTable.provenance?.data?.file, "sqlite:\(database), table leads")
        XCTAssertNil(fromTable.provenance?.data?.sha256)
        XCTAssertEqual(try withoutDataAndTime(fromTable), try withoutDataAndTime(fromCSV))
    }

    func testScoresWrittenToTableEqualScoresOfTheCSV() throws {
        let (folder, csv, database) = try leadsDatabase(rows: 400)
        let scorer = try RuleScorer(path: repositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
        let scoredPath = folder.appendingPathComponent("scored.csv").path
        _ = try scorer.scoreCSV(input: csv, output: scoredPath, explain: 3)
        let expected = try scoredCSV(scoredPath)
        let out = folder.appendingPathComponent("scores.db").path
        let table = ScoreTable(address: try XCTUnwrap(DatabaseAddress.parse("sqlite:" + out)), table: "scores")
        for run in 1...2 {  // the second run updates every row in place
            let report = try scorer.score(try source(database, .table("leads")), into: table, idColumn: "lead_id", reasons: 3)
            XCTAssertEqual(report.rows, 400)
            let rows = try SQLiteFile(out).rows("SELECT lead_id, points, tier, probability, reasons, card_name, card_version FROM scores")
            XCTAssertEqual(rows.count, 400, "run \(run)")
            for row in rows {
                let want = try XCTUnwrap(expected[row[0]!])
                XCTAssertEqual(Int(row[1]!), Int(want[0]))
                XCTAssertEqual(row[2], want[1])
                // The file writes the probability to 4 decimals (a display format); the table keeps the double.
                XCTAssertEqual(RuleScorer.probabilityText(try XCTUnwrap(Double(row[3]!))), want[2])
                XCTAssertEqual(row[4], want[3])
                XCTAssertEqual(row[5], scorer.card.name)
                XCTAssertEqual(row[6]?.count, 16)
            }
        }
    }

    func testHostileTableNamesAndValuesStayData() throws {
        let folder = try temporaryFolder(self)
        let database = folder.appendingPathComponent("crm.db").path
        let file = try SQLiteFile(database)
        try file.execute(#"CREATE TABLE "we""ird; DROP TABLE keep; --" (lead_id TEXT, job_level TEXT); CREATE TABLE keep (x INTEGER);"#)
        try file.execute(#"INSERT INTO "we""ird; DROP TABLE keep; --" VALUES ('x''); DROP TABLE keep; --', 'director'), ('2', NULL)"#)
        let scorer = try RuleScorer(path: repositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
        let hostile = #"we"ird; DROP TABLE keep; --"#
        let table = ScoreTable(address: try XCTUnwrap(DatabaseAddress.parse("sqlite:" + database)), table: #"out"; DROP TABLE keep; --"#)
        let report = try scorer.score(try source(database, .table(hostile)), into: table, idColumn: "lead_id")
        XCTAssertEqual(report.rows, 2)
        XCTAssertEqual(try file.rows(#"SELECT lead_id FROM "out""; DROP TABLE keep; --" ORDER BY lead_id"#).map { $0[0] }, ["2", "x'); DROP TABLE keep; --"])
        XCTAssertEqual(try file.rows("SELECT count(*) FROM keep").first?.first, "0")
    }

    func testBadSourcesSayWhatIsWrong() throws {
        let (folder, _, database) = try leadsDatabase(rows: 50)
        let options = LoadOptions(target: "converted")
        func failure(_ rows: RowSelection, path: String? = nil) throws -> DatabaseError {
            do {
                _ = try source(path ?? database, rows).load(options: options)
            } catch let error as DatabaseError {
                return error
            }
            throw TestFailure("no error for \(rows)")
        }
        let missingTable = try failure(.table("lead"))
        XCTAssertEqual(missingTable.kind, .missingTable)
        XCTAssertTrue(missingTable.description.hasPrefix("sqlite:\(database), table lead: no such table: lead"), missingTable.description)
        XCTAssertEqual(try failure(.query("SELECT lead_idd, converted FROM leads")).kind, .missingColumn)
        let failing = try failure(.query("SELECT converted, abs(-9223372036854775807 - 1) AS x FROM leads"))
        XCTAssertEqual(failing.kind, .queryFailed)
        XCTAssertTrue(failing.description.contains("integer overflow"), failing.description)
        XCTAssertEqual(try failure(.query("SELECT converted, x'00ff' AS bytes FROM leads")).kind, .unusableType)
        XCTAssertEqual(try failure(.query("SELECT 1; SELECT 2")).kind, .queryFailed)
        XCTAssertEqual(try failure(.table("leads"), path: folder.appendingPathComponent("absent.db").path).kind, .unreachable)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("absent.db").path), "reading must not create a file")

        // A declared type the values do not fit: the loader's error, naming the column and the row.
        try SQLiteFile(database).execute("UPDATE leads SET page_views = 'many' WHERE rowid = 7")
        XCTAssertThrowsError(try source(database, .table("leads")).load(options: options)) { error in
            XCTAssertEqual((error as? LoadError)?.location, SourceLocation(path: "sqlite:\(database), table leads", line: 7, column: 6, columnName: "page_views"))
        }
    }

    func testFailedOrRefusedWritesLeaveNothingBehind() throws {
        let (folder, csv, _) = try leadsDatabase(rows: 30)
        let scorer = try RuleScorer(path: repositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
        // A lead without an id half-way: nothing written, and the file this run created is gone again.
        var lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[15] = "," + lines[15].split(separator: ",", maxSplits: 1)[1]
        let broken = folder.appendingPathComponent("broken.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: broken, atomically: true, encoding: .utf8)
        let fresh = folder.appendingPathComponent("fresh.db").path
        let freshTable = ScoreTable(address: try XCTUnwrap(DatabaseAddress.parse("sqlite:" + fresh)), table: "scores")
        XCTAssertThrowsError(try scorer.score(csv: broken, into: freshTable, idColumn: "lead_id")) { error in
            XCTAssertTrue("\(error)".contains("row 15: no lead id"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))

        // In a database that exists, the table created by the failed run is rolled back with it.
        let existing = folder.appendingPathComponent("existing.db").path
        try SQLiteFile(existing).execute("CREATE TABLE other (x INTEGER)")
        let existingTable = ScoreTable(address: try XCTUnwrap(DatabaseAddress.parse("sqlite:" + existing)), table: "scores")
        XCTAssertThrowsError(try scorer.score(csv: broken, into: existingTable, idColumn: "lead_id"))
        XCTAssertEqual(try SQLiteFile(existing).rows("SELECT name FROM sqlite_master WHERE type = 'table'").map { $0[0] }, ["other"])

        // A table of another shape is not touched.
        let wrongShape = ScoreTable(address: try XCTUnwrap(DatabaseAddress.parse("sqlite:" + existing)), table: "other")
        XCTAssertThrowsError(try scorer.score(csv: csv, into: wrongShape, idColumn: "lead_id")) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .wrongShape)
            XCTAssertTrue("\(error)".contains("lacks the columns lead_id, points"), "\(error)")
        }
        // No unique lead_id: the upsert cannot work, so the table is refused.
        try SQLiteFile(existing).execute("""
            CREATE TABLE loose (lead_id TEXT, points INTEGER, tier TEXT, probability REAL, reasons TEXT, card_name TEXT, card_version TEXT, scored_at TEXT)
            """)
        XCTAssertThrowsError(try scorer.score(csv: csv, into: ScoreTable(address: existingTable.address, table: "loose"), idColumn: "lead_id")) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .wrongShape, "\(error)")
        }

        // A database opened read-only (a SQLite URI: file permissions do not stop root, who runs CI).
        let readOnly = folder.appendingPathComponent("readonly.db").path
        try SQLiteFile(readOnly).execute("CREATE TABLE other (x INTEGER)")
        let readOnlyTable = ScoreTable(address: try XCTUnwrap(DatabaseAddress.parse("sqlite:file:\(readOnly)?mode=ro")), table: "scores")
        XCTAssertThrowsError(try scorer.score(csv: csv, into: readOnlyTable, idColumn: "lead_id")) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .readOnly, "\(error)")
        }
        XCTAssertEqual(try SQLiteFile(readOnly).rows("SELECT name FROM sqlite_master WHERE type = 'table'").map { $0[0] }, ["other"])
    }
}

/// A card without what differs by where and when it was trained: the data's name and hash, the time.
func withoutDataAndTime(_ card: ScoreCard) throws -> String {
    var card = card
    card.provenance?.data = nil
    card.provenance?.created = nil
    return String(decoding: try card.jsonData(), as: UTF8.self)
}
