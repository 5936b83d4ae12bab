import Foundation
import LeadCSV
import RuleScoring
import ScoreCardFormat
import XCTest

/// The exported SQL, run by a real SQLite, gives every row the rule scorer's points, tier and probability.
final class SQLExportTests: XCTestCase {
    func testShippedDataSetsScoreTheSameInSQLite() throws {
        for (cardPath, dataPath) in DataSetAgreementTests.cases {
            let compared = try compareWithSQLite(card: try ScoreCard.load(path: repositoryPath(cardPath)), data: repositoryPath(dataPath))
            XCTAssertGreaterThan(compared, 10_000, dataPath)
        }
    }

    func testTrickyValuesScoreTheSameInSQLite() throws {
        let folder = try temporaryFolder(self)
        let visits = ["5", " 2 ", "\t3\t", "abc", "", "NA", "1e2", ".5", "3.", "+3", "-0", "1e", "inf", "0x10", "3.0000001", "9.83E-05", "1,5", "NaN",
                      "2,5", "3,0000001", ",5", "1.5,2"]
        let demos = ["yes", "YES", "1.0", "0", "maybe", "", "NA", "n", " True", "2", "+1"]
        let levels = ["vp", "VP", " vp", "student", "", "NA", "manager", "c_level", "it's"]
        let sizes = ["100", "99.999", "1e2", "", "NA", "x", "250"]
        var lines = ["visits,demo,level,size"]
        for index in 0..<(visits.count * demos.count) {
            let fields = [visits[index % visits.count], demos[index / visits.count], levels[index % levels.count], sizes[index % sizes.count]]
            lines.append(fields.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: ","))
        }
        let data = folder.appendingPathComponent("tricky.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        XCTAssertEqual(try compareWithSQLite(card: handScorerCard(), data: data), visits.count * demos.count)
        var comma = try handScorerCard()
        comma.decimalSeparator = ","
        XCTAssertEqual(try compareWithSQLite(card: comma, data: data), visits.count * demos.count)
        let reference = ReferenceScorer(card: comma)
        let scorer = try RuleScorer(card: comma)
        for value in visits {
            XCTAssertEqual(scorer.score(["visits": value]).points, reference.score(["visits": value]).total, value)
        }
    }

    func testNullCellsAndTypedColumnsScoreAsTheCardSays() throws {
        let folder = try temporaryFolder(self)
        let sqlite = try SQLite(database: folder.appendingPathComponent("typed.db").path)
        // Typed columns: numbers stored as REAL and INTEGER, NULL for missing.
        try sqlite.run("""
            CREATE TABLE leads (visits REAL, demo INTEGER, level TEXT, size INTEGER);
            INSERT INTO leads VALUES (5.0, 1, 'vp', 250), (NULL, NULL, NULL, NULL), (2.0, 0, 'student', 99), (3.0, 1, 'manager', 100);
            """)
        let output = folder.appendingPathComponent("out.csv").path
        try sqlite.query(try CardSQL(card: try handScorerCard(), dialect: .sqlite).query(table: "leads"), into: output)
        var reader = try CSVReader(path: output)
        var points: [String] = []
        while try reader.nextRecord() { points.append(reader.string(reader.header.firstIndex(of: "points")!)) }
        // By hand: 45 (see HandComputedTests); all missing → base 5; 5 + 10 − 5 = 10; 5 + 20 (capped) + 0 + 5 = 30.
        XCTAssertEqual(points, ["45", "5", "10", "30"])
    }

    func testQueryShapeAndQuoting() throws {
        var card = try handScorerCard()
        card.criteria[2].feature = "job \"level\""
        card.criteria[2].conditions[1].match = .categories(["it's"])
        let sql = try CardSQL(card: card, dialect: .postgres).query(table: "analytics.leads")
        XCTAssertTrue(sql.hasPrefix("SELECT scored.*,\n"), sql)
        XCTAssertTrue(sql.contains(#"FROM "analytics"."leads""#), sql)
        XCTAssertTrue(sql.contains(#"CAST(lead."job ""level""" AS TEXT)"#), sql)
        XCTAssertTrue(sql.contains("IN ('it''s')"), sql)
        XCTAssertTrue(sql.contains("AS DOUBLE PRECISION"), sql)
        XCTAssertTrue(sql.contains("LEAST(GREATEST("), sql)
        XCTAssertTrue(sql.contains("CASE WHEN scored.points >= 30 THEN 'hot' WHEN scored.points >= 15 THEN 'warm' ELSE 'cold' END AS tier"), sql)
        XCTAssertTrue(sql.contains("CASE scored.points WHEN 0 THEN 0.0 WHEN 5 THEN 0.05"), sql)
        let ansi = try CardSQL(card: card, dialect: .ansi).query(table: "leads")
        XCTAssertTrue(ansi.contains("SIMILAR TO '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?'"), ansi)
        XCTAssertTrue(ansi.contains("CAST(lead.\"visits\" AS VARCHAR(4000))"), ansi)
    }

    func testWithoutTiersOrCalibrationTheColumnsAreNull() throws {
        var card = try handScorerCard()
        card.tiers = []
        card.calibration = nil
        let sql = try CardSQL(card: card, dialect: .sqlite).query(table: "leads")
        XCTAssertTrue(sql.contains("NULL AS tier"), sql)
        XCTAssertTrue(sql.contains("NULL AS probability"), sql)
    }

    /// Loads `data` into SQLite, runs the card's query and checks each row against the rule scorer;
    /// returns the number of rows compared.
    private func compareWithSQLite(card: ScoreCard, data: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let folder = try temporaryFolder(self)
        let sqlite = try SQLite(database: folder.appendingPathComponent("leads.db").path)
        try sqlite.importCSV(data, table: "leads")
        let output = folder.appendingPathComponent("scored.csv").path
        try sqlite.query(try CardSQL(card: card, dialect: .sqlite).query(table: "leads"), into: output)

        let scorer = try RuleScorer(card: card)
        var input = try CSVReader(path: data)
        var scored = try CSVReader(path: output)
        let rows = scorer.rowScorer(header: input.header)
        let column = { (name: String) in scored.header.firstIndex(of: name)! }
        let (points, tier, probability) = (column("points"), column("tier"), column("probability"))
        var count = 0
        while try input.nextRecord() {
            XCTAssertTrue(try scored.nextRecord(), "SQLite returned fewer rows", file: file, line: line)
            let lead = rows.score(input.record)
            let place = "\(data) row \(count + 1): \(input.record)"
            XCTAssertEqual(scored.string(points), String(lead.points), place, file: file, line: line)
            XCTAssertEqual(scored.string(tier), lead.tier?.name ?? "", place, file: file, line: line)
            if let expected = lead.probability {
                XCTAssertEqual(Double(scored.string(probability)) ?? -1, expected, accuracy: 1e-12, place, file: file, line: line)
            } else {
                XCTAssertEqual(scored.string(probability), "", place, file: file, line: line)
            }
            count += 1
        }
        XCTAssertFalse(try scored.nextRecord(), "SQLite returned more rows", file: file, line: line)
        return count
    }
}
