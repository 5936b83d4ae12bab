import CardTraining
import DatabaseScoring
import Foundation
import LeadData
import LeadDatabase
import RuleScoring
import ScoreCardFormat
import XCTest

/// PostgreSQL as a source and a sink, on the server `bin/with-postgres` starts, against the CSV path on the
/// same rows of the shipped leads.
final class PostgresSourceTests: XCTestCase {
    private func leadsServer(rows: Int) throws -> (server: PostgresServer, folder: URL, csv: String) {
        let server = try PostgresServer(self)
        let folder = try temporaryFolder(self)
        let leads = try shippedLeads(rows: rows, in: folder)
        try server.load(table: "leads", header: leads.header, csv: leads.path)
        return (server, folder, leads.path)
    }

    private func source(_ server: PostgresServer, _ rows: RowSelection, query: String = "") throws -> DatabaseSource {
        DatabaseSource(address: try XCTUnwrap(DatabaseAddress.parse(server.url(query: query))), rows: rows)
    }

    func testCardTrainedFromTableEqualsCardTrainedFromCSV() throws {
        let (server, _, csv) = try leadsServer(rows: 3000)
        let options = LoadOptions(target: "converted")
        let trainer = CardTrainer(options: TrainingOptions(seed: 7))
        let fromCSV = try trainer.train(csv: csv, loadOptions: options).card
        // A table has no row order (COPY may place rows out of file order), and a card depends on it through
        // the split: ORDER BY gives the file's order, as a user wanting a reproducible card would.
        let leads = try source(server, .query("SELECT * FROM \(server.schema).leads ORDER BY lead_id"))
        let fromTable = try trainer.train(loaded: try leads.load(options: options), source: leads.description, name: "leads", loadOptions: options).card
        XCTAssertTrue(fromTable.provenance?.data?.file?.hasPrefix("\(server.url()), query \"SELECT * FROM \(server.schema).leads ORDER BY") == true)
        XCTAssertEqual(try withoutDataAndTime(fromTable), try withoutDataAndTime(fromCSV))
    }

    func testScoresWrittenToTableEqualScoresOfTheCSV() throws {
        let (server, folder, csv) = try leadsServer(rows: 300)
        let scorer = try RuleScorer(path: repositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
        let scoredPath = folder.appendingPathComponent("scored.csv").path
        _ = try scorer.scoreCSV(input: csv, output: scoredPath, explain: 3)
        let expected = try scoredCSV(scoredPath)
        let table = ScoreTable(address: try XCTUnwrap(DatabaseAddress.parse(server.url())), table: "\(server.schema).scores")
        for run in 1...2 {  // the second run updates every row in place
            let report = try scorer.score(try source(server, .query("SELECT * FROM \(server.schema).leads ORDER BY lead_id")), into: table,
                                          idColumn: "lead_id", reasons: 3)
            XCTAssertEqual(report.rows, 300)
            let rows = try server.execute("SELECT lead_id, points, tier, probability, reasons, card_name FROM \(server.schema).scores")
            XCTAssertEqual(rows.count, 300, "run \(run)")
            for row in rows {
                let want = try XCTUnwrap(expected[row[0]!])
                XCTAssertEqual(Int(row[1]!), Int(want[0]))
                XCTAssertEqual(row[2], want[1])
                // The file writes the probability to 4 decimals (a display format); the table keeps the double.
                XCTAssertEqual(RuleScorer.probabilityText(try XCTUnwrap(Double(row[3]!))), want[2])
                XCTAssertEqual(row[4], want[3])
                XCTAssertEqual(row[5], scorer.card.name)
            }
        }
    }

    func testBatchesAndRepeatedLeadIdsUpsertAsOneRowAtATime() throws {
        let server = try PostgresServer(self)
        let folder = try temporaryFolder(self)
        let leads = try shippedLeads(rows: 2500, in: folder)
        // Lead 5 again at the end of the first batch of 1,000, as a director; lead 7 again in the last batch.
        var lines = try String(contentsOfFile: leads.path, encoding: .utf8).split(separator: "\n").map(String.init)
        func again(_ row: Int, jobLevel: String) -> String {
            var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[2] = jobLevel
            return fields.joined(separator: ",")
        }
        lines.insert(again(5, jobLevel: "director"), at: 999)
        lines.append(again(7, jobLevel: "vp"))
        let input = folder.appendingPathComponent("repeated.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let scorer = try RuleScorer(path: repositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
        let scoredPath = folder.appendingPathComponent("scored.csv").path
        _ = try scorer.scoreCSV(input: input, output: scoredPath, explain: 3)
        let expected = try scoredCSV(scoredPath)  // a later row of a lead id replaces an earlier one
        let table = ScoreTable(address: try XCTUnwrap(DatabaseAddress.parse(server.url())), table: "\(server.schema).scores")
        XCTAssertEqual(try scorer.score(csv: input, into: table, idColumn: "lead_id", reasons: 3).rows, 2502)
        let rows = try server.execute("SELECT lead_id, points, tier, reasons FROM \(server.schema).scores")
        XCTAssertEqual(rows.count, 2500)
        for row in rows {
            let want = try XCTUnwrap(expected[row[0]!])
            XCTAssertEqual([row[1], row[2], row[3]], [want[0], want[1], want[3]], "lead \(row[0]!)")
        }
        // The repeats score differently from the first rows (manager → director, individual → vp), so the
        // table holds the later rows' scores, not the first ones'.
        let scoredLines = try String(contentsOfFile: scoredPath, encoding: .utf8).split(separator: "\n")
        for id in ["5", "7"] {
            let points = scoredLines.filter { $0.hasPrefix(id + ",") }.map { $0.split(separator: ",", omittingEmptySubsequences: false)[18] }
            XCTAssertEqual(points.count, 2)
            XCTAssertNotEqual(points.first, points.last)
            XCTAssertEqual(rows.first { $0[0] == id }?[1], points.last.map(String.init))
        }
    }

    func testBadSourcesSayWhatIsWrong() throws {
        let (server, _, _) = try leadsServer(rows: 50)
        let options = LoadOptions(target: "converted")
        func failure(_ rows: RowSelection, url: String? = nil) throws -> DatabaseError {
            do {
                let address = try XCTUnwrap(DatabaseAddress.parse(url ?? server.url()))
                _ = try DatabaseSource(address: address, rows: rows).load(options: options)
            } catch let error as DatabaseError {
                return error
            }
            throw TestFailure("no error for \(rows)")
        }
        let leads = "\(server.schema).leads"
        let unreachable = try failure(.table(leads), url: "postgresql://postgres@127.0.0.1:1/nowhere")
        XCTAssertEqual(unreachable.kind, .unreachable)
        XCTAssertTrue(unreachable.description.hasPrefix("postgresql://postgres@127.0.0.1:1/nowhere, table \(leads): cannot connect"), unreachable.description)
        let missingTable = try failure(.table("\(server.schema).lead"))
        XCTAssertEqual(missingTable.kind, .missingTable)
        XCTAssertTrue(missingTable.description.contains("relation \"\(server.schema).lead\" does not exist"), missingTable.description)
        XCTAssertEqual(try failure(.query("SELECT lead_idd FROM \(leads)")).kind, .missingColumn)
        let failing = try failure(.query("SELECT converted, 1 / (lead_id - lead_id) AS x FROM \(leads)"))
        XCTAssertEqual(failing.kind, .queryFailed)
        XCTAssertTrue(failing.description.contains("division by zero"), failing.description)
        let unusable = try failure(.query("SELECT converted, interval '1 day' AS waited FROM \(leads)"))
        XCTAssertEqual(unusable.kind, .unusableType)
        XCTAssertTrue(unusable.description.contains("\"waited\" is of type interval"), unusable.description)
        // Only one statement, and nothing written: the query runs in a read-only transaction.
        XCTAssertEqual(try failure(.query("SELECT 1; DROP TABLE \(leads)")).kind, .queryFailed)
        try server.execute("CREATE SEQUENCE \(server.schema).counter")
        XCTAssertEqual(try failure(.query("SELECT nextval('\(server.schema).counter') AS n, converted FROM \(leads)")).kind, .readOnly)
        XCTAssertEqual(try server.execute("SELECT count(*) FROM \(leads)").first?.first, "50")
        // An excluded column of an unusable type is no obstacle.
        var excluding = options
        excluding.excluded = ["waited"]
        let address = try XCTUnwrap(DatabaseAddress.parse(server.url()))
        XCTAssertEqual(try DatabaseSource(address: address, rows: .query("SELECT *, interval '1 day' AS waited FROM \(leads)")).load(options: excluding).rowCount, 50)
    }

    func testConnectionLostWhileStreaming() throws {
        let server = try PostgresServer(self)
        let source = try self.source(server, .query("SELECT pg_backend_pid() AS pid, g FROM generate_series(1, 20000) AS g"))
        let rows = try source.records()
        XCTAssertTrue(try rows.nextRecord())
        let pid = String(decoding: rows.field(0), as: UTF8.self)
        try server.execute("SELECT pg_terminate_backend(\(pid))")
        XCTAssertThrowsError(try { while try rows.nextRecord() {} }()) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .connectionLost, "\(error)")
            XCTAssertTrue("\(error)".contains("run the command again"), "\(error)")
        }
    }

    func testFailedOrRefusedWritesLeaveNothingBehind() throws {
        let (server, folder, csv) = try leadsServer(rows: 30)
        let scorer = try RuleScorer(path: repositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
        var lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[15] = "," + lines[15].split(separator: ",", maxSplits: 1)[1]
        let broken = folder.appendingPathComponent("broken.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: broken, atomically: true, encoding: .utf8)
        let address = try XCTUnwrap(DatabaseAddress.parse(server.url()))
        XCTAssertThrowsError(try scorer.score(csv: broken, into: ScoreTable(address: address, table: "\(server.schema).scores"), idColumn: "lead_id"))
        XCTAssertEqual(try server.execute("SELECT count(*) FROM pg_tables WHERE schemaname = '\(server.schema)' AND tablename = 'scores'").first?.first, "0")

        XCTAssertThrowsError(try scorer.score(csv: csv, into: ScoreTable(address: address, table: "\(server.schema).leads"), idColumn: "lead_id")) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .wrongShape, "\(error)")
        }
        let readOnly = try XCTUnwrap(DatabaseAddress.parse(server.url(query: "?options=-c%20default_transaction_read_only%3Don")))
        XCTAssertThrowsError(try scorer.score(csv: csv, into: ScoreTable(address: readOnly, table: "\(server.schema).scores"), idColumn: "lead_id")) { error in
            XCTAssertEqual((error as? DatabaseError)?.kind, .readOnly, "\(error)")
            XCTAssertTrue("\(error)".contains("accepts no writes"), "\(error)")
        }
    }
}

/// Column types come from the database: what a CSV loader would guess from the values does not matter.
final class DeclaredTypeTests: XCTestCase {
    func testPostgresTypesDecideRolesAndNullIsMissing() throws {
        let server = try PostgresServer(self)
        let s = server.schema
        try server.execute("""
            CREATE TYPE \(s).stage AS ENUM ('new', 'qualified');
            CREATE TABLE \(s).typed (code TEXT, amount NUMERIC(10,2), seen TIMESTAMPTZ, day DATE, stage \(s).stage, opted BOOLEAN, won BOOLEAN);
            INSERT INTO \(s).typed VALUES
              ('1', 10.50, '2024-03-01 12:00:00+02', '2024-03-01', 'new', true, true),
              ('2', NULL, NULL, NULL, NULL, NULL, false),
              ('1', 3, '2024-03-02 00:00:00+00', '2024-03-02', 'qualified', false, true)
            """)
        let address = try XCTUnwrap(DatabaseAddress.parse(server.url()))
        let leads = try DatabaseSource(address: address, rows: .query("SELECT * FROM \(s).typed ORDER BY seen NULLS LAST"))
            .load(options: LoadOptions(target: "won", inferenceRows: 2))
        XCTAssertEqual(leads.columns.map(\.role), [.categorical, .numeric, .date, .date, .categorical, .boolean])
        XCTAssertEqual(leads.labels, [1, 1, 0])
        guard case .numeric(let amounts) = leads.column(named: "amount")?.values, case .date(let seen) = leads.column(named: "seen")?.values,
              case .boolean(let opted) = leads.column(named: "opted")?.values else { return XCTFail("types") }
        XCTAssertEqual(amounts[0], 10.5)
        XCTAssertEqual(amounts[1], 3)
        XCTAssertTrue(amounts[2].isNaN)
        XCTAssertEqual(seen[0], 1_709_287_200)  // 2024-03-01T10:00:00Z: the +02 offset applied
        XCTAssertTrue(seen[2].isNaN)
        XCTAssertEqual(opted[0], 1)
        XCTAssertEqual(opted[1], 0)
        XCTAssertTrue(opted[2].isNaN)
        XCTAssertEqual(leads.column(named: "stage")?.missingCount, 1)
    }

    func testSQLiteDeclaredTypesDecideRoles() throws {
        let folder = try temporaryFolder(self)
        let path = folder.appendingPathComponent("typed.db").path
        let file = try SQLiteFile(path)
        try file.execute("""
            CREATE TABLE typed (code VARCHAR(8), flag BOOLEAN, visits INTEGER, signed DATETIME, converted INTEGER);
            INSERT INTO typed VALUES ('7', 1, 3, '2024-03-01T08:00:00Z', 1), ('8', 0, NULL, NULL, 0), ('7', NULL, 5, '2024-03-02', 1);
            """)
        let address = try XCTUnwrap(DatabaseAddress.parse("sqlite:" + path))
        let leads = try DatabaseSource(address: address, rows: .query("SELECT *, visits * 2 AS doubled FROM typed")).load(options: LoadOptions(target: "converted"))
        // VARCHAR stays text although its values are numbers; an expression without a type is read as a CSV column is.
        XCTAssertEqual(leads.columns.map(\.role), [.categorical, .boolean, .numeric, .date, .numeric])
        XCTAssertEqual(leads.columns.map(\.missingCount), [0, 1, 1, 1, 1])
    }
}
