import Foundation
import RuleScoring
import ScoreCardFormat
import XCTest

/// Issue 15 item 7: text from a card or a table name never reaches the exported SQL raw. Hostile names and
/// values — every control byte, quotes, backslashes, comment markers, psql and sqlite3 commands, Unicode —
/// are executed in real sqlite3 and PostgreSQL: the sentinel table survives, no shell command runs, the
/// engines store exactly the bytes given, and every row scores as the Swift scorer says.
final class HostileTextSQLTests: XCTestCase {
    static let controlBytes: [UInt8] = Array(0x00...0x1F) + [0x7F]

    /// A path that `.shell touch` (sqlite3) or `\! touch` (psql) would create if an injected command ran.
    private func marker() throws -> String {
        try temporaryFolder(self).appendingPathComponent("injected").path
    }

    /// Text a card may hold (no control characters) that would break naive quoting or run a command.
    private func printableHostile(_ marker: String) -> [String] {
        ["it's", "''", "\"", "\"\"", "\\", "\\'", "\\\\'", "--", "/*", "*/", "/* open", "-- x", "'; DROP TABLE sentinel; --",
         "'); DROP TABLE sentinel; --", "\\'); DROP TABLE sentinel; --", "\"); DROP TABLE sentinel; --", ".shell touch \(marker)",
         "\\! touch \(marker)", "$$", "$x$; DROP TABLE sentinel; $x$", "%", "_", "[a-z]*", "café", "日本語", "🙂",
         "\u{202E}evil", "a\u{2028}b", "\u{FEFF}bom", "E'\\x41'", "U&'\\0041'"]
    }

    /// Every control byte, alone, inside text and before a payload that closes the literal or starts a
    /// line with a client command.
    private func controlHostile(_ marker: String, includeNUL: Bool) -> [String] {
        var values: [String] = []
        for byte in Self.controlBytes where includeNUL || byte != 0 {
            let c = String(UnicodeScalar(byte))
            values += ["a\(c)b", "x\(c)'); DROP TABLE sentinel; --", "\(c)\n.shell touch \(marker)\n", "y\(c)\n\\! touch \(marker)\n", "\(c)"]
        }
        var seen = Set<[UInt8]>()
        return values.filter { seen.insert(Array($0.utf8)).inserted }
    }

    // MARK: - A valid card full of hostile (printable) text, against the Swift scorer

    private func printableCard(_ marker: String) throws -> ScoreCard {
        let categories = printableHostile(marker)
        var conditions = categories.enumerated().map { Condition(.categories([$1]), points: 1 + $0 % 9, label: "label \($1)") }
        conditions.append(Condition(.missing, points: 0, label: "missing -- '/*"))
        conditions.append(Condition(.otherwise, points: 2, label: "other \\ \"'"))
        let card = ScoreCard(
            name: "hostile", missingValues: ["", "n/a'; --", "\\N"], basePoints: 0, maximumPoints: 40,
            criteria: [
                Criterion(feature: "le\"vel'; DROP TABLE sentinel; --", label: "level's", type: .categorical, conditions: conditions),
                Criterion(feature: "vi\\sits /* x */ -- y", label: "visits", type: .numeric, conditions: [
                    Condition(.range(NumericRange(greaterThan: nil, atMost: 0)), points: 0, label: "none"),
                    Condition(.range(NumericRange(greaterThan: 0, atMost: nil)), points: 5, label: "some"),
                    Condition(.missing, points: 1, label: "unknown")]),
                Criterion(feature: "café ☕ .shell touch \(marker)", label: "demo", type: .boolean, conditions: [
                    Condition(.value(true), points: 7, label: "yes"), Condition(.otherwise, points: 0, label: "no")]),
            ],
            tiers: [Tier(name: "hot'; DROP TABLE sentinel; --", minimumPoints: 12), Tier(name: "warm \\ /* */ $$", minimumPoints: 6),
                    Tier(name: "cold ❄ -- \"", minimumPoints: 0)])
        try card.validate()
        return card
    }

    private func printableRows(_ card: ScoreCard, _ marker: String) -> [[String?]] {
        let categories = printableHostile(marker)
        let visits = ["5", " 0 ", "abc", "", "n/a'; --", "\\N", "-2", "1e1"]
        let demos = ["yes", "no", "1", "\\", "'"]
        var rows = categories.enumerated().map { index, value -> [String?] in [value, visits[index % visits.count], demos[index % demos.count]] }
        rows += [[" it's\t", "3", "y"], ["unlisted", nil, nil], [nil, "7", "TRUE"], ["n/a'; --", "x", "0"], ["IT'S", "2", "n"]]
        return rows
    }

    private func checkPrintableCard(engine: SQLEngine, table: String) throws {
        let marker = try marker()
        let card = try printableCard(marker)
        let rows = printableRows(card, marker)
        let run = try EngineRun(engine: engine, card: card, table: table, columns: card.criteria.map(\.feature), rows: rows)
        let scorer = try RuleScorer(card: card)
        XCTAssertTrue(run.sentinelIntact, "\(engine.dialect): an injected DROP TABLE ran")
        XCTAssertEqual(run.queryErrors, "", "\(engine.dialect): the query as printed failed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "\(engine.dialect): an injected shell command ran")
        XCTAssertEqual(run.points.count, rows.count)
        for (index, row) in rows.enumerated() where index < run.points.count {
            XCTAssertEqual(run.stored[index], row.map { $0.map { Array($0.utf8) } }, "\(engine.dialect) row \(index) stored other bytes")
            var lead: [String: String] = [:]
            for (feature, value) in zip(card.criteria.map(\.feature), row) { lead[feature] = value }
            let expected = scorer.score(lead)
            XCTAssertEqual(run.points[index], expected.points, "\(engine.dialect) row \(index): \(row)")
            XCTAssertEqual(run.tiers[index], expected.tier.map { Array($0.name.utf8) }, "\(engine.dialect) row \(index): \(row)")
        }
    }

    func testHostileNamesAndValuesRunNoInjectedStatementInSQLite() throws {
        let folder = try temporaryFolder(self)
        for table in ["le\"ads'; DROP TABLE sentinel; --", "le\\ads /* -- */ ☕"] {
            let sqlite = try SQLite(database: folder.appendingPathComponent("\(UUID().uuidString).db").path)
            try checkPrintableCard(engine: sqlite, table: table)
        }
    }

    func testHostileNamesAndValuesRunNoInjectedStatementInPostgreSQL() throws {
        for table in ["le\"ads'; DROP TABLE sentinel; --", "le\\ads /* -- */ ☕"] {
            try withPostgreSQL { try checkPrintableCard(engine: $0, table: table) }
        }
    }

    func testHostileNamesAndValuesRunNoInjectedStatementInDuckDB() throws {
        let folder = try temporaryFolder(self)
        for table in ["le\"ads'; DROP TABLE sentinel; --", "le\\ads /* -- */ ☕"] {
            try checkPrintableCard(engine: try DuckDB(database: folder.appendingPathComponent("\(UUID().uuidString).duckdb").path), table: table)
        }
    }

    // MARK: - Control characters in values (a card in memory: validation refuses them in a card file)

    private func controlCard(_ marker: String, includeNUL: Bool) -> ScoreCard {
        let categories = controlHostile(marker, includeNUL: includeNUL)
        var conditions = categories.enumerated().map { Condition(.categories([$1]), points: 1 + $0 % 9, label: "l\($0)") }
        conditions.append(Condition(.missing, points: 0, label: "missing"))
        conditions.append(Condition(.otherwise, points: 10, label: "other"))
        let nul = includeNUL ? "\u{0}" : ""
        return ScoreCard(
            name: "control", missingValues: ["", "NA\u{7F}", "N\(nul)A\n.shell touch \(marker)\n"], maximumPoints: 20,
            criteria: [Criterion(feature: "level", label: "level", type: .categorical, conditions: conditions)],
            tiers: [Tier(name: "hot\(nul)'); DROP TABLE sentinel; --", minimumPoints: 7), Tier(name: "warm\n\\! touch \(marker)\n", minimumPoints: 4),
                    Tier(name: "cold\u{1B}[31m\r", minimumPoints: 0)])
    }

    private func checkControlCharacters(engine: SQLEngine, includeNUL: Bool) throws {
        let marker = try marker()
        let card = controlCard(marker, includeNUL: includeNUL)
        let sql = try CardSQL(card: card, dialect: engine.dialect).query(table: "leads")
        let raw = sql.utf8.filter { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }
        XCTAssertEqual(raw, [], "\(engine.dialect): a control character other than the query's own line breaks is raw in the SQL")
        let values = controlHostile(marker, includeNUL: includeNUL)
        var rows = values.map { [$0] as [String?] } + values.map { [" \($0)\t"] as [String?] }
        rows += [["NA\u{7F}"], ["N\(includeNUL ? "\u{0}" : "")A\n.shell touch \(marker)\n"], ["unlisted"], [nil], ["a\u{1}"]]
        let run = try EngineRun(engine: engine, card: card, table: "leads", columns: ["level"], rows: rows)
        XCTAssertTrue(run.sentinelIntact, "\(engine.dialect): an injected DROP TABLE ran")
        XCTAssertEqual(run.queryErrors, "", "\(engine.dialect): the query as printed failed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "\(engine.dialect): an injected shell command ran")
        XCTAssertEqual(run.points.count, rows.count)
        let reference = ReferenceScorer(card: card)
        for (index, row) in rows.enumerated() where index < run.points.count {
            XCTAssertEqual(run.stored[index], row.map { $0.map { Array($0.utf8) } }, "\(engine.dialect) row \(index) stored other bytes")
            let total = reference.score(row[0].map { ["level": $0] } ?? [:]).total
            XCTAssertEqual(run.points[index], total, "\(engine.dialect) row \(index): \(Array((row[0] ?? "").utf8))")
            XCTAssertEqual(run.tiers[index], tierName(card, total: total).map { Array($0.utf8) }, "\(engine.dialect) row \(index)")
        }
    }

    func testEveryControlCharacterInValuesIsSpelledNotRawInSQLite() throws {
        let sqlite = try SQLite(database: try temporaryFolder(self).appendingPathComponent("control.db").path)
        try checkControlCharacters(engine: sqlite, includeNUL: true)
    }

    func testEveryControlCharacterInValuesIsSpelledNotRawInDuckDB() throws {
        try checkControlCharacters(engine: try DuckDB(database: try temporaryFolder(self).appendingPathComponent("control.duckdb").path), includeNUL: true)
    }

    func testEveryControlCharacterInValuesIsSpelledNotRawInPostgreSQL() throws {
        try withPostgreSQL { try checkControlCharacters(engine: $0, includeNUL: false) }
    }

    /// PostgreSQL text cannot hold NUL: a value holding one makes the query fail (`E'\x00'`), never mismatch.
    func testNULInAValueMakesThePostgreSQLQueryFailWithoutRunningThePayload() throws {
        let marker = try marker()
        let card = controlCard(marker, includeNUL: true)
        try withPostgreSQL { postgres in
            try postgres.run("CREATE TABLE sentinel (x INTEGER); INSERT INTO sentinel VALUES (1); CREATE TABLE leads (level TEXT);")
            let query = try CardSQL(card: card, dialect: .postgres).query(table: "leads")
            XCTAssertThrowsError(try postgres.run(query)) { error in
                XCTAssertTrue("\(error)".contains("invalid byte sequence for encoding \"UTF8\": 0x00"), "\(error)")
            }
            XCTAssertEqual(try postgres.run("SELECT COUNT(*) FROM sentinel;").trimmingCharacters(in: .whitespacesAndNewlines), "1")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
    }

    // MARK: - Names no SQL can spell are refused

    func testFeatureAndTableNamesWithControlCharactersAreRefused() throws {
        let card = try handScorerCard()
        for byte in Self.controlBytes {
            let c = String(UnicodeScalar(byte))
            let code = String(format: "U+%04X", Int(byte))
            for dialect in SQLDialect.allCases {
                var hostile = card
                hostile.criteria[2].feature = "level\(c)\n.shell touch x"
                XCTAssertThrowsError(try CardSQL(card: hostile, dialect: dialect).query(table: "leads")) { error in
                    let error = error as? SQLExportError
                    XCTAssertEqual(error?.location.hasPrefix("criteria[2] \"level"), true, "\(String(describing: error))")
                    XCTAssertEqual(error?.location.hasSuffix(".feature"), true, "\(String(describing: error))")
                    XCTAssertEqual(error?.message.contains(code), true, "\(String(describing: error))")
                    XCTAssertEqual(error.map { "\($0)" }?.utf8.contains { $0 < 0x20 || $0 == 0x7F }, false, "the message itself holds the control character")
                }
                XCTAssertThrowsError(try CardSQL(card: card, dialect: dialect).query(table: "le\(c)ads")) { error in
                    XCTAssertEqual((error as? SQLExportError)?.location.hasPrefix("the table name"), true, "\(error)")
                    XCTAssertEqual((error as? SQLExportError)?.message.contains(code), true, "\(error)")
                }
            }
        }
    }
}
