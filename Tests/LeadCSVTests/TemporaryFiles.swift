import Foundation
import XCTest

extension XCTestCase {
    /// Writes `bytes` to a new file in a fresh temporary folder, removed when the test ends.
    func temporaryFile(_ bytes: [UInt8], name: String = "leads.csv") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("LeadCSVTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func temporaryFile(_ text: String, name: String = "leads.csv") throws -> String {
        try temporaryFile(Array(text.utf8), name: name)
    }
}
