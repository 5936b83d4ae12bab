import Foundation

/// The project's Python (`.venv/bin/python3`), which `bin/setup` creates with pinned nbformat, jsonschema
/// and duckdb for the checks done by those reference implementations. Tests use it rather than whatever
/// `python3` is on the PATH, so they run — never skip — on every machine set up by `bin/setup`.
public enum ProjectPython {
    public static var executable: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()   // Tests/TestSupport
            .deletingLastPathComponent().deletingLastPathComponent()  // the repository
            .appendingPathComponent(".venv/bin/python3")
    }

    /// A process running the project's Python with `arguments`; throws, failing the test, when `bin/setup`
    /// has not made the environment.
    public static func process(_ arguments: [String]) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { throw Missing() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        return process
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "\(ProjectPython.executable.path) is missing: run bin/setup, which creates the project's Python environment with nbformat, jsonschema and duckdb"
        }
    }

    /// Exit status of the project's Python when a required package cannot be imported (the scripts exit 3).
    public static let importFailed: Int32 = 3
}

/// A tool the tests need is not installed; `bin/setup` installs it.
public struct MissingTool: Error, CustomStringConvertible {
    public var tool: String
    public init(_ tool: String) { self.tool = tool }
    public var description: String { "\(tool) is not installed: run bin/setup, which installs it" }
}
