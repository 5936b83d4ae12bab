import Foundation
import RuleScoring
import TestSupport

/// A real PostgreSQL server driven through `psql`, each test in its own schema (dropped at the end).
///
/// The server is the one `bin/with-postgres` starts (the README's test command and `.ci/run` run the suite
/// through it): `LEADSCORE_TEST_PG` holds its libpq connection string and `LEADSCORE_TEST_PSQL` the `psql`
/// to run. Without them, or when the server cannot be reached, the test fails with what to do: the
/// exported SQL is a product, and a suite that skips its PostgreSQL checks has not checked it.
struct PostgreSQL: SQLEngine {
    let dialect = SQLDialect.postgres
    let psql: String
    let connection: String
    let schema: String

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let connection = environment["LEADSCORE_TEST_PG"], !connection.isEmpty else {
            throw EngineFailure(description: """
                LEADSCORE_TEST_PG is not set, so the PostgreSQL tests have no server: run the suite as the README says \
                (bin/with-postgres swift test), which starts a throwaway one, or set LEADSCORE_TEST_PG to a libpq \
                connection string (e.g. "host=127.0.0.1 port=5432 dbname=test user=postgres")
                """)
        }
        self.connection = connection
        psql = environment["LEADSCORE_TEST_PSQL"].flatMap { $0.isEmpty ? nil : $0 } ?? "psql"
        schema = "leadscore_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        do {
            try run("CREATE SCHEMA \(schema);", searchPath: false)
        } catch {
            throw EngineFailure(description: "PostgreSQL at LEADSCORE_TEST_PG=\"\(connection)\" cannot be reached or used: \(error)")
        }
    }

    /// Drops the test's schema and everything in it.
    func drop() {
        _ = try? run("DROP SCHEMA \(schema) CASCADE;", searchPath: false)
    }

    /// Runs `script` (SQL and psql meta-commands) from standard input, as `export-sql … | psql` would;
    /// stops at the first error. Returns standard output: rows as CSV without a header.
    @discardableResult
    func run(_ script: String) throws -> String { try run(script, searchPath: true) }

    /// `export-sql … | psql`: no stop at an error; returns what psql printed on standard error.
    func runLikeAUser(_ script: String) -> String {
        do {
            _ = try run(script, searchPath: true, stopAtError: false)
            return ""
        } catch {
            return "\(error)"
        }
    }

    private func run(_ script: String, searchPath: Bool, stopAtError: Bool = true) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = (searchPath ? "-c search_path=\(schema) " : "") + "-c client_min_messages=warning"
        let psqlPath = psql.contains("/") ? psql : "/usr/bin/env"
        let arguments = (psql.contains("/") ? [] : [psql]) + [connection, "-X", "-q", "-t", "--csv"] + (stopAtError ? ["-v", "ON_ERROR_STOP=1"] : [])
        return try runTool(psqlPath, arguments: arguments, script: script, environment: environment, name: "psql")
    }

    func hex(_ expression: String) -> String { "UPPER(ENCODE(CONVERT_TO(\(expression), 'UTF8'), 'hex'))" }
    var discardOutput: String { "\\o /dev/null" }
    var keepOutput: String { "\\o" }
    var textType: String { "TEXT" }
}

/// What the tests need from an engine: run a script, spell a value's UTF-8 bytes in hex, and switch
/// printing off for a query whose rows are not needed (its result is read again through a table).
protocol SQLEngine {
    var dialect: SQLDialect { get }
    @discardableResult func run(_ script: String) throws -> String
    /// Runs `script` as `… | client` would: going on after an error. Returns the errors printed, if any.
    func runLikeAUser(_ script: String) -> String
    func hex(_ expression: String) -> String
    var discardOutput: String { get }
    var keepOutput: String { get }
    var textType: String { get }
}

extension SQLite: SQLEngine {
    var dialect: SQLDialect { .sqlite }
    func runLikeAUser(_ script: String) -> String {
        do {
            _ = try runTool(executable.path, arguments: ["-csv", database], script: script, name: "sqlite3")
            return ""
        } catch {
            return "\(error)"
        }
    }
    func hex(_ expression: String) -> String { "HEX(\(expression))" }
    var discardOutput: String { ".output /dev/null" }
    var keepOutput: String { ".output stdout" }
    var textType: String { "TEXT" }
}

/// Runs a command-line tool with `script` as its standard input (`ToolRunner`, which cannot dead-lock
/// against the tool's output); fails on a non-zero exit or anything on standard error.
func runTool(_ executable: String, arguments: [String], script: String, environment: [String: String]? = nil, name: String) throws -> String {
    let result = try ToolRunner.run(URL(fileURLWithPath: executable), arguments, input: script, environment: environment)
    guard result.status == 0, result.errors.isEmpty else {
        throw EngineFailure(description: "\(name) failed (exit \(result.status)): \(result.errors)")
    }
    return result.output
}
