import Foundation
import XCTest

/// The built `leadscore` binary beside the test bundle.
func leadScoreBinary() throws -> String {
    let binary = Bundle.main.bundleURL.appendingPathComponent("leadscore").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        throw XCTSkip("the leadscore binary is not at \(binary)")
    }
    return binary
}

/// Runs a bash script from the repository root with `$LEADSCORE` naming the built binary, as a user's shell
/// would run the command (pipes, redirections, `ulimit`, namespaces). `environment` adds variables.
func runShell(_ script: String, environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = cliRepositoryRoot
    var variables = ProcessInfo.processInfo.environment
    variables["LEADSCORE"] = try leadScoreBinary()
    for (name, value) in environment { variables[name] = value }
    process.environment = variables
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Drain stderr on another thread so that neither pipe can fill up and stall the script.
    nonisolated(unsafe) var complained = Data()
    let drained = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        complained = errors.fileHandleForReading.readDataToEndOfFile()
        drained.signal()
    }
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    drained.wait()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
                         errors: String(decoding: complained, as: UTF8.self))
}

/// The names in `folder`, hidden ones included, sorted.
func folderListing(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
}

/// The file type `stat` reports for `path` ("regular file", "fifo", "directory", ...), following links.
func fileType(_ path: String) -> String {
    var status = stat()
    guard stat(path, &status) == 0 else { return "missing" }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return "regular file"
    case S_IFDIR: return "directory"
    case S_IFIFO: return "fifo"
    case S_IFCHR: return "character device"
    default: return "other"
    }
}

/// The first `rows` leads of the shipped synthetic file, written to `folder` (a small file trains in seconds).
func smallLeads(rows: Int, in folder: URL) throws -> String {
    let text = try String(contentsOfFile: cliRepositoryRoot.appendingPathComponent("datasets/synthetic/leads.csv").path, encoding: .utf8)
    let path = folder.appendingPathComponent("small.csv").path
    try (text.split(separator: "\n").prefix(rows + 1).joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    return path
}
