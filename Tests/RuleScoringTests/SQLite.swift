import Foundation
import TestSupport
import XCTest

/// The `sqlite3` command-line tool driven through `Process`: the real engine the exported SQL must run
/// on. Tests fail when it is not installed (`bin/setup` installs it).
struct SQLite {
    let executable: URL
    let database: String

    init(database: String) throws {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let found = folders.map({ URL(fileURLWithPath: String($0)).appendingPathComponent("sqlite3") })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw EngineFailure(description: "sqlite3 is not installed; bin/setup installs it")
        }
        executable = found
        self.database = database
    }

    /// Runs `script` (dot-commands and SQL) from standard input, as `export-sql … | sqlite3 leads.db` would,
    /// stopping at the first error; returns standard output (rows as CSV without a header).
    @discardableResult
    func run(_ script: String) throws -> String {
        try runTool(executable.path, arguments: ["-bail", "-csv", database], script: script, name: "sqlite3")
    }

    /// Runs `script` (dot-commands and SQL) against the database; returns standard output.
    @discardableResult
    func run(_ script: String, arguments: [String]) throws -> String {
        let result = try ToolRunner.run(executable, arguments + [database], input: script)
        guard result.status == 0, result.errors.isEmpty else {
            throw EngineFailure(description: "sqlite3 failed (\(result.status)): \(result.errors)")
        }
        return result.output
    }

    /// Loads a CSV file (header row = column names, every value as text) into a new table.
    func importCSV(_ path: String, table: String) throws {
        try run(".import --csv '\(path)' \(table)\n")
    }

    /// Runs a query and writes its result with a header to `outputPath` as CSV.
    func query(_ sql: String, into outputPath: String) throws {
        try run(".headers on\n.mode csv\n.output '\(outputPath)'\n\(sql)\n.output stdout\n")
    }
}

struct EngineFailure: Error, CustomStringConvertible {
    var description: String
}
