import Foundation

/// Where a database is: `sqlite:PATH` or a PostgreSQL URL (`postgresql://user@host:port/db?sslmode=require`),
/// as a user writes it in place of a CSV path.
///
/// The password is never part of what is shown: `description` is the address with any password (in the
/// user-info part or a `password=` parameter) removed, and that is what errors, reports and a card's
/// provenance record. libpq itself finds the password in `PGPASSWORD`, `~/.pgpass` or a `PGSERVICE`
/// entry, and TLS settings (`sslmode`, `sslrootcert`, …) pass through the URL to it unchanged.
public struct DatabaseAddress: Sendable, Equatable, CustomStringConvertible {
    /// Which engine, and how to reach it.
    public enum Engine: Sendable, Equatable {
        /// A SQLite file.
        case sqlite(path: String)
        /// A PostgreSQL server; `url` is handed to libpq as is (it may hold a password).
        case postgres(url: String)
    }

    /// SQLite or PostgreSQL, and the path or URL the client library opens.
    public var engine: Engine
    /// The address without its password: safe to print, log and record.
    public private(set) var description: String
    /// The password the address itself holds, if any, so that it can be blotted out of a server's message.
    let password: String?

    /// The address in `text`, or `nil` when `text` is not a database address (then it is a file path).
    /// `env:NAME` reads the address from the environment variable `NAME`, the way to pass a URL that holds a
    /// password without it showing on a command line.
    /// - Throws: `DatabaseError` for `env:NAME` when `NAME` is not set, or holds no database address.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DatabaseError) -> DatabaseAddress? {
        if text.hasPrefix("env:") {
            let name = String(text.dropFirst(4))
            guard let value = environment[name], !value.isEmpty else {
                throw DatabaseError(.badAddress, source: text, detail: "the environment variable \(name) is not set",
                                    advice: "export \(name)='postgresql://user:password@host/database' (or sqlite:PATH) before running")
            }
            guard let address = try parse(value, environment: [:]) else {
                throw DatabaseError(.badAddress, source: text, detail: "\(name) does not hold a database address",
                                    advice: "set it to sqlite:PATH or postgresql://…")
            }
            return address
        }
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }  // sqlite:///abs/path as well as sqlite:/abs/path
            guard !path.isEmpty else {
                throw DatabaseError(.badAddress, source: text, detail: "no file after sqlite:", advice: "write sqlite:PATH, e.g. sqlite:leads.db")
            }
            return DatabaseAddress(engine: .sqlite(path: path), description: "sqlite:" + path, password: nil)
        }
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            let (redacted, password) = redact(text)
            return DatabaseAddress(engine: .postgres(url: text), description: redacted, password: password)
        }
        return nil
    }

    /// Whether `text` is meant as a database address rather than a file path.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("sqlite:") || text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") || text.hasPrefix("env:")
    }

    /// Whether the address holds a password: then it must not be given on a command line, where the process
    /// list and the shell's history show it to others.
    public var holdsPassword: Bool { password != nil }

    /// `text` with every password this address or the environment's `PGPASSWORD` holds replaced by `***`:
    /// for messages that come back from a server or a client library.
    func scrub(_ text: String) -> String {
        var text = text
        for secret in [password, ProcessInfo.processInfo.environment["PGPASSWORD"]].compactMap({ $0 }) where secret.count >= 4 {
            text = text.replacingOccurrences(of: secret, with: "***")
            if let decoded = secret.removingPercentEncoding, decoded != secret { text = text.replacingOccurrences(of: decoded, with: "***") }
        }
        return text
    }

    /// The URL without the password of its user-info part and without a `password` parameter; and the
    /// password, percent-decoded.
    static func redact(_ url: String) -> (String, String?) {
        var password: String?
        guard let schemeEnd = url.range(of: "://") else { return (url, nil) }
        var rest = String(url[schemeEnd.upperBound...])
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        let afterAuthority = String(rest[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                password = String(userInfo[userInfo.index(after: colon)...])
                authority = String(userInfo[..<colon]) + String(authority[at...])
            }
        }
        rest = authority
        var tail = afterAuthority
        if let question = afterAuthority.firstIndex(of: "?") {
            let path = afterAuthority[..<question]
            var kept: [Substring] = []
            for parameter in afterAuthority[afterAuthority.index(after: question)...].split(separator: "&") {
                let key = parameter.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
                if key == "password" {
                    password = parameter.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
                } else {
                    kept.append(parameter)
                }
            }
            tail = String(path) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        return (String(url[..<schemeEnd.upperBound]) + rest + tail, password.map { $0.removingPercentEncoding ?? $0 })
    }
}

/// What to read from a database: a whole table (`schema.table` or `table`) or the rows of a query.
public enum RowSelection: Sendable, Equatable {
    /// Every row of a table, by its name: `table`, or `schema.table` (split at the first dot).
    case table(String)
    /// The rows a SELECT query returns; trailing semicolons are dropped.
    case query(String)

    /// The SELECT that reads the rows: the table's name quoted (so any name is safe), or the query without
    /// a trailing semicolon.
    var sql: String {
        switch self {
        case .table(let name): return "SELECT * FROM " + SQLName.qualified(name)
        case .query(let text):
            var query = text.trimmingCharacters(in: .whitespacesAndNewlines)
            while query.hasSuffix(";") { query = String(query.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
            return query
        }
    }

    /// "table leads", or "query" and the query's first 80 characters on one line (control characters
    /// dropped), enough to tell two sources apart in a message or a card's provenance.
    var label: String {
        switch self {
        case .table(let name): return "table \(name)"
        case .query(let text):
            let words = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return "query \"" + (words.count > 80 ? words.prefix(79) + "…" : words) + "\""
        }
    }
}

/// SQL identifiers written so that any text is one name: in double quotes, with inner quotes doubled. The
/// same rule holds in SQLite and PostgreSQL.
enum SQLName {
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `schema.table` as two quoted names (split at the first dot), a name without a dot as one.
    static func qualified(_ name: String) -> String {
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else { return quoted(name) }
        return quoted(String(name[..<dot])) + "." + quoted(String(name[name.index(after: dot)...]))
    }
}

extension RowSelection {
    /// A short name for what is read: the table's name, or "query".
    public var name: String {
        switch self {
        case .table(let name): return name
        case .query: return "query"
        }
    }
}
