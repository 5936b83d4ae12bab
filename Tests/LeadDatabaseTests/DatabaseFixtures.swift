import CLibPQ
import CSQLite
import Foundation
import LeadDatabase
import XCTest

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped synthetic leads (`datasets/synthetic/leads.csv`), first `rows` rows, written to `folder`
/// as `leads.csv`: small enough for a fast test, the same rows for the CSV and both databases.
func shippedLeads(rows: Int, in folder: URL) throws -> (path: String, header: [String], records: [[String]]) {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("datasets/synthetic/leads.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(rows + 1).map(String.init)
    let path = folder.appendingPathComponent("leads.csv").path
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    // The file holds no quotes (checked here), so a comma always separates fields.
    XCTAssertFalse(lines.contains { $0.contains("\"") })
    let split = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return (path, split[0], Array(split.dropFirst()))
}

/// The column types of `leads.csv` as a CRM's table would declare them: the roles the CSV loader infers
/// (integers and decimals numeric, yes/no boolean, labels text), the outcome an integer.
let leadColumnTypes: [String: (sqlite: String, postgres: String)] = {
    var types: [String: (String, String)] = [:]
    for name in ["lead_id", "company_size", "page_views", "pricing_page_visits", "email_clicks", "whitepaper_downloads",
                 "days_since_last_activity", "form_submissions", "converted"] { types[name] = ("INTEGER", "INTEGER") }
    for name in ["lead_source", "job_level", "industry"] { types[name] = ("TEXT", "TEXT") }
    for name in ["webinar_attended", "demo_requested"] { types[name] = ("BOOLEAN", "BOOLEAN") }
    for name in ["noise_0", "noise_1", "noise_2", "noise_3"] { types[name] = ("REAL", "DOUBLE PRECISION") }
    return types
}()

/// A fresh temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-db-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
}

/// A SQLite file driven through the C library directly (not through LeadDatabase), to set up and check.
final class SQLiteFile {
    let handle: OpaquePointer
    let path: String

    init(_ path: String, readOnly: Bool = false) throws {
        self.path = path
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE), nil) == SQLITE_OK, let handle else {
            throw TestFailure("cannot open \(path)")
        }
        self.handle = handle
    }

    deinit { sqlite3_close_v2(handle) }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw TestFailure("\(sql): \(String(cString: sqlite3_errmsg(handle)))") }
    }

    /// Every row of `sql`, each value as text (NULL as nil; reals with 17 digits).
    func rows(_ sql: String) throws -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw TestFailure("\(sql): \(String(cString: sqlite3_errmsg(handle)))")
        }
        defer { sqlite3_finalize(statement) }
        var rows: [[String?]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append((0..<sqlite3_column_count(statement)).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_NULL: return nil
                case SQLITE_FLOAT: return "\(sqlite3_column_double(statement, column))"
                default: return String(cString: sqlite3_column_text(statement, column))
                }
            })
        }
        return rows
    }

    /// A table `name` of the CSV's rows, each value bound with its declared type (yes/no as 1/0, empty as NULL).
    func load(table name: String, header: [String], records: [[String]]) throws {
        let columns = header.map { "\($0) \(leadColumnTypes[$0]!.sqlite)" }.joined(separator: ", ")
        try execute("CREATE TABLE \(name) (\(columns)); BEGIN")
        var statement: OpaquePointer?
        let placeholders = header.map { _ in "?" }.joined(separator: ", ")
        guard sqlite3_prepare_v2(handle, "INSERT INTO \(name) VALUES (\(placeholders))", -1, &statement, nil) == SQLITE_OK, let statement else {
            throw TestFailure(String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for record in records {
            sqlite3_reset(statement)
            for (index, value) in record.enumerated() {
                let position = Int32(index + 1)
                if value.isEmpty { sqlite3_bind_null(statement, position); continue }
                switch leadColumnTypes[header[index]]!.sqlite {
                case "INTEGER": sqlite3_bind_int64(statement, position, Int64(value)!)
                case "REAL": sqlite3_bind_double(statement, position, Double(value)!)
                case "BOOLEAN": sqlite3_bind_int64(statement, position, value == "yes" ? 1 : 0)
                default: sqlite3_bind_text(statement, position, value, -1, transient)
                }
            }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw TestFailure(String(cString: sqlite3_errmsg(handle))) }
        }
        try execute("COMMIT")
    }
}

/// The throwaway PostgreSQL server `bin/with-postgres` starts (`LEADSCORE_TEST_PG`), driven through libpq
/// directly, each test in its own schema (dropped at the end). Without the server the test fails and says
/// how to run it: the database sources are a product, and a suite that skips them has not checked them.
final class PostgresServer {
    let handle: OpaquePointer
    /// host, port, database and user from `LEADSCORE_TEST_PG`.
    let settings: [String: String]
    let schema = "leadscore_db_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")

    init(_ test: XCTestCase) throws {
        guard let conninfo = ProcessInfo.processInfo.environment["LEADSCORE_TEST_PG"], !conninfo.isEmpty else {
            throw TestFailure("LEADSCORE_TEST_PG is not set, so these tests have no PostgreSQL server: run them as the README says (bin/with-postgres swift test)")
        }
        settings = Dictionary(conninfo.split(separator: " ").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }) { first, _ in first }
        guard let handle = PQconnectdb(conninfo), PQstatus(handle) == CONNECTION_OK else {
            throw TestFailure("PostgreSQL at LEADSCORE_TEST_PG=\"\(conninfo)\" cannot be reached")
        }
        self.handle = handle
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try execute("CREATE SCHEMA \(schema)")
        test.addTeardownBlock { [self] in try? execute("DROP SCHEMA \(schema) CASCADE") }
    }

    deinit { PQfinish(handle) }

    /// `postgresql://user@host:port/database` (no password: the server trusts its users), plus `query`.
    func url(user: String? = nil, password: String? = nil, query: String = "") -> String {
        let credentials = (user ?? settings["user"] ?? "postgres") + (password.map { ":" + $0 } ?? "")
        return "postgresql://\(credentials)@\(settings["host"] ?? "127.0.0.1"):\(settings["port"] ?? "5432")/\(settings["dbname"] ?? "postgres")" + query
    }

    @discardableResult
    func execute(_ sql: String) throws -> [[String?]] {
        guard let result = PQexec(handle, sql) else { throw TestFailure("no result for \(sql)") }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw TestFailure("\(sql): \(String(cString: PQresultErrorMessage(result)))")
        }
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { column in
                PQgetisnull(result, row, column) != 0 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }

    /// A table `schema.name` of the CSV file's rows, read by the server's own CSV reader (yes/no are booleans).
    func load(table name: String, header: [String], csv path: String) throws {
        let columns = header.map { "\($0) \(leadColumnTypes[$0]!.postgres)" }.joined(separator: ", ")
        try execute("CREATE TABLE \(schema).\(name) (\(columns))")
        guard let started = PQexec(handle, "COPY \(schema).\(name) FROM STDIN WITH (FORMAT csv, HEADER true)") else { throw TestFailure("COPY") }
        PQclear(started)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = data.withUnsafeBytes { PQputCopyData(handle, $0.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(data.count)) }
        PQputCopyEnd(handle, nil)
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw TestFailure("COPY: \(String(cString: PQresultErrorMessage(result)))") }
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What a run of the built `leadscore` binary printed and how it exited.
struct CommandResult {
    var status: Int32
    var output: String
    var errors: String
    var all: String { output + errors }
}

/// Runs the `leadscore` binary built beside the test bundle, with `environment` added to ours.
func runLeadScore(_ arguments: [String], environment: [String: String] = [:], in folder: URL) throws -> CommandResult {
    let binary = Bundle.main.bundleURL.appendingPathComponent("leadscore")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let complained = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
                         errors: String(decoding: complained, as: UTF8.self))
}

/// The scored CSV `leadscore score … --explain 3` writes, by lead id: points, tier, probability, reasons.
func scoredCSV(_ path: String) throws -> [String: [String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let wanted = ["points", "tier", "probability", "reasons"].map { header.firstIndex(of: $0)! }
    var scores: [String: [String]] = [:]
    for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        scores[fields[0]] = wanted.map { fields[$0] }
    }
    return scores
}
