import Foundation
import XCTest

/// `train` shows a live progress line (stage, rounds of at most how many, time left) on a terminal's
/// standard error, and nothing when standard error is a pipe.
final class ProgressLineTests: XCTestCase {
    func testALiveLineOnATerminalAndNothingOnAPipe() throws {
        let folder = try cliTemporaryFolder(self)
        let card = folder.appendingPathComponent("card.json").path
        let data = cliRepositoryRoot.appendingPathComponent("datasets/synthetic/leads.csv").path
        let arguments = ["train", data, "--target", "converted", "--out", card]

        let piped = try runLeadScore(arguments)
        XCTAssertEqual(piped.status, 0, piped.errors)
        XCTAssertEqual(piped.errors, "", "no progress when standard error is not a terminal")

        // util-linux `script` runs the command on a pseudo-terminal and copies what it wrote.
        let binary = Bundle.main.bundleURL.appendingPathComponent("leadscore").path
        let quoted = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", quoted, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let screen = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, screen)
        XCTAssertTrue(screen.contains("loading \(data)"), screen)
        XCTAssertNotNil(screen.range(of: #"training boosted stumps: \d+ of at most 4000 rounds, at most \d+ s left"#, options: .regularExpression))
        XCTAssertTrue(screen.contains("rounding to points, calibrating and choosing tiers"))
        XCTAssertTrue(screen.contains("Card written to \(card)"), "the summary follows the cleared line")
    }
}
