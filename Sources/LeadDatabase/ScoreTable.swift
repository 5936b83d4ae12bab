import CLibPQ
import CSQLite
import Foundation

/// A database table that receives scores: `leadscore score … --out sqlite:scores.db --out-table scores`.
///
/// Its columns: `lead_id` (text, the primary key), `points`, `tier`, `probability`, `reasons`,
/// `card_name`, `card_version` (the first 16 hex digits of the card's SHA-256, so a score says exactly
/// which card gave it) and `scored_at` (UTC). A run writes in one transaction: every row or none, a
/// lead id already in the table updated in place (an upsert), the table created when missing and
/// dropped again with the transaction if the run fails.
public struct ScoreTable: Sendable, CustomStringConvertible {
    /// The database that holds (or will hold) the table.
    public var address: DatabaseAddress
    /// `table` or `schema.table`; quoted, so any name is safe.
    public var table: String

    /// The table `table` at `address`; nothing is opened or created until scores are written.
    public init(address: DatabaseAddress, table: String) {
        self.address = address
        self.table = table
    }

    /// The address without its password, and the table.
    public var description: String { "\(address), table \(table)" }

    /// The columns scoring writes, in order.
    public static let columns = ["lead_id", "points", "tier", "probability", "reasons", "card_name", "card_version", "scored_at"]
}

/// One lead's score, as a row of a `ScoreTable`.
public struct ScoreRow: Sendable, Equatable {
    /// The lead's id from the input (the table's primary key).
    public var leadID: String
    /// The card's total for the lead.
    public var points: Int
    /// The tier's name; `nil` below the lowest tier.
    public var tier: String?
    /// The calibrated probability of converting; `nil` when the card has no calibration.
    public var probability: Double?
    /// The criteria that gave and cost the most points, separated by "; ".
    public var reasons: String

    /// A row as scoring makes it.
    public init(leadID: String, points: Int, tier: String?, probability: Double?, reasons: String) {
        self.leadID = leadID
        self.points = points
        self.tier = tier
        self.probability = probability
        self.reasons = reasons
    }
}

/// Writes rows into a `ScoreTable` inside one transaction. `commit()` makes them visible; a writer
/// released without it rolls everything back, the table's creation included (and a SQLite file it
/// created is removed), so a failed run leaves nothing behind.
package final class ScoreTableWriter {
    private enum Connection {
        case sqlite(SQLiteConnection, OpaquePointer, createdFile: String?)
        case postgres(PostgresConnection)
    }

    private var connection: Connection?
    private let card: (name: String, version: String, scoredAt: String)
    private var committed = false
    /// `INSERT INTO table (columns) VALUES` and `ON CONFLICT (lead_id) DO UPDATE SET …`.
    private let insertInto: String, onConflict: String
    /// PostgreSQL rows not sent yet: they go 1,000 to one multi-row upsert, since a round trip per lead would
    /// dominate. A lead id twice in a batch keeps its last row, as two upserts one after the other would.
    private var pending: [[String?]] = []
    private var pendingRow: [String: Int] = [:]
    static let batchRows = 1000

    /// Opens the database, begins the transaction, creates the table when missing and checks its shape.
    package init(_ target: ScoreTable, cardName: String, cardVersion: String, scoredAt: Date) throws(DatabaseError) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        card = (cardName, cardVersion, formatter.string(from: scoredAt))
        let name = SQLName.qualified(target.table)
        let source = target.description
        let upsert = ScoreTable.columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        insertInto = "INSERT INTO \(name) (\(ScoreTable.columns.joined(separator: ", "))) VALUES "
        onConflict = " ON CONFLICT (lead_id) DO UPDATE SET \(upsert)"
        switch target.address.engine {
        case .sqlite(let path):
            let existed = FileManager.default.fileExists(atPath: path)
            let sqlite = try SQLiteConnection(path: path, writable: true, source: source)
            // A `file:` URI is SQLite's to resolve: only a plain path this run created is removed on failure.
            let createdFile = existed || path.hasPrefix("file:") ? nil : path
            do throws(DatabaseError) {
                try sqlite.execute("BEGIN IMMEDIATE")
                try sqlite.execute("""
                    CREATE TABLE IF NOT EXISTS \(name) (lead_id TEXT PRIMARY KEY NOT NULL, points INTEGER NOT NULL, tier TEXT, \
                    probability REAL, reasons TEXT, card_name TEXT NOT NULL, card_version TEXT NOT NULL, scored_at TEXT NOT NULL)
                    """)
                try Self.checkShape(try Self.sqliteColumns(sqlite, name), source: source)
                let placeholders = (1...ScoreTable.columns.count).map { "?\($0)" }.joined(separator: ", ")
                let insert: OpaquePointer
                do throws(DatabaseError) {
                    insert = try sqlite.prepare("INSERT INTO \(name) (\(ScoreTable.columns.joined(separator: ", "))) VALUES (\(placeholders)) "
                                                + "ON CONFLICT (lead_id) DO UPDATE SET \(upsert)")
                } catch { throw Self.shapeError(error, source: source) }
                connection = .sqlite(sqlite, insert, createdFile: createdFile)
            } catch {
                _ = try? sqlite.execute("ROLLBACK")
                if let createdFile { Self.remove(sqliteFile: createdFile) }
                throw error
            }
        case .postgres(let url):
            let postgres = try PostgresConnection(address: target.address, url: url, source: source)
            do throws(DatabaseError) {
                try postgres.run("BEGIN", doing: "starting a transaction")
                try postgres.run("SET LOCAL client_min_messages = warning", doing: "starting a transaction")
                try postgres.run("""
                    CREATE TABLE IF NOT EXISTS \(name) (lead_id TEXT PRIMARY KEY, points INTEGER NOT NULL, tier TEXT, \
                    probability DOUBLE PRECISION, reasons TEXT, card_name TEXT NOT NULL, card_version TEXT NOT NULL, \
                    scored_at TIMESTAMPTZ NOT NULL)
                    """, doing: "creating the table")
                let shape = try postgres.execute("SELECT * FROM \(name) LIMIT 0", doing: "reading the table's columns", expecting: PGRES_TUPLES_OK)
                let columns = (0..<PQnfields(shape)).map { String(cString: PQfname(shape, $0)) }
                PQclear(shape)
                try Self.checkShape(columns, source: source)
                // Prepared once to learn, before any lead is scored, whether the table takes the upsert (a
                // unique lead_id); the rows themselves go in batches (`send`).
                let placeholders = (1...ScoreTable.columns.count).map { "$\($0)" }.joined(separator: ", ")
                let prepared = PQprepare(postgres.handle, "leadscore_upsert",
                                         "INSERT INTO \(name) (\(ScoreTable.columns.joined(separator: ", "))) VALUES (\(placeholders)) "
                                         + "ON CONFLICT (lead_id) DO UPDATE SET \(upsert)", 0, nil)
                guard PQresultStatus(prepared) == PGRES_COMMAND_OK else {
                    let error = postgres.failure(prepared, doing: "preparing the insert")
                    PQclear(prepared)
                    throw Self.shapeError(error, source: source)
                }
                PQclear(prepared)
            } catch {
                if let ended = PQexec(postgres.handle, "ROLLBACK") { PQclear(ended) }
                throw error
            }
            connection = .postgres(postgres)
        }
    }

    deinit { if !committed { rollback() } }

    /// Adds or replaces the row of `row.leadID`.
    package func insert(_ row: ScoreRow) throws(DatabaseError) {
        let values: [String?] = [row.leadID, String(row.points), row.tier, row.probability.map { "\($0)" }, row.reasons,
                                 card.name, card.version, card.scoredAt]
        switch connection {
        case .sqlite(let sqlite, let insert, _):
            sqlite3_reset(insert)
            for (index, value) in values.enumerated() {
                let position = Int32(index + 1)
                switch (index, value) {
                case (_, nil): sqlite3_bind_null(insert, position)
                case (1, let text?): sqlite3_bind_int64(insert, position, Int64(text)!)
                case (3, _): sqlite3_bind_double(insert, position, row.probability!)
                case (_, let text?): sqlite3_bind_text(insert, position, text, -1, sqliteTransient)
                }
            }
            let status = sqlite3_step(insert)
            guard status == SQLITE_DONE else { throw sqlite.failure("writing lead \(row.leadID)", code: status) }
        case .postgres(let postgres):
            if let earlier = pendingRow[row.leadID] {
                pending[earlier] = values
            } else {
                pendingRow[row.leadID] = pending.count
                pending.append(values)
            }
            if pending.count == Self.batchRows { try send(postgres) }
        case nil:
            break
        }
    }

    /// Sends the pending rows in one statement, every value a bound parameter.
    private func send(_ postgres: PostgresConnection) throws(DatabaseError) {
        guard !pending.isEmpty else { return }
        let width = ScoreTable.columns.count
        let rows = pending.indices.map { row in "(" + (1...width).map { "$\(row * width + $0)" }.joined(separator: ", ") + ")" }
        let first = pending[0][0] ?? ""
        let values = pending.flatMap { $0 }
        pending.removeAll(keepingCapacity: true)
        pendingRow.removeAll(keepingCapacity: true)
        try postgres.run(insertInto + rows.joined(separator: ", ") + onConflict, values, doing: "writing the leads from \(first) on")
    }

    /// Makes every row written visible at once.
    package func commit() throws(DatabaseError) {
        switch connection {
        case .sqlite(let sqlite, let insert, _):
            sqlite3_finalize(insert)
            connection = .sqlite(sqlite, insert, createdFile: nil)
            try sqlite.execute("COMMIT")
        case .postgres(let postgres):
            try send(postgres)
            try postgres.run("COMMIT", doing: "committing the scores")
        case nil:
            break
        }
        committed = true
    }

    private func rollback() {
        switch connection {
        case .sqlite(let sqlite, let insert, let createdFile):
            sqlite3_finalize(insert)
            _ = try? sqlite.execute("ROLLBACK")
            connection = nil
            if let createdFile { Self.remove(sqliteFile: createdFile) }
        case .postgres(let postgres):
            if let ended = PQexec(postgres.handle, "ROLLBACK") { PQclear(ended) }
        case nil:
            break
        }
        connection = nil
    }

    /// A SQLite file this writer created, and its journal: removed when the run fails.
    private static func remove(sqliteFile path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private static func sqliteColumns(_ sqlite: SQLiteConnection, _ name: String) throws(DatabaseError) -> [String] {
        let statement = try sqlite.prepare("SELECT * FROM \(name) LIMIT 0")
        defer { sqlite3_finalize(statement) }
        return (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
    }

    /// A table that exists with other columns is not ours to change.
    private static func checkShape(_ columns: [String], source: String) throws(DatabaseError) {
        let missing = ScoreTable.columns.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw DatabaseError(.wrongShape, source: source,
                                detail: "the table exists but lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) that scoring writes (it has \(columns.joined(separator: ", ")))",
                                advice: "name a new table (ScoreTable.table; it is created), or one with the columns \(ScoreTable.columns.joined(separator: ", "))")
        }
    }

    /// An insert that cannot be prepared on an existing table: no unique lead_id for the upsert, say.
    private static func shapeError(_ error: DatabaseError, source: String) -> DatabaseError {
        guard error.kind == .queryFailed else { return error }
        return DatabaseError(.wrongShape, source: source, detail: "the table cannot take the scores (\(error.detail))",
                             advice: "lead_id must be its primary key or unique; name a new table (ScoreTable.table; it is created)")
    }
}
