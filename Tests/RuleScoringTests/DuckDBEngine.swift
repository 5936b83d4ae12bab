import Foundation
import RuleScoring

/// DuckDB (Python's `duckdb` package) as the engine for the `ansi` dialect, for the hostile-text and
/// padded-number checks. The Python is the project's `.venv/bin/python3` that `bin/setup` creates (or
/// `python3` on the PATH); without `duckdb` the test fails with what to do, never skips.
struct DuckDB: SQLEngine {
    let dialect = SQLDialect.ansi
    let python: [String]
    let database: String

    init(database: String) throws {
        let venv = repositoryRoot.appendingPathComponent(".venv/bin/python3").path
        python = FileManager.default.isExecutableFile(atPath: venv) ? [venv] : ["/usr/bin/env", "python3"]
        self.database = database
        do {
            _ = try runTool(python[0], arguments: Array(python.dropFirst()) + ["-c", "import duckdb"], script: "", name: "python3")
        } catch {
            throw EngineFailure(description: "Python's duckdb package is not available (\(error)); run bin/setup, which installs it")
        }
    }

    private static let runner = """
        import csv, sys, duckdb
        con = duckdb.connect(sys.argv[1])
        result = con.execute(sys.stdin.read())
        if sys.argv[2] == "print" and result.description:
            out = csv.writer(sys.stdout, lineterminator="\\n")
            for row in result.fetchall():
                out.writerow(["" if value is None else value for value in row])
        """

    @discardableResult
    func run(_ script: String) throws -> String {
        try runTool(python[0], arguments: Array(python.dropFirst()) + ["-c", Self.runner, database, "print"], script: script, name: "duckdb")
    }

    func runLikeAUser(_ script: String) -> String {
        do {
            _ = try runTool(python[0], arguments: Array(python.dropFirst()) + ["-c", Self.runner, database, "quiet"], script: script, name: "duckdb")
            return ""
        } catch {
            return "\(error)"
        }
    }

    func hex(_ expression: String) -> String { "HEX(\(expression))" }
    var discardOutput: String { "" }
    var keepOutput: String { "" }
    var textType: String { "VARCHAR" }
}
