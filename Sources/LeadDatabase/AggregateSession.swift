import CLibPQ
import Foundation

/// A PostgreSQL connection for a caller that sends aggregate queries and reads their small results back:
/// in-database training (`InDatabaseTraining`), where only aggregates leave the server. Counts the
/// queries and the rows they return, so a run can report how much crossed the wire.
///
/// Every statement runs in one read-only transaction in UTC with shortest exact floats, so a query sees
/// the same snapshot of the table as the ones before it (a stable split and stable histograms while
/// other sessions write).
package final class AggregateSession {
    private let connection: PostgresConnection
    /// The address (without password) and what is read, for errors and provenance.
    package let source: DatabaseSource
    /// Queries sent so far (the setup statements not counted).
    package private(set) var queryCount = 0
    /// Result rows received so far.
    package private(set) var rowsReceived = 0

    /// Opens `source`, which must be a PostgreSQL address; a SQLite file is refused with `.unsupportedEngine`.
    package init(_ source: DatabaseSource) throws(DatabaseError) {
        guard case .postgres(let url) = source.address.engine else {
            throw DatabaseError(.queryFailed, source: source.description,
                                detail: "training inside the database needs PostgreSQL (or a PostgreSQL-compatible engine such as Citus)",
                                advice: "give a postgresql://… address, or load the rows into memory and train there (DatabaseSource.load, not InDatabaseTrainer)")
        }
        self.source = source
        connection = try PostgresConnection(address: source.address, url: url, source: source.description)
        try connection.run("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", doing: "starting a transaction")
        try connection.run("SET LOCAL TIME ZONE 'UTC'", doing: "setting the time zone")
        try connection.run("SET LOCAL extra_float_digits = 1", doing: "setting the float format")
    }

    deinit {
        if let ended = PQexec(connection.handle, "ROLLBACK") { PQclear(ended) }
    }

    /// The SELECT that reads the source's rows (a quoted table name or the user's query), to nest as
    /// `(…) AS lead`.
    package var selectSQL: String { source.rows.sql }

    /// The columns of the source with their declared kinds (`nil`: a type no lead column holds, enums
    /// excepted, which read as text).
    package func columns() throws(DatabaseError) -> [(name: String, role: ColumnKind?)] {
        let result = try connection.execute("SELECT * FROM (\(selectSQL)) AS lead LIMIT 0", doing: "reading the \(source.rows.label)'s columns",
                                            expecting: PGRES_TUPLES_OK)
        defer { PQclear(result) }
        queryCount += 1
        return (0..<PQnfields(result)).map { index in
            let name = String(cString: PQfname(result, index))
            let kind: ColumnKind?
            switch PostgresRows.kind(oid: PQftype(result, index)) {
            case .number: kind = .number
            case .boolean: kind = .boolean
            case .date: kind = .date
            case .text: kind = .text
            case nil: kind = nil
            }
            return (name, kind)
        }
    }

    /// What a column's database type says it holds.
    package enum ColumnKind: Sendable, Equatable { case number, boolean, date, text }

    /// Runs one query and hands each row to `body` as text (NULL as `nil`) without keeping them all: for
    /// a result of many rows (leads per combination of bins).
    package func forEachRow(_ sql: String, _ parameters: [String?] = [], doing: String, _ body: ([String?]) throws -> Void) throws {
        let result = try connection.execute(sql, parameters, doing: doing, expecting: PGRES_TUPLES_OK)
        defer { PQclear(result) }
        queryCount += 1
        let count = Int(PQntuples(result)), width = PQnfields(result)
        rowsReceived += count
        var row = [String?](repeating: nil, count: Int(width))
        for index in 0..<Int32(count) {
            for column in 0..<width {
                row[Int(column)] = PQgetisnull(result, index, column) != 0 ? nil : String(cString: PQgetvalue(result, index, column))
            }
            try body(row)
        }
    }

    /// Runs one query (values already bound as parameters or written as escaped literals) and returns
    /// its rows as text, NULL as `nil`.
    package func rows(_ sql: String, _ parameters: [String?] = [], doing: String) throws(DatabaseError) -> [[String?]] {
        let result = try connection.execute(sql, parameters, doing: doing, expecting: PGRES_TUPLES_OK)
        defer { PQclear(result) }
        queryCount += 1
        let count = Int(PQntuples(result)), width = PQnfields(result)
        rowsReceived += count
        return (0..<Int32(count)).map { row in
            (0..<width).map { column in
                PQgetisnull(result, row, column) != 0 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }
}
