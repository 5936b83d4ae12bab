import CLibPQ
import Foundation

/// A connection to a PostgreSQL server (libpq through the `CLibPQ` module map). Closed when released.
///
/// libpq reads the URL, and the password from `PGPASSWORD`, `~/.pgpass` or `PGSERVICE` when the URL has
/// none; `sslmode` and the other TLS parameters pass through. Notices go nowhere (not to standard error).
final class PostgresConnection {
    let handle: OpaquePointer
    let address: DatabaseAddress
    /// The address and what is read or written, for errors.
    let source: String

    init(address: DatabaseAddress, url: String, source: String) throws(DatabaseError) {
        self.address = address
        self.source = source
        guard let handle = PQconnectdb(url) else {
            throw DatabaseError(.unreachable, source: source, detail: "libpq could not allocate a connection", advice: "")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = oneLine(address.scrub(String(cString: PQerrorMessage(handle))))
            PQfinish(handle)
            if message.contains("password authentication failed") || message.contains("no password supplied")
                || message.contains("authentication failed") {
                throw DatabaseError(.authenticationFailed, source: source, detail: "the server refused the login (\(message))",
                                    advice: "check the user and the password in PGPASSWORD, ~/.pgpass, the PGSERVICE entry, or the URL in the variable env: names")
            }
            throw DatabaseError(.unreachable, source: source, detail: "cannot connect (\(message))",
                                advice: "check that the server runs and the host, port and database in the address")
        }
        self.handle = handle
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// An error for a failed result (or a broken connection), classified by its SQLSTATE.
    func failure(_ result: OpaquePointer?, doing: String) -> DatabaseError {
        // The server's primary message (without "ERROR:" and the query excerpt psql would draw), or libpq's.
        let primary = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map { String(cString: $0) }
        let message = oneLine(address.scrub(primary ?? String(cString: PQerrorMessage(handle))))
        if PQstatus(handle) != CONNECTION_OK {
            return DatabaseError(.connectionLost, source: source, detail: "the connection was lost while \(doing) (\(message))",
                                 advice: "run the command again once the server is back; nothing was kept from this run")
        }
        let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map { String(cString: $0) } ?? ""
        switch state {
        case "42P01", "3F000":
            return DatabaseError(.missingTable, source: source, detail: message, advice: "check the table name (RowSelection.table) or the query's FROM (RowSelection.query)")
        case "42703":
            return DatabaseError(.missingColumn, source: source, detail: message, advice: "check the query's column names")
        case "25006":
            return DatabaseError(.readOnly, source: source, detail: "the database accepts no writes (\(message))",
                                 advice: "write to a primary server, or a database and user allowed to write")
        case "42501":
            return DatabaseError(.queryFailed, source: source, detail: "permission denied while \(doing) (\(message))",
                                 advice: "grant the user the rights it needs, or connect as another user")
        default:
            return DatabaseError(.queryFailed, source: source, detail: "\(doing) failed: \(message)", advice: "check the SQL")
        }
    }

    /// Runs one statement (parameters bound, never spliced into the text); the result must be `expected`.
    /// The caller clears the returned result.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = [], doing: String, expecting expected: ExecStatusType = PGRES_COMMAND_OK) throws(DatabaseError) -> OpaquePointer {
        let result = withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard let result, PQresultStatus(result) == expected else {
            let error = failure(result, doing: doing)
            PQclear(result)
            throw error
        }
        return result
    }

    /// Runs a statement whose result is not needed.
    func run(_ sql: String, _ parameters: [String?] = [], doing: String) throws(DatabaseError) {
        PQclear(try execute(sql, parameters, doing: doing))
    }
}

/// A multi-line message from libpq as one line, for an error that names its source first.
func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
}

/// Calls `body` with C strings for `values` (nil for NULL), alive for the call.
func withCStrings<Result>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
    let copies = values.map { $0.map { strdup($0)! } }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
