import Foundation
import XCTest
@testable import LeadScoreCLI

/// Data values printed to a terminal are shown, never obeyed: an ESC in a category must not reach the
/// terminal as a control sequence.
final class TerminalEscapingTests: XCTestCase {
    func testControlCharactersAndBidiOverridesAreShownEscaped() {
        XCTAssertEqual(TerminalText.escaped("web\u{1B}[2Jx"), "web\\u{1B}[2Jx")
        XCTAssertEqual(TerminalText.escaped("a\rb\u{7F}c\u{9B}d\u{202E}e"), "a\\u{D}b\\u{7F}c\\u{9B}d\\u{202E}e")
        XCTAssertEqual(TerminalText.escaped("line one\n\tline two"), "line one\n\tline two", "the CLI's own layout stays")
        XCTAssertEqual(TerminalText.escaped("Café – 東京"), "Café – 東京")
    }

    func testInspectShowsAnEscapeInACategoryAsText() throws {
        let folder = try cliTemporaryFolder(self)
        let path = folder.appendingPathComponent("hostile.csv").path
        var csv = "source,visits,converted\n"
        for row in 0..<30 { csv += "\(row % 3 == 0 ? "web\u{1B}[2J\u{1B}]0;owned\u{07}" : "event"),\(row),\(row % 2)\n" }
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try runLeadScore(["inspect", path, "--target", "converted"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertFalse(result.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, result.output)
        XCTAssertTrue(result.output.contains("web\\u{1B}[2J\\u{1B}]0;owned\\u{7}"), result.output)
        XCTAssertFalse(result.errors.unicodeScalars.contains { $0.value == 0x1B }, result.errors)
    }
}
