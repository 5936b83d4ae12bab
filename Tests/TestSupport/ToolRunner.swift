import Foundation

/// What a run of a command-line tool printed and how it exited.
public struct ToolResult: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String

    public init(status: Int32, output: String, errors: String) {
        self.status = status
        self.output = output
        self.errors = errors
    }
}

/// The one way tests run another program (the built `leadscore`, `sqlite3`, the project's Python): the
/// input comes from a file and standard error goes to a file while standard output is read, so a tool that
/// writes a lot to both, or reads a long script while printing, can never dead-lock against the test (two
/// pipes read one after the other can: the tool blocks on the full one nobody reads yet).
public enum ToolRunner {
    /// Runs a configured `process` (executable, arguments, environment set by the caller) to the end.
    /// - Parameters:
    ///   - input: standard input; `nil` for none (the null device), so a tool that reads it sees its end.
    ///   - folder: the working folder; `nil` leaves the process's own.
    public static func run(_ process: Process, input: String? = nil, in folder: URL? = nil) throws -> ToolResult {
        let scratch = FileManager.default.temporaryDirectory
        let inputFile = scratch.appendingPathComponent("tool-input-\(UUID().uuidString)")
        let errorFile = scratch.appendingPathComponent("tool-errors-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: inputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        try Data((input ?? "").utf8).write(to: inputFile)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let stdin = try FileHandle(forReadingFrom: inputFile)
        defer { try? stdin.close() }
        let stderr = try FileHandle(forWritingTo: errorFile)
        defer { try? stderr.close() }
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = stderr
        if let folder { process.currentDirectoryURL = folder }
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let complained = (try? Data(contentsOf: errorFile)) ?? Data()
        return ToolResult(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
                          errors: String(decoding: complained, as: UTF8.self))
    }

    /// Runs the program at `executable` with `arguments`.
    public static func run(_ executable: URL, _ arguments: [String], input: String? = nil, in folder: URL? = nil,
                           environment: [String: String]? = nil) throws -> ToolResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        return try run(process, input: input, in: folder)
    }

    /// Runs the tool `name` found on the PATH (through `/usr/bin/env`), e.g. `sqlite3` or `python3`.
    public static func run(tool name: String, _ arguments: [String], input: String? = nil, in folder: URL? = nil) throws -> ToolResult {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, input: input, in: folder)
    }
}
