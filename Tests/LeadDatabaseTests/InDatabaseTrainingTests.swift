import CardTraining
import Foundation
@testable import InDatabaseTraining
import LeadData
import LeadDatabase
import PointExport
import RuleScoring
import ScoreCardFormat
import XCTest

/// Training inside PostgreSQL (`InDatabaseTrainer`, `train --in-database`) on the server `bin/with-postgres`
/// starts: the card against the in-memory card on the same test leads, hostile names, clear errors.
final class InDatabaseTrainingTests: XCTestCase {
    private func source(_ server: PostgresServer, _ rows: RowSelection) throws -> DatabaseSource {
        DatabaseSource(address: try XCTUnwrap(DatabaseAddress.parse(server.url())), rows: rows)
    }

    /// The shipped synthetic leads (all 20 000): the in-database card's test AUC is within 0.004 of the
    /// in-memory card's (stumps, cross-fitted, the same leads before test), both measured on the same test
    /// leads — the hash split's fifth, read back through `testRowsQuery`; and the same table with the card's
    /// export read from a sample (`checkExportSample`).
    func testInDatabaseCardIsWithinToleranceOfInMemoryCardOnTheSameTestLeads() throws {
        let server = try PostgresServer(self)
        let folder = try temporaryFolder(self)
        let leads = try shippedLeads(rows: 20_000, in: folder)
        try server.load(table: "leads", header: leads.header, csv: leads.path)
        let options = LoadOptions(target: "converted")
        let table = try source(server, .table("\(server.schema).leads"))
        let result = try InDatabaseTrainer().train(table, loadOptions: options)
        XCTAssertTrue(result.crossFitted)
        XCTAssertEqual(result.leadsBeforeTest + result.testLeads, 20_000)
        // A few dozen queries, not one per row or per feature and pass.
        XCTAssertLessThanOrEqual(result.queries, 60, "\(result.queries) queries")
        XCTAssertEqual(result.card.provenance?.trainer?.name, InDatabaseTrainer.trainerName)
        XCTAssertFalse(result.card.provenance?.data?.file?.contains("password") ?? true)

        let training = try source(server, .query(result.trainingRowsQuery)).load(options: options)
        let test = try source(server, .query(result.testRowsQuery)).load(options: options)
        XCTAssertEqual(test.rowCount, result.testLeads)
        XCTAssertEqual(training.rowCount, result.leadsBeforeTest)
        let memory = try CardTrainer().train(loaded: training, source: "training rows", name: "leads", loadOptions: options, test: test)
        let inDatabase = try XCTUnwrap(result.card.metrics?.auc), inMemory = try XCTUnwrap(memory.card.metrics?.auc)
        // Within 0.004: issue 22 asked for 0.003, which held (0.7579 against 0.7599) until issue 18's selection
        // (q = 0.10 with a gain floor, 2026-12-03) let the in-memory card keep the weak true page_views, which
        // the in-database card leaves out on these 16 000 leads: it stays at 0.7579 while the in-memory one rose to 0.7617 (Benchmarks/in-database/RESULTS.md).
        XCTAssertEqual(inDatabase, inMemory, accuracy: 0.004, "in-database \(inDatabase), in-memory \(inMemory)")

        // The test AUC the database computed from the card's SQL equals the card's points totalled here, lead by lead.
        let recomputed = try CardExport.metrics(of: result.card, points: result.points, on: test, description: "test")
        XCTAssertEqual(try XCTUnwrap(recomputed.auc), inDatabase, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(recomputed.logLoss), try XCTUnwrap(result.card.metrics?.logLoss), accuracy: 1e-9)

        try checkExportSample(table, options, whole: result)
    }

    /// A large table's last aggregate (leads per combination of bins, nearly one group per lead) is read from
    /// a hash sample of `exportLeads` leads, so what leaves the database is bounded by the sample, not the
    /// table: here 3 000 of the ~16 000 leads before test. The sample is the share the slots promise, the
    /// note and provenance say so, the test figures still cover every test lead, and the card ranks nearly
    /// as well as the card read from every lead (`whole`, trained by the caller on the same table).
    private func checkExportSample(_ table: DatabaseSource, _ options: LoadOptions, whole: InDatabaseResult) throws {
        let sampled = try InDatabaseTrainer(options: InDatabaseOptions(exportLeads: 3_000)).train(table, loadOptions: options)
        let slots = Int((200 * 3_000 / Double(sampled.leadsBeforeTest)).rounded(.up))
        XCTAssertEqual(TrainingQueries.sampleSlots(leads: 3_000, development: sampled.leadsBeforeTest), slots)
        XCTAssertEqual(TrainingQueries.sampleSlots(leads: 250_000, development: sampled.leadsBeforeTest), 200)
        let note = try XCTUnwrap(sampled.notes.first { $0.contains("hash sample") }, "\(sampled.notes)")
        let read = try XCTUnwrap(Int(try XCTUnwrap(note.split(separator: " ").drop { $0 != "of" }.dropFirst().first)))
        let expected = Double(sampled.leadsBeforeTest * slots) / 200
        XCTAssertEqual(Double(read), expected, accuracy: 0.1 * expected, "\(note)")
        XCTAssertTrue(whole.notes.allSatisfy { !$0.contains("hash sample") })
        guard case .text(let recorded)? = sampled.card.provenance?.trainer?.settings["exportSample"] else { return XCTFail("no exportSample") }
        XCTAssertTrue(recorded.hasPrefix("\(slots)/200"), recorded)
        // Fewer rows came back than with every lead read, and the test figures still count every test lead.
        XCTAssertLessThan(sampled.rowsReceived, whole.rowsReceived - 8_000, "\(sampled.rowsReceived) vs \(whole.rowsReceived)")
        XCTAssertEqual(sampled.card.metrics?.rows, whole.card.metrics?.rows)
        let auc = try XCTUnwrap(sampled.card.metrics?.auc), wholeAUC = try XCTUnwrap(whole.card.metrics?.auc)
        XCTAssertEqual(auc, wholeAUC, accuracy: 0.01, "sampled \(auc), every lead \(wholeAUC)")
    }

    /// Column names and categories that would end a string or an identifier, or run a second statement,
    /// stay data: the card holds them byte for byte and the database is untouched.
    func testHostileColumnNamesAndCategoriesStayData() throws {
        let server = try PostgresServer(self)
        let schema = server.schema
        // (PostgreSQL keeps the first 63 bytes of a name.)
        let hostileColumn = "x\"); DROP TABLE keep; --"
        let quotedColumn = "\"" + hostileColumn.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try server.execute("CREATE TABLE \(schema).keep (id integer)")
        try server.execute("CREATE TABLE public.keep (id integer)")
        addTeardownBlock { try? server.execute("DROP TABLE public.keep") }
        try server.execute("CREATE TABLE \(schema).leads (\"select\" text, \(quotedColumn) double precision, \"it's\" boolean, converted integer)")
        let labels = ["'); DROP TABLE keep; --", "back\\slash", "O'Brien"]
        var values: [String] = []
        for row in 0..<1200 {
            let label = labels[row % 3], number = Double(row % 50), flag = row % 4 == 0
            // The outcome follows the label and the number, so the card has criteria to keep.
            let converted = (row % 3 == 0 ? row % 2 == 0 : row % 5 == 0) || number > 40 ? 1 : 0
            values.append("(\(SQLDialect.postgres.literal(label)), \(number), \(flag), \(converted))")
        }
        try server.execute("INSERT INTO \(schema).leads VALUES " + values.joined(separator: ", "))
        let result = try InDatabaseTrainer().train(try source(server, .table("\(schema).leads")), loadOptions: LoadOptions(target: "converted"))
        XCTAssertEqual(try server.execute("SELECT count(*) FROM \(schema).keep"), [["0"]])
        XCTAssertEqual(try server.execute("SELECT count(*) FROM public.keep"), [["0"]])
        let features = Set(result.card.criteria.map(\.feature))
        XCTAssertTrue(features.contains("select"), "\(features)")
        XCTAssertTrue(features.contains(hostileColumn), "\(features)")
        let categories = Set(result.card.criteria.filter { $0.feature == "select" }.flatMap { criterion in
            criterion.conditions.flatMap { condition -> [String] in
                if case .categories(let labels) = condition.match { return labels }
                return []
            }
        })
        XCTAssertTrue(categories.isSubset(of: Set(labels)) && !categories.isEmpty, "\(categories)")

        // A name no SQL name can spell (a control character) is refused by name, before any query uses it.
        try server.execute("ALTER TABLE \(schema).leads ADD COLUMN \"bad\nname\" integer")
        XCTAssertThrowsError(try InDatabaseTrainer().train(try source(server, .table("\(schema).leads")), loadOptions: LoadOptions(target: "converted"))) { error in
            guard case InDatabaseError.unsafeName(let name) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "bad\nname")
        }
        // Left out, it is never written into SQL.
        XCTAssertNoThrow(try InDatabaseTrainer().train(try source(server, .table("\(schema).leads")),
                                                      loadOptions: LoadOptions(excluded: ["bad\nname"], target: "converted")))
    }

    /// A SQLite source, a missing table, a missing outcome column, a file: each a clear error naming the
    /// source (without password) and what to do; the command exits 1 and writes no card.
    func testClearErrors() throws {
        let server = try PostgresServer(self)
        let folder = try temporaryFolder(self)
        let leads = try shippedLeads(rows: 300, in: folder)
        try server.load(table: "leads", header: leads.header, csv: leads.path)
        let options = LoadOptions(target: "converted")

        let sqlite = DatabaseSource(address: try XCTUnwrap(DatabaseAddress.parse("sqlite:" + folder.appendingPathComponent("crm.db").path)), rows: .table("leads"))
        XCTAssertThrowsError(try InDatabaseTrainer().train(sqlite, loadOptions: options)) { error in
            XCTAssertTrue("\(error)".contains("training inside the database needs PostgreSQL"), "\(error)")
        }
        XCTAssertThrowsError(try InDatabaseTrainer().train(try source(server, .table("\(server.schema).nowhere")), loadOptions: options)) { error in
            guard case InDatabaseError.database(let database) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(database.kind, .missingTable)
            XCTAssertTrue(database.description.contains("table \(server.schema).nowhere"), database.description)
        }
        XCTAssertThrowsError(try InDatabaseTrainer().train(try source(server, .table("\(server.schema).leads")), loadOptions: LoadOptions(target: "won"))) { error in
            guard case InDatabaseError.missingTarget(let column, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(column, "won")
        }

        let table = ["--table", "\(server.schema).leads", "--target", "converted", "--in-database", "--out", "card.json"]
        let fromSQLite = try runLeadScore(["train", "sqlite:crm.db"] + table, in: folder)
        XCTAssertEqual(fromSQLite.status, 1)
        XCTAssertTrue(fromSQLite.errors.contains("needs PostgreSQL"), fromSQLite.all)
        let fromFile = try runLeadScore(["train", "leads.csv", "--target", "converted", "--in-database", "--out", "card.json"], in: folder)
        XCTAssertNotEqual(fromFile.status, 0)
        XCTAssertTrue(fromFile.errors.contains("--in-database trains inside PostgreSQL"), fromFile.all)
        let missing = try runLeadScore(["train", server.url(), "--table", "\(server.schema).nowhere", "--target", "converted", "--in-database", "--out", "card.json"], in: folder)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.errors.contains("table \(server.schema).nowhere"), missing.all)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("card.json").path))

        // And it works from the command line, printing what it cost.
        let trained = try runLeadScore(["train", server.url()] + table, in: folder)
        XCTAssertEqual(trained.status, 0, trained.all)
        XCTAssertTrue(trained.output.contains("queries"), trained.output)
        XCTAssertNoThrow(try ScoreCard.load(path: folder.appendingPathComponent("card.json").path))
    }

    /// `backtest` reads a database source as it reads a CSV: the same rows give the same report.
    func testBacktestReadsADatabaseSource() throws {
        let server = try PostgresServer(self)
        let folder = try temporaryFolder(self)
        let leads = try shippedLeads(rows: 800, in: folder)
        // A creation date per lead, the same in the table and the file: day (lead_id mod 360) of 2024.
        let dayColumn = "created_at"
        try server.load(table: "leads", header: leads.header, csv: leads.path)
        let idIndex = try XCTUnwrap(leads.header.firstIndex(of: "lead_id"))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let start = formatter.date(from: "2024-01-01")!
        var lines = [(leads.header + [dayColumn]).joined(separator: ",")]
        for record in leads.records {
            let day = Int(record[idIndex])! % 360
            lines.append((record + [formatter.string(from: start.addingTimeInterval(Double(day) * 86_400))]).joined(separator: ","))
        }
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("dated.csv"), atomically: true, encoding: .utf8)
        let query = "SELECT *, DATE '2024-01-01' + (lead_id % 360) AS \(dayColumn) FROM \(server.schema).leads ORDER BY lead_id"
        let flags = ["--target", "converted", "--time", dayColumn, "--exclude", "lead_id", "--every", "quarter", "--json"]
        let fromDatabase = try runLeadScore(["backtest", server.url(), "--query", query] + flags, in: folder)
        let fromFile = try runLeadScore(["backtest", "dated.csv"] + flags, in: folder)
        XCTAssertEqual(fromDatabase.status, 0, fromDatabase.all)
        XCTAssertEqual(fromFile.status, 0, fromFile.all)
        XCTAssertTrue(fromDatabase.output.contains("\"periods\""), fromDatabase.output)
        // The same periods, cards and figures; only the data's name differs (the address and query, no password).
        let dataLine = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("  \"data\" : ") } }
        XCTAssertEqual(dataLine(fromDatabase.output), dataLine(fromFile.output))
        XCTAssertTrue(fromDatabase.output.contains("\"data\" : \"\(server.url()), query"), fromDatabase.output)
        XCTAssertTrue(fromFile.output.contains("\"data\" : \"dated.csv\""), fromFile.output)
    }
}
