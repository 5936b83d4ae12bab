import Foundation
import LeadCSV
import RuleScoring
import ScoreCardFormat
import TestSupport
import XCTest

/// The `ansi` export runs in DuckDB (`SIMILAR TO`, `TRIM(BOTH … FROM …)`, `LEAST`/`GREATEST`), on the
/// data loaded as text and as typed columns, and gives every row the rule scorer's points, tier and
/// probability. (The `postgres` export used to run here too; it now carries each row as the table's
/// composite type, which is PostgreSQL's own, and is checked on the same data in a real PostgreSQL:
/// `PostgreSQLDataSetTests`.)
final class DuckDBTests: XCTestCase {
    func testANSIQueriesAgreeWithTheScorer() throws {
        let folder = try temporaryFolder(self)
        for (cardPath, dataPath) in DataSetAgreementTests.cases {
            let card = try ScoreCard.load(path: repositoryPath(cardPath))
            let expected = try scorerResults(card: card, data: repositoryPath(dataPath))
            for dialect in [SQLDialect.ansi] {
                let queryFile = folder.appendingPathComponent("\(dialect.rawValue).sql")
                try (try CardSQL(card: card, dialect: dialect).query(table: "leads")).write(to: queryFile, atomically: true, encoding: .utf8)
                for typed in [false, true] {
                    let rows = try runDuckDB(query: queryFile.path, data: repositoryPath(dataPath), typed: typed)
                    XCTAssertEqual(rows.count, expected.count, "\(dataPath) \(dialect) typed: \(typed)")
                    let mismatches = zip(rows, expected).filter { row, lead in
                        row.points != lead.points || row.tier != lead.tier?.name
                            || abs((row.probability ?? -1) - (lead.probability ?? -1)) > 1e-12
                    }
                    XCTAssertEqual(mismatches.count, 0, "\(dataPath) \(dialect) typed: \(typed), first: \(String(describing: mismatches.first))")
                }
            }
        }
    }

    private func scorerResults(card: ScoreCard, data: String) throws -> [ScoredLead] {
        var reader = try CSVReader(path: data)
        let rows = try RuleScorer(card: card).rowScorer(header: reader.header)
        var results: [ScoredLead] = []
        while try reader.nextRecord() { results.append(rows.score(reader.record)) }
        return results
    }

    private struct Row: Decodable {
        var points: Int
        var tier: String?
        var probability: Double?
    }

    private func runDuckDB(query: String, data: String, typed: Bool) throws -> [Row] {
        let script = """
            import json, sys
            try:
                import duckdb
            except ImportError:
                sys.exit(3)
            query, data, typed = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
            con = duckdb.connect()
            con.execute("CREATE TABLE leads AS SELECT * FROM read_csv(?, all_varchar = ?)", [data, not typed])
            result = con.execute(open(query).read())
            names = [column[0] for column in result.description]
            rows = [dict(zip(names, row)) for row in result.fetchall()]
            number = lambda value: None if value is None else float(value)
            print(json.dumps([{"points": int(r["points"]), "tier": r["tier"], "probability": number(r["probability"])} for r in rows]))
            """
        let process = try ProjectPython.process(["-c", script, query, data, typed ? "1" : "0"])
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == ProjectPython.importFailed { throw MissingTool("duckdb in the project's Python environment") }
        guard process.terminationStatus == 0 else { throw EngineFailure(description: "duckdb failed: \(problems)") }
        return try JSONDecoder().decode([Row].self, from: printed)
    }
}
