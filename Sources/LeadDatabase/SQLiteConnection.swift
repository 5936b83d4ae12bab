import CSQLite
import Foundation

/// SQLite's "copy the bytes now" destructor, a C macro Swift does not import.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// An open SQLite database (libsqlite3 through the `CSQLite` module map). Closed when released.
final class SQLiteConnection {
    let handle: OpaquePointer
    /// The address and what is read or written, for errors.
    let source: String

    /// Opens `path`, or a `file:` URI (`file:crm.db?mode=ro`); `writable` also creates a file when missing.
    init(path: String, writable: Bool, source: String) throws(DatabaseError) {
        self.source = source
        var handle: OpaquePointer?
        let flags = writable ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY
        let status = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let handle { sqlite3_close_v2(handle) }
            throw DatabaseError(.unreachable, source: source, detail: "cannot open the SQLite file \(path) (\(message))",
                                advice: writable ? "check that its folder exists and is writable" : "check the path after sqlite:")
        }
        self.handle = handle
        sqlite3_busy_timeout(handle, 5_000)
    }

    deinit { sqlite3_close_v2(handle) }

    var message: String { String(cString: sqlite3_errmsg(handle)) }

    /// An error for the last failed call, classified by SQLite's code.
    func failure(_ doing: String, code: Int32) -> DatabaseError {
        let text = message
        switch code & 0xFF {
        case SQLITE_READONLY:
            return DatabaseError(.readOnly, source: source, detail: "the database accepts no writes (\(text))",
                                 advice: "give a database file you may write, or make it writable")
        case SQLITE_CANTOPEN:
            return DatabaseError(.unreachable, source: source, detail: "cannot open the database (\(text))", advice: "check the path after sqlite:")
        default:
            if text.hasPrefix("no such table") {
                return DatabaseError(.missingTable, source: source, detail: text, advice: "check the table name (RowSelection.table) or the query's FROM (RowSelection.query)")
            }
            if text.hasPrefix("no such column") {
                return DatabaseError(.missingColumn, source: source, detail: text, advice: "check the query's column names")
            }
            return DatabaseError(.queryFailed, source: source, detail: "\(doing) failed: \(text)", advice: "check the SQL")
        }
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws(DatabaseError) {
        let status = sqlite3_exec(handle, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw failure("running \(sql.prefix(40))", code: status) }
    }

    /// A prepared statement for one SQL statement; more than one is refused.
    func prepare(_ sql: String) throws(DatabaseError) -> OpaquePointer {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, &tail)
        guard status == SQLITE_OK, let statement else { throw failure("preparing the query", code: status) }
        if let tail, String(cString: tail).trimmingCharacters(in: .whitespacesAndNewlines).contains(where: { $0 != ";" }) {
            sqlite3_finalize(statement)
            throw DatabaseError(.queryFailed, source: source, detail: "the query holds more than one statement", advice: "give a single SELECT")
        }
        return statement
    }
}
