import CLibPQ
import CSQLite
import Foundation
import LeadCSV
import LeadData

/// What a column's database type says it holds; `nil` where the database gives no type (a SQLite
/// expression), so its values decide, as in a CSV.
enum DeclaredKind: Sendable, Equatable {
    case number, boolean, date, text

    var role: ColumnRole {
        switch self {
        case .number: return .numeric
        case .boolean: return .boolean
        case .date: return .date
        case .text: return .categorical
        }
    }
}

/// Rows streaming out of a database, one record at a time, each field as text the CSV loader reads to
/// the same value: numbers as decimals, booleans as true/false, dates as ISO 8601 (UTC), NULL as empty.
package class DatabaseRows: RecordSource {
    /// Column names, as the database gives them.
    package let header: [String]
    /// Each column's kind by its declared type.
    let kinds: [DeclaredKind?]
    /// Rows returned so far.
    package private(set) var recordCount = 0
    /// The current row's number (1-based): what errors call its line.
    package var line: Int { recordCount }

    init(header: [String], kinds: [DeclaredKind?]) {
        self.header = header
        self.kinds = kinds
    }

    /// Past the last row: asked again, a SQLite statement would start over.
    private var ended = false

    /// Moves to the next row; `false` after the last (and on every later call).
    package func nextRecord() throws -> Bool {
        guard !ended else { return false }
        guard try advance() else {
            ended = true
            return false
        }
        recordCount += 1
        return true
    }

    /// Moves to the next row; `false` after the last.
    func advance() throws -> Bool { fatalError("DatabaseRows is abstract") }

    /// Field `index` of the current row as text; empty for NULL.
    package func field(_ index: Int) -> UnsafeBufferPointer<UInt8> { fatalError("DatabaseRows is abstract") }
}

/// Bytes that live as long as the process: the spellings a boolean is rewritten to.
enum StaticBytes {
    nonisolated(unsafe) static let yes = make("true")
    nonisolated(unsafe) static let no = make("false")
    nonisolated(unsafe) static let empty = make("")

    private static func make(_ text: String) -> UnsafeBufferPointer<UInt8> {
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(text.utf8.count, 1))
        _ = bytes.initialize(from: text.utf8)
        return UnsafeBufferPointer(rebasing: bytes[..<text.utf8.count])
    }
}

/// A SQLite statement's rows. Integers and reals are written as decimals here (SQLite's own text for a real
/// keeps only 15 digits; Swift's shortest form reads back to the same double).
final class SQLiteRows: DatabaseRows {
    private let connection: SQLiteConnection
    private let statement: OpaquePointer
    private var fields: [UnsafeBufferPointer<UInt8>]
    /// 32 bytes per column for numbers written out.
    private let scratch: UnsafeMutablePointer<UInt8>

    init(connection: SQLiteConnection, selection: RowSelection) throws(DatabaseError) {
        self.connection = connection
        statement = try connection.prepare(selection.sql)
        let count = Int(sqlite3_column_count(statement))
        var header: [String] = [], kinds: [DeclaredKind?] = []
        for index in 0..<Int32(count) {
            header.append(sqlite3_column_name(statement, index).map { String(cString: $0) } ?? "column \(index + 1)")
            kinds.append(sqlite3_column_decltype(statement, index).flatMap { Self.kind(declared: String(cString: $0)) })
        }
        fields = [UnsafeBufferPointer<UInt8>](repeating: StaticBytes.empty, count: count)
        scratch = .allocate(capacity: max(32 * count, 1))
        super.init(header: header, kinds: kinds)
    }

    deinit {
        sqlite3_finalize(statement)
        scratch.deallocate()
    }

    /// SQLite's type-affinity rules on a declared type, with booleans and dates told apart as SQLite's own
    /// date functions and most schemas use them.
    static func kind(declared: String) -> DeclaredKind? {
        let type = declared.uppercased()
        if type.contains("BOOL") { return .boolean }
        if type.contains("DATE") || type.contains("TIME") { return .date }
        if type.contains("INT") { return .number }
        if type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT") { return .text }
        if type.contains("BLOB") || type.isEmpty { return nil }
        return .number  // REAL, FLOA, DOUB, NUMERIC, DECIMAL
    }

    override func advance() throws -> Bool {
        let status = sqlite3_step(statement)
        if status == SQLITE_DONE { return false }
        guard status == SQLITE_ROW else { throw connection.failure("reading row \(recordCount + 1)", code: status) }
        for index in 0..<fields.count {
            let column = Int32(index)
            switch sqlite3_column_type(statement, column) {
            case SQLITE_NULL:
                fields[index] = StaticBytes.empty
            case SQLITE_INTEGER:
                fields[index] = write(String(sqlite3_column_int64(statement, column)), column: index)
            case SQLITE_FLOAT:
                let value = sqlite3_column_double(statement, column)
                fields[index] = write(value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity")), column: index)
            case SQLITE_TEXT:
                let text = sqlite3_column_text(statement, column)
                let count = Int(sqlite3_column_bytes(statement, column))
                fields[index] = UnsafeBufferPointer(start: text, count: count)
            default:
                throw DatabaseError(.unusableType, source: connection.source,
                                    detail: "row \(recordCount + 1), column \"\(header[index])\" holds bytes (a BLOB), which no lead column can hold",
                                    advice: "leave the column out of the query, or convert it (e.g. hex(\(header[index])))")
            }
        }
        return true
    }

    private func write(_ text: String, column: Int) -> UnsafeBufferPointer<UInt8> {
        let start = scratch + 32 * column
        var count = 0
        for byte in text.utf8.prefix(32) {
            start[count] = byte
            count += 1
        }
        return UnsafeBufferPointer(start: start, count: count)
    }

    override func field(_ index: Int) -> UnsafeBufferPointer<UInt8> { fields[index] }
}

/// A PostgreSQL query's rows through a server-side cursor in a read-only transaction, fetched a few
/// thousand at a time: the server holds the result, the client one batch of text.
final class PostgresRows: DatabaseRows {
    private let connection: PostgresConnection
    private var result: OpaquePointer?
    private var rowInResult = -1
    private var rowsInResult = 0
    private var finished = false
    private let booleans: [Bool]
    static let fetchSize = 4096

    init(connection: PostgresConnection, selection: RowSelection, excluded: Set<String>) throws(DatabaseError) {
        self.connection = connection
        // UTC and ISO dates so timestamps read the same on every client; shortest exact floats.
        try connection.run("BEGIN TRANSACTION READ ONLY", doing: "starting a transaction")
        try connection.run("SET LOCAL TIME ZONE 'UTC'", doing: "setting the time zone")
        try connection.run("SET LOCAL DateStyle = 'ISO, YMD'", doing: "setting the date style")
        try connection.run("SET LOCAL extra_float_digits = 1", doing: "setting the float format")
        try connection.run("DECLARE leadscore_rows NO SCROLL CURSOR FOR " + selection.sql, doing: "running the \(selection.label)")
        let first = try connection.execute("FETCH FORWARD \(Self.fetchSize) FROM leadscore_rows", doing: "reading rows", expecting: PGRES_TUPLES_OK)
        let count = Int(PQnfields(first))
        var header: [String] = [], kinds: [DeclaredKind?] = []
        var unusable: [(String, UInt32)] = []
        for index in 0..<Int32(count) {
            let name = String(cString: PQfname(first, index))
            header.append(name)
            let type = PQftype(first, index)
            if let kind = Self.kind(oid: type) {
                kinds.append(kind)
            } else {
                kinds.append(.text)
                if !excluded.contains(name) { unusable.append((name, type)) }
            }
        }
        result = first
        rowsInResult = Int(PQntuples(first))
        booleans = kinds.map { $0 == .boolean }
        super.init(header: header, kinds: kinds)
        if !unusable.isEmpty {
            let enums = try Self.enumTypes(unusable.map(\.1), connection: connection)
            for (name, type) in unusable where !enums.contains(type) {
                let typeName = try Self.typeName(type, connection: connection)
                throw DatabaseError(.unusableType, source: connection.source,
                                    detail: "column \"\(name)\" is of type \(typeName), which no lead column can hold",
                                    advice: "convert it in the query (RowSelection.query; e.g. \(SQLName.quoted(name))::text), or add \"\(name)\" to the excluded columns (LoadOptions.excluded)")
            }
        }
    }

    deinit {
        PQclear(result)
        // Ending the transaction closes the cursor; the connection closes right after.
        if let ended = PQexec(connection.handle, "ROLLBACK") { PQclear(ended) }
    }

    /// Built-in types by OID (pg_type.dat); enums and domains are looked up, anything else is refused.
    static func kind(oid: UInt32) -> DeclaredKind? {
        switch oid {
        case 16: return .boolean
        case 20, 21, 23, 26, 700, 701, 1700: return .number
        case 18, 19, 25, 1042, 1043, 2950: return .text
        case 1082, 1114, 1184: return .date
        default: return nil
        }
    }

    /// Which of `types` are enums (read as text labels).
    private static func enumTypes(_ types: [UInt32], connection: PostgresConnection) throws(DatabaseError) -> Set<UInt32> {
        var enums = Set<UInt32>()
        for type in types {
            let result = try connection.execute("SELECT typtype = 'e' FROM pg_type WHERE oid = $1::oid", [String(type)],
                                                doing: "looking up a column type", expecting: PGRES_TUPLES_OK)
            if PQntuples(result) == 1, String(cString: PQgetvalue(result, 0, 0)) == "t" { enums.insert(type) }
            PQclear(result)
        }
        return enums
    }

    private static func typeName(_ type: UInt32, connection: PostgresConnection) throws(DatabaseError) -> String {
        let result = try connection.execute("SELECT format_type($1::oid, NULL)", [String(type)], doing: "looking up a column type", expecting: PGRES_TUPLES_OK)
        defer { PQclear(result) }
        return PQntuples(result) == 1 ? String(cString: PQgetvalue(result, 0, 0)) : "oid \(type)"
    }

    override func advance() throws -> Bool {
        rowInResult += 1
        while rowInResult >= rowsInResult {
            if finished || rowsInResult < Self.fetchSize {
                finished = true
                return false
            }
            PQclear(result)
            result = nil
            let next = try connection.execute("FETCH FORWARD \(Self.fetchSize) FROM leadscore_rows", doing: "reading rows after row \(recordCount)",
                                              expecting: PGRES_TUPLES_OK)
            result = next
            rowsInResult = Int(PQntuples(next))
            rowInResult = 0
            if rowsInResult == 0 {
                finished = true
                return false
            }
        }
        return true
    }

    override func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let row = Int32(rowInResult), column = Int32(index)
        if PQgetisnull(result, row, column) != 0 { return StaticBytes.empty }
        let value = PQgetvalue(result, row, column)!
        if booleans[index] { return value.pointee == UInt8(ascii: "t") ? StaticBytes.yes : StaticBytes.no }
        return UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: Int(PQgetlength(result, row, column)))
    }
}
