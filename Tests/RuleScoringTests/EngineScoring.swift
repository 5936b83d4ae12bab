import Foundation
import RuleScoring
import ScoreCardFormat
import XCTest

/// A table of leads loaded into a real engine through SQL literals, the card's exported query run on it
/// exactly as printed (as `export-sql | sqlite3` or `| psql` would), and what came back: each row's points
/// and tier, and the bytes the engine stored, so a test can check that hostile text went in and came out
/// exactly and that no injected statement ran.
struct EngineRun {
    /// Per row, in input order: the exported query's points and the UTF-8 bytes of its tier (nil for NULL).
    var points: [Int] = []
    var tiers: [[UInt8]?] = []
    /// Per row and column: the bytes the engine stored (nil for NULL).
    var stored: [[[UInt8]?]] = []
    /// Whether the `sentinel` table created before the query still holds its one row.
    var sentinelIntact = false
    /// What the engine's client printed on standard error running the query as printed; empty when fine.
    var queryErrors = ""

    /// `rows` hold one value per column of `columns` (nil: SQL NULL). `readBack: false` leaves `stored` empty.
    init(engine: SQLEngine, card: ScoreCard, table: String, columns: [String], rows: [[String?]], readBack: Bool = true) throws {
        let dialect = engine.dialect
        let query = try CardSQL(card: card, dialect: dialect).query(table: table)
        let quotedTable = try SQLDialect.table(table)
        var script = "BEGIN;\nDROP TABLE IF EXISTS leadscore_result;\nDROP TABLE IF EXISTS sentinel;\nCREATE TABLE sentinel (x INTEGER);\nINSERT INTO sentinel VALUES (1);\n"
        let columnList = try columns.map { try SQLDialect.identifier($0) }
        script += "CREATE TABLE \(quotedTable) (leadscore_row INTEGER, " + columnList.map { "\($0) \(engine.textType)" }.joined(separator: ", ") + ");\n"
        for (index, row) in rows.enumerated() {
            script += "INSERT INTO \(quotedTable) VALUES (\(index), " + row.map { $0.map(dialect.literal) ?? "NULL" }.joined(separator: ", ") + ");\n"
        }
        script += "COMMIT;\n"
        try engine.run(script)
        // The query as printed, run as a user would pipe it (the client goes on after an error, so an
        // injected statement after a broken one would run); then the sentinel is counted.
        queryErrors = engine.runLikeAUser(engine.discardOutput + "\n" + query + "\n")
        sentinelIntact = try engine.run("SELECT COUNT(*) FROM sentinel;").trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        // Again into a table, to read its rows back as hex.
        try engine.run("CREATE TABLE leadscore_result AS SELECT exported.leadscore_row, exported.points, exported.tier FROM (\n"
            + String(query[..<query.index(before: query.endIndex)]) + "\n) AS exported;\n")

        let scored = try engine.run("SELECT leadscore_row, points, \(engine.hex("tier")) FROM leadscore_result ORDER BY leadscore_row;")
        for fields in Self.csvLines(scored) {
            points.append(Int(String(decoding: fields[1], as: UTF8.self)) ?? Int.min)
            tiers.append(fields[2].isEmpty ? nil : Self.bytes(hex: fields[2]))
        }
        guard readBack else { return }
        let hexColumns = columnList.map { engine.hex($0) + ", CASE WHEN \($0) IS NULL THEN 1 ELSE 0 END" }.joined(separator: ", ")
        let values = try engine.run("SELECT leadscore_row, \(hexColumns) FROM \(quotedTable) ORDER BY leadscore_row;")
        for line in Self.csvLines(values) {
            let fields = Array(line.dropFirst())
            var row: [[UInt8]?] = []
            for column in stride(from: 0, to: fields.count, by: 2) {
                let isNull = fields[column + 1].elementsEqual("1".utf8)
                row.append(isNull ? nil : Self.bytes(hex: fields[column]))
            }
            stored.append(row)
        }
    }

    /// Lines of a CSV printout of numbers and hex digits (no field needs unquoting), as byte fields.
    static func csvLines(_ text: String) -> [[ArraySlice<UInt8>]] {
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"))
        return lines.map { line in
            let line = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            return line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        }
    }

    /// The bytes spelled by hex digits; a marker that matches nothing when the engine printed something else.
    static func bytes(hex field: ArraySlice<UInt8>) -> [UInt8] {
        let quote = UInt8(ascii: "\"")
        let digits = field.count >= 2 && field.first == quote && field.last == quote ? Array(field.dropFirst().dropLast()) : Array(field)
        let hex = String(decoding: digits.prefix(40), as: UTF8.self)
        let value = { (digit: UInt8) -> UInt8? in
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        guard digits.count % 2 == 0 else { return Array("not hex: \(hex)".utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for start in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[start]), let low = value(digits[start + 1]) else { return Array("not hex: \(hex)".utf8) }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}

/// The tier a total falls in: the first whose minimum it reaches (tiers run from the highest down).
func tierName(_ card: ScoreCard, total: Int) -> String? {
    card.tiers.first { total >= $0.minimumPoints }?.name ?? card.tiers.last?.name
}

/// Runs `body` with a fresh PostgreSQL schema, dropped afterwards.
func withPostgreSQL(_ body: (PostgreSQL) throws -> Void) throws {
    let postgres = try PostgreSQL()
    defer { postgres.drop() }
    try body(postgres)
}
