import Foundation
import TestSupport
import XCTest

/// The repository root, found from this file's path.
let cliRepositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// What a run of the built `leadscore` binary printed and how it exited.
typealias CommandResult = ToolResult

/// Runs the `leadscore` binary built beside the test bundle, from the repository root.
func runLeadScore(_ arguments: [String]) throws -> CommandResult {
    let binary = Bundle.main.bundleURL.appendingPathComponent("leadscore")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: binary.path])
    }
    return try ToolRunner.run(binary, arguments, in: cliRepositoryRoot)
}

/// A fresh temporary folder, removed when the test ends.
func cliTemporaryFolder(_ test: XCTestCase) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
}
