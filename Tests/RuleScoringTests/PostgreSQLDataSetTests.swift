import Foundation
import LeadCSV
import RuleScoring
import ScoreCardFormat
import XCTest

/// The shipped cards' PostgreSQL export, run in a real PostgreSQL on every row of the shipped data sets —
/// loaded as text columns (a CSV import) and as typed columns (numbers as `DOUBLE PRECISION`, TRUE/FALSE
/// as `BOOLEAN`) — gives each row the rule scorer's points, tier and probability. The query cleans each
/// input once per row in derived tables and carries the row as the table's composite type
/// (`CleanedInputs`); this checks that the shape scores exactly as the inline one did, on real data.
final class PostgreSQLDataSetTests: XCTestCase {
    func testShippedCardsScoreEveryRowAsTheScorerInPostgreSQL() throws {
        try withPostgreSQL { postgres in
            for (cardPath, dataPath) in DataSetAgreementTests.cases {
                let card = try ScoreCard.load(path: repositoryPath(cardPath))
                let data = repositoryPath(dataPath)
                var reader = try CSVReader(path: data)
                let header = reader.header
                let rows = try RuleScorer(card: card).rowScorer(header: header)
                var expected: [ScoredLead] = []
                var values: [[String]] = Array(repeating: [], count: header.count)
                while try reader.nextRecord() {
                    expected.append(rows.score(reader.record))
                    for (column, value) in reader.record.enumerated() { values[column].append(value) }
                }
                let query = try CardSQL(card: card, dialect: .postgres).query(table: "leads")
                XCTAssertTrue(query.contains("AS cleaned"), "the PostgreSQL export cleans inputs once per row")
                for typed in [false, true] {
                    let types = header.indices.map { typed ? Self.type(of: values[$0]) : "TEXT" }
                    let columns = try header.map { try SQLDialect.identifier($0) }
                    try postgres.run("""
                        DROP TABLE IF EXISTS leads;
                        CREATE TABLE leads (leadscore_row BIGSERIAL, \(zip(columns, types).map { "\($0) \($1)" }.joined(separator: ", ")));
                        \\copy leads (\(columns.joined(separator: ", "))) FROM '\(data)' WITH (FORMAT csv, HEADER true)

                        """)
                    let printed = try postgres.run("SELECT exported.leadscore_row, exported.points, exported.tier, exported.probability FROM (\n"
                        + String(query.dropLast()) + "\n) AS exported ORDER BY exported.leadscore_row;\n")
                    let scored = printed.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                    XCTAssertEqual(scored.count, expected.count, "\(dataPath) typed: \(typed)")
                    let mismatches = zip(scored, expected).filter { fields, lead in
                        fields.count != 4 || Int(fields[1]) != lead.points || String(fields[2]) != (lead.tier?.name ?? "")
                            || abs((Double(fields[3]) ?? -1) - (lead.probability ?? -1)) > 1e-12
                    }
                    XCTAssertEqual(mismatches.count, 0, "\(dataPath) typed: \(typed), first: \(String(describing: mismatches.first))")
                }
            }
        }
    }

    /// The row is carried up as the table's composite type, not through the bare alias `lead`, which a
    /// column named `lead` would shadow: such a table keeps that column's values and scores as `score` does.
    func testATableWithAColumnNamedLeadScoresAndKeepsIt() throws {
        let card = try handScorerCard()
        let rows: [[String?]] = [["a", "12", "yes", "manager", "40"], ["b", "", "no", "cto", nil], [nil, "3", "1", "intern", "7"]]
        let columns = ["lead", "visits", "demo", "level", "size"]
        let scorer = try RuleScorer(card: card)
        try withPostgreSQL { postgres in
            let run = try EngineRun(engine: postgres, card: card, table: "leads", columns: columns, rows: rows, readBack: false)
            XCTAssertEqual(run.queryErrors, "")
            let expected = rows.map { row in
                scorer.score(Dictionary(uniqueKeysWithValues: zip(columns, row).compactMap { name, value in value.map { (name, $0) } })).points
            }
            XCTAssertEqual(run.points, expected)
            let query = try CardSQL(card: card, dialect: .postgres).query(table: "leads")
            let kept = try postgres.run("SELECT COALESCE(exported.lead, 'NULL') FROM (\n" + String(query.dropLast()) + "\n) AS exported ORDER BY exported.leadscore_row;\n")
            XCTAssertEqual(kept.split(separator: "\n").map(String.init), ["a", "b", "NULL"])
        }
    }

    /// The column type a typed import would choose: numbers, TRUE/FALSE, else text (empty fields are NULL).
    private static func type(of values: [String]) -> String {
        let present = values.filter { !$0.isEmpty }
        if !present.isEmpty, present.allSatisfy({ Double($0) != nil }) { return "DOUBLE PRECISION" }
        if !present.isEmpty, present.allSatisfy({ ["true", "false"].contains($0.lowercased()) }) { return "BOOLEAN" }
        return "TEXT"
    }
}
