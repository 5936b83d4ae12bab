import Foundation
import XCTest

/// Every command that reads leads takes a database in place of the CSV, and `score` writes to one.
final class DatabaseCommandTests: XCTestCase {
    func testEveryCommandReadsASQLiteTable() throws {
        let folder = try temporaryFolder(self)
        let leads = try shippedLeads(rows: 600, in: folder)
        try SQLiteFile(folder.appendingPathComponent("crm.db").path).load(table: "leads", header: leads.header, records: leads.records)
        let table = ["sqlite:crm.db", "--table", "leads"]
        func run(_ arguments: [String]) throws -> CommandResult {
            let result = try runLeadScore(arguments, in: folder)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.errors)")
            return result
        }
        XCTAssertTrue(try run(["inspect"] + table + ["--target", "converted"]).output.hasPrefix("sqlite:crm.db, table leads: 600 rows"))
        XCTAssertTrue(try run(["train"] + table + ["--target", "converted", "--out", "card.json", "--seed", "3"]).output.contains("card.json"))
        _ = try run(["train", "leads.csv", "--target", "converted", "--out", "csv-card.json", "--seed", "3"])
        let scored = try run(["score", "card.json"] + table + ["--out", "sqlite:scores.db", "--out-table", "scores"])
        XCTAssertTrue(scored.output.hasPrefix("scored 600 leads from sqlite:crm.db with \"leads · boosted stumps\" → sqlite:scores.db, table scores"), scored.output)
        XCTAssertEqual(try SQLiteFile(folder.appendingPathComponent("scores.db").path).rows("SELECT count(*) FROM scores").first?.first, "600")
        let toCSV = try run(["score", "card.json", "sqlite:crm.db", "--query", "SELECT * FROM leads WHERE lead_id <= 10", "--out", "ten.csv"])
        XCTAssertTrue(toCSV.output.hasPrefix("scored 10 leads"), toCSV.output)
        let evaluated = try run(["evaluate", "card.json"] + table)
        XCTAssertTrue(evaluated.all.contains("the card was trained on sqlite:crm.db, table leads"), evaluated.all)
        _ = try run(["compare", "card.json", "csv-card.json"] + table)
        _ = try run(["report", "card.json"] + table + ["--out", "report.html"])
        _ = try run(["recalibrate", "card.json", "sqlite:crm.db", "--query", "SELECT * FROM leads WHERE lead_id > 300", "--target", "converted", "--out", "recalibrated.json"])
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("recalibrated.json"), encoding: .utf8).contains(#""file": "sqlite:crm.db, query \"SELECT * FROM leads WHERE lead_id > 300\"""#))
        XCTAssertTrue(try run(["monitor", "card.json"] + table).output.contains("PSI"))
        _ = try run(["diff", "card.json", "csv-card.json"] + table)
        // A card from the table is the card from the CSV of the same rows.
        let fromTable = try String(contentsOf: folder.appendingPathComponent("card.json"), encoding: .utf8)
        let fromCSV = try String(contentsOf: folder.appendingPathComponent("csv-card.json"), encoding: .utf8)
        XCTAssertEqual(fromTable.components(separatedBy: "\"provenance\"")[0], fromCSV.components(separatedBy: "\"provenance\"")[0])
    }

    func testDatabaseOptionsAreCheckedBeforeAnyWork() throws {
        let folder = try temporaryFolder(self)
        let noTable = try runLeadScore(["inspect", "sqlite:crm.db"], in: folder)
        XCTAssertEqual(noTable.status, 1)
        XCTAssertTrue(noTable.errors.contains("sqlite:crm.db is a database: say what to read with --table NAME or --query 'SELECT …'"), noTable.errors)
        let tableOfAFile = try runLeadScore(["inspect", "leads.csv", "--table", "leads"], in: folder)
        XCTAssertTrue(tableOfAFile.errors.contains("--table and --query read a database, but leads.csv is a file"), tableOfAFile.errors)
        let noOutTable = try runLeadScore(["score", "card.json", "leads.csv", "--out", "sqlite:scores.db"], in: folder)
        XCTAssertTrue(noOutTable.errors.contains("name the table for the scores with --out-table"), noOutTable.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("scores.db").path))
        let testFromDatabase = try runLeadScore(["train", "leads.csv", "--target", "converted", "--test-data", "sqlite:crm.db", "--out", "card.json"], in: folder)
        XCTAssertTrue(testFromDatabase.errors.contains("--test-data takes a CSV file"), testFromDatabase.errors)
    }
}
