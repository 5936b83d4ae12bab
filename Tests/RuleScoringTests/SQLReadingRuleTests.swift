import Foundation
import RuleScoring
import ScoreCardFormat
import XCTest

/// Issue 15 items 8 and 15: the exported SQL scores exactly as `score` does or refuses — a missing column
/// is an error, not a string literal; numbers padded with line breaks and form feeds are read by one rule
/// everywhere — and a huge category value is exported and matched in one pass.
final class SQLReadingRuleTests: XCTestCase {
    // MARK: Item 8: a table without a card's column

    /// SQLite reads an unknown, unqualified `"level"` as the string 'level' and used to score it (the
    /// scorer treats the absent column as missing); the qualified `lead."level"` is an error everywhere.
    private func checkMissingColumnFails(engine: SQLEngine, expecting words: String) throws {
        try engine.run("CREATE TABLE leads (visits TEXT, demo TEXT, size TEXT);\nINSERT INTO leads VALUES ('5', 'yes', '250');")
        var card = try handScorerCard()
        // A category equal to the column's name: what SQLite would have matched.
        card.criteria[2].conditions[0].match = .categories(["vp", "level"])
        let query = try CardSQL(card: card, dialect: engine.dialect).query(table: "leads")
        XCTAssertThrowsError(try engine.run(query), "\(engine.dialect) scored a table that lacks the column \"level\"") { error in
            XCTAssertTrue("\(error)".contains(words), "\(engine.dialect): \(error)")
        }
    }

    func testTableLackingACardColumnMakesTheSQLiteQueryFail() throws {
        let sqlite = try SQLite(database: try temporaryFolder(self).appendingPathComponent("missing.db").path)
        try checkMissingColumnFails(engine: sqlite, expecting: "no such column: lead.level")
    }

    func testTableLackingACardColumnMakesThePostgreSQLQueryFail() throws {
        try withPostgreSQL { try checkMissingColumnFails(engine: $0, expecting: "column lead.level does not exist") }
    }

    // MARK: Item 8: numbers padded with CR, LF, VT, FF, spaces and tabs

    /// Padding is spaces and tabs only (docs/score-card.md, "Reading values"): any other whitespace around
    /// or inside a number makes it unreadable, so missing; around a category it is part of the text.
    static let paddedProbes: [String] = {
        var probes = ["5", " 5", "5 ", "\t5\t", " \t5 \t", "-3", "+.5", "1e1", "0", "1", "yes", "vp", "", " ", "\t"]
        for pad in ["\r", "\n", "\u{0B}", "\u{0C}", "\r\n"] {
            for core in ["5", "-3", "+.5", "1e1", "0", "1", "yes", "vp"] {
                probes += ["\(core)\(pad)", "\(pad)\(core)", "\(pad)\(core)\(pad)", " \(core)\(pad) ", "\t\(pad)\(core)", "\(core) \(pad)\t"]
            }
            probes += [pad, " \(pad) ", "5\(pad)5", "1\(pad)e1"]
        }
        return probes
    }()

    private func checkPaddedNumbers(engine: SQLEngine) throws {
        let card = try handScorerCard()
        let probes = Self.paddedProbes
        // Every probe in every column: visits and size are numeric, demo boolean, level categorical.
        let rows = probes.map { [$0, $0, $0, $0] as [String?] }
        let run = try EngineRun(engine: engine, card: card, table: "leads", columns: ["visits", "demo", "level", "size"], rows: rows)
        let scorer = try RuleScorer(card: card)
        let reference = ReferenceScorer(card: card)
        var disagreements: [String] = []
        for (index, probe) in probes.enumerated() {
            let lead = ["visits": probe, "demo": probe, "level": probe, "size": probe]
            let expected = scorer.score(lead).points
            XCTAssertEqual(expected, reference.score(lead).total, "the scorer and the reference disagree on \(Array(probe.utf8))")
            XCTAssertEqual(run.stored[index][0], Array(probe.utf8))
            if index >= run.points.count || run.points[index] != expected {
                disagreements.append("\(Array(probe.utf8)): SQL \(index < run.points.count ? String(run.points[index]) : "no row"), score \(expected)")
            }
        }
        XCTAssertEqual(disagreements, [], "\(engine.dialect): \(disagreements.count) of \(probes.count) padded values score differently")
        // Each column on its own too, so one criterion cannot hide another's disagreement within a total.
        for (column, criterion) in [("visits", 0), ("demo", 1), ("level", 2), ("size", 3)] {
            var single = card
            single.criteria = [card.criteria[criterion]]
            single.criteria[0].group = nil
            single.groups = []
            single.tiers = []
            single.calibration = nil
            let run = try EngineRun(engine: engine, card: single, table: "single_\(column)", columns: [column], rows: probes.map { [$0] })
            let scorer = try RuleScorer(card: single)
            let differing = probes.indices.filter { run.points[$0] != scorer.score([column: probes[$0]]).points }
            XCTAssertEqual(differing.map { Array(probes[$0].utf8) }, [], "\(engine.dialect) \(column)")
        }
    }

    func testNumbersPaddedWithLineBreaksScoreAsTheScorerReadsThemInSQLite() throws {
        let folder = try temporaryFolder(self)
        try checkPaddedNumbers(engine: try SQLite(database: folder.appendingPathComponent("padded.db").path))
    }

    func testNumbersPaddedWithLineBreaksScoreAsTheScorerReadsThemInDuckDB() throws {
        try checkPaddedNumbers(engine: try DuckDB(database: try temporaryFolder(self).appendingPathComponent("padded.duckdb").path))
    }

    func testTableLackingACardColumnMakesTheDuckDBQueryFail() throws {
        try checkMissingColumnFails(engine: try DuckDB(database: try temporaryFolder(self).appendingPathComponent("missing.duckdb").path),
                                    expecting: #"Table "lead" does not have a column named "level""#)
    }

    func testNumbersPaddedWithLineBreaksScoreAsTheScorerReadsThemInPostgreSQL() throws {
        try withPostgreSQL { try checkPaddedNumbers(engine: $0) }
    }

    /// The rule itself, in the scorer, by hand: only spaces and tabs are padding.
    func testOnlySpacesAndTabsArePaddingForTheScorer() throws {
        let scorer = try RuleScorer(card: try handScorerCard())
        // visits 5 → 20 points (capped with demo in engagement at 20), base 5: 25. Unreadable → missing: 5.
        XCTAssertEqual(scorer.score(["visits": " \t5\t "]).points, 25)
        for padded in ["5\r", "\n5", "5\u{0B}", "\u{0C}5", "5\r\n", " 5\n "] {
            XCTAssertEqual(scorer.score(["visits": padded]).points, 5, "\(Array(padded.utf8))")
        }
    }

    // MARK: Item 15: a 5 MB category

    /// The value appears once, whole, in the query, and a lead holding it scores its points in SQLite and
    /// PostgreSQL. (Speed is measured in Benchmarks/sql-export, not asserted here.)
    func testFiveMegabyteCategoryIsExportedWholeAndMatches() throws {
        var card = try handScorerCard()
        let huge = String(repeating: "x'\\", count: 5_000_000 / 3) + "end"
        card.criteria[2].conditions[0].match = .categories(["vp", huge])
        for dialect in SQLDialect.allCases {
            let sql = try CardSQL(card: card, dialect: dialect).query(table: "leads")
            XCTAssertLessThan(sql.utf8.count, 2 * huge.utf8.count, "\(dialect)")
        }
        let rows: [[String?]] = [[huge, "5", nil, nil], ["vp", "5", nil, nil], [String(huge.dropLast()), "5", nil, nil]]
        let folder = try temporaryFolder(self)
        let engines: [() throws -> Void] = [
            { try self.checkHuge(engine: try SQLite(database: folder.appendingPathComponent("huge.db").path), card: card, rows: rows) },
            { try withPostgreSQL { try self.checkHuge(engine: $0, card: card, rows: rows) } },
        ]
        for engine in engines { try engine() }
    }

    private func checkHuge(engine: SQLEngine, card: ScoreCard, rows: [[String?]]) throws {
        let run = try EngineRun(engine: engine, card: card, table: "leads", columns: ["level", "visits", "demo", "size"], rows: rows, readBack: false)
        // 5 base + 20 visits (engagement cap) + 15 for the category; the cut value is another level: 25.
        XCTAssertEqual(run.points, [40, 40, 25], "\(engine.dialect)")
    }
}
