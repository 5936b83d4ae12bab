import Foundation
import LeadCSV
import LeadData

/// Leads in a database: an address and a table or query. Loads them into a `Dataset` through the same
/// loader a CSV goes through, so the same rows give the same dataset, card and scores; and hands their
/// rows to a scorer one at a time.
///
/// ```swift
/// let source = DatabaseSource(address: try DatabaseAddress.parse("sqlite:crm.db")!, rows: .table("leads"))
/// let leads = try source.load(options: LoadOptions(target: "converted"))
/// ```
public struct DatabaseSource: Sendable, CustomStringConvertible {
    /// Where the database is.
    public var address: DatabaseAddress
    /// The table or query whose rows are the leads.
    public var rows: RowSelection

    /// The leads of `rows` at `address`; nothing is opened until they are read.
    public init(address: DatabaseAddress, rows: RowSelection) {
        self.address = address
        self.rows = rows
    }

    /// "postgresql://etl@db.internal/crm, table leads": the address without its password, and what is read.
    public var description: String { "\(address), \(rows.label)" }

    /// The leads, typed by their columns' database types (a SQLite expression without a declared type is
    /// typed from its values, as a CSV column is): numbers, booleans, dates and texts; NULL is missing.
    /// Unique numbers or texts in the first rows are identifiers, as in a CSV; `options.roles` and
    /// `options.excluded` override the types. The rows stream (a server-side cursor, `sqlite3_step`): the
    /// query runs twice, once for the first `options.inferenceRows` rows that tell identifiers, once whole.
    /// - Throws: `DatabaseError` naming the source (without password) for a connection, query or type
    ///   problem; `LoadError` as for a CSV for values that do not fit (its line is the row number).
    public func load(options: LoadOptions) throws -> Dataset {
        var first: DatabaseRows? = try open(excluded: Set(options.excluded))
        let declared = first!.kinds.map { $0?.role }
        return try Dataset.load(source: description, declaredRoles: declared, options: options) {
            if let opened = first {
                first = nil
                return opened
            }
            return try open(excluded: Set(options.excluded))
        }
    }

    /// The rows, one record at a time, for a scorer; columns of types no lead column can hold are refused
    /// unless `excluded`.
    package func records(excluded: Set<String> = []) throws(DatabaseError) -> DatabaseRows {
        try open(excluded: excluded)
    }

    private func open(excluded: Set<String>) throws(DatabaseError) -> DatabaseRows {
        switch address.engine {
        case .sqlite(let path):
            return try SQLiteRows(connection: SQLiteConnection(path: path, writable: false, source: description), selection: rows)
        case .postgres(let url):
            return try PostgresRows(connection: PostgresConnection(address: address, url: url, source: description), selection: rows,
                                    excluded: excluded)
        }
    }
}
