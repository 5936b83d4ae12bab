import Foundation
import TestSupport
import XCTest

/// One column holding "café" spelt NFC (é, as Windows and the web write it) and NFD (e + U+0301, as macOS
/// writes it): `train` used to trap on a duplicate dictionary key. Categories are exact spellings in every
/// step, so the file trains, the card keeps the spellings as two conditions, and `score` and the exported
/// SQL run in sqlite3 give every row the same points.
final class MixedNormalisationTests: XCTestCase {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    /// 1 200 leads: the NFC spelling converts far more often than the NFD one, so a model that kept them
    /// apart gives them different points (a seeded linear congruential generator, so the file is fixed).
    static func mixedCSV() -> String {
        var state: UInt64 = 12_345
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let drinks = [(composed, 0.75), (decomposed, 0.15), ("tea", 0.45), ("", 0.3)]
        var lines = ["drink,visits,converted"]
        for _ in 0..<1_200 {
            let (drink, rate) = drinks[Int(uniform() * 4)]
            let visits = Int(uniform() * 10)
            let converted = uniform() < rate + 0.04 * (Double(visits) - 4.5)
            lines.append("\(drink),\(visits),\(converted ? "yes" : "no")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testMixedNormalisationTrainsAndScoreAndSQLAgreeOnEveryRow() throws {
        let folder = try cliTemporaryFolder(self)
        let data = folder.appendingPathComponent("drinks.csv").path
        let card = folder.appendingPathComponent("card.json").path
        let scored = folder.appendingPathComponent("scored.csv").path
        try Data(Self.mixedCSV().utf8).write(to: URL(fileURLWithPath: data))

        let train = try runLeadScore(["train", data, "--target", "converted", "--out", card])
        XCTAssertEqual(train.status, 0, train.errors)

        // The card: two conditions, one per spelling, each spelling byte for byte as in the file.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: card))) as? [String: Any])
        let criteria = try XCTUnwrap(json["criteria"] as? [[String: Any]])
        let drink = try XCTUnwrap(criteria.first { $0["feature"] as? String == "drink" }, "no criterion for drink: \(criteria)")
        let conditions = try XCTUnwrap(drink["conditions"] as? [[String: Any]])
        var pointsOfSpelling: [[UInt8]: Int] = [:]
        for condition in conditions {
            for category in condition["categories"] as? [String] ?? [] {
                XCTAssertNil(pointsOfSpelling[Array(category.utf8)], "\(category) listed twice")
                pointsOfSpelling[Array(category.utf8)] = condition["points"] as? Int
            }
        }
        let composedPoints = try XCTUnwrap(pointsOfSpelling[Array(Self.composed.utf8)], "no condition for the NFC spelling: \(conditions)")
        let decomposedPoints = try XCTUnwrap(pointsOfSpelling[Array(Self.decomposed.utf8)], "no condition for the NFD spelling: \(conditions)")
        XCTAssertGreaterThan(composedPoints, decomposedPoints, "NFC converts at 75 %, NFD at 15 %")

        // `score`, and the card as SQL on the same file loaded into sqlite3.
        let score = try runLeadScore(["score", card, data, "--out", scored])
        XCTAssertEqual(score.status, 0, score.errors)
        let scorerRows = try pointsColumn(String(contentsOfFile: scored, encoding: .utf8))
        let sql = try runLeadScore(["export-sql", card, "--dialect", "sqlite", "--table", "leads"])
        XCTAssertEqual(sql.status, 0, sql.errors)
        let database = folder.appendingPathComponent("leads.db").path
        let sqlite = try runSQLite(database: database, script: ".import --csv '\(data)' leads\n.headers on\n.mode csv\n\(sql.output)\n")
        let sqlRows = try pointsColumn(sqlite)

        let inputRows = Self.mixedCSV().split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return (drink: Array(fields[0].utf8), visits: Int(fields[1])!)
        }
        XCTAssertEqual(scorerRows.count, inputRows.count)
        XCTAssertEqual(sqlRows, scorerRows, "score and SQL disagree on \(zip(sqlRows, scorerRows).filter { $0 != $1 }.count) rows")
        // Each spelling scores its own condition: rows of one spelling and one visits value share a total, and
        // the NFC total exceeds the NFD one by the difference of their conditions' points.
        var totals: [[UInt8]: [Int: Set<Int>]] = [:]
        for (row, input) in inputRows.enumerated() where row < scorerRows.count {
            totals[input.drink, default: [:]][input.visits, default: []].insert(scorerRows[row])
        }
        var compared = 0
        for visits in 0..<10 {
            guard let high = totals[Array(Self.composed.utf8)]?[visits], let low = totals[Array(Self.decomposed.utf8)]?[visits] else { continue }
            XCTAssertEqual(high.count, 1, "visits \(visits): NFC rows have totals \(high)")
            XCTAssertEqual(low.count, 1, "visits \(visits): NFD rows have totals \(low)")
            guard let high = high.first, let low = low.first, (1..<100).contains(high), (1..<100).contains(low) else { continue }
            XCTAssertEqual(high - low, composedPoints - decomposedPoints, "visits \(visits)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 3)
    }

    /// The `points` column of a CSV with a header (no field holds a comma; sqlite3 ends lines with CRLF).
    private func pointsColumn(_ csv: String) throws -> [Int] {
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try XCTUnwrap(lines.first)
        let points = try XCTUnwrap(header.firstIndex(of: "points"), "no points column in \(header)")
        return lines.dropFirst().map { Int($0[points].trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
    }

    private func runSQLite(database: String, script: String) throws -> String {
        let result = try ToolRunner.run(tool: "sqlite3", ["-bail", database], input: script)
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(result.errors, "")
        return result.output
    }
}
