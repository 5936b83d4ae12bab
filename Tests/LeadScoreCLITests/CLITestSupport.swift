import Foundation
import XCTest

/// The repository root, found from this file's path.
let cliRepositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// What a run of the built `leadscore` binary printed and how it exited.
struct CommandResult {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs the `leadscore` binary built beside the test bundle, from the repository root.
func runLeadScore(_ arguments: [String]) throws -> CommandResult {
    let binary = Bundle.main.bundleURL.appendingPathComponent("leadscore")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: binary.path])
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = cliRepositoryRoot
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let complained = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
                         errors: String(decoding: complained, as: UTF8.self))
}

/// A fresh temporary folder, removed when the test ends.
func cliTemporaryFolder(_ test: XCTestCase) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
}
