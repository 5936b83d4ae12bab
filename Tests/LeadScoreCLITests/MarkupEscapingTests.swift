import Foundation
import XCTest
@testable import LeadScoreCLI

/// The escaping every report text goes through, on the cases a `Character`-by-`Character` loop got wrong:
/// a quote or a pipe followed by a combining mark is one `Character` that is not `"` or `|`.
final class MarkupEscapingTests: XCTestCase {
    func testHTMLEscapesAQuoteCarryingACombiningMark() {
        let hostile = "x\"\u{301} onmouseover=alert(1) y='\u{301}<\u{301}script>&\u{301}"
        let escaped = Markup.html(hostile)
        for raw in ["\"", "'", "<", ">"] { XCTAssertFalse(escaped.unicodeScalars.contains(raw.unicodeScalars.first!), "raw \(raw) in \(escaped)") }
        XCTAssertEqual(escaped, "x&quot;\u{301} onmouseover=alert(1) y=&#39;\u{301}&lt;\u{301}script&gt;&amp;\u{301}")
    }

    /// XML forbids most C0 controls even as references; a name holding one must not break the SVG.
    func testHTMLReplacesCharactersXMLForbids() {
        XCTAssertEqual(Markup.html("a\u{0}b\u{1}c\u{1B}d\u{7F}e\u{FFFE}f\tg\nh"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{7F}e\u{FFFD}f\tg\nh")
    }

    func testMarkdownEscapesPunctuationCarryingACombiningMark() {
        let escaped = Markup.markdown("a|\u{301}b[\u{301}c](x)`\u{301}")
        XCTAssertEqual(escaped, "a\\|\u{301}b\\[\u{301}c\\](x)\\`\u{301}")
    }

    func testMarkdownPutsEveryLineBreakOnOneLine() {
        for separator in ["\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"] {
            let escaped = Markup.markdown("a\(separator)# b")
            XCTAssertFalse(escaped.unicodeScalars.contains { $0.properties.isWhitespace && $0 != " " }, "\(separator.unicodeScalars.map(\.value))")
            XCTAssertTrue(escaped.hasSuffix("\\# b"), escaped)
        }
    }

    /// Every scalar that could end a line or hide code is escaped, so the literal is one line of ASCII
    /// punctuation plus printable text; Python's own reading of it is checked in NotebookInjectionTests.
    func testPythonStringEscapesEveryControlAndFormatCharacter() {
        let controls = (0..<0x20).map { Unicode.Scalar($0)! } + [Unicode.Scalar(0x7F)!, Unicode.Scalar(0x85)!, "\u{2028}", "\u{2029}", "\u{202E}", "\u{200B}", "\u{FEFF}", "\u{E000}", "\u{E0001}"]
        let literal = PythonSource.string(String(String.UnicodeScalarView(controls)) + "é\"\\")
        XCTAssertTrue(literal.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) || $0 == "é" }, literal)
        XCTAssertTrue(literal.hasPrefix(#""\x00\x01"#), literal)
        XCTAssertTrue(literal.contains(#"\t\n\x0b\x0c\r\x0e"#), literal)
        XCTAssertTrue(literal.hasSuffix(#"\u2028\u2029\u202e\u200b\ufeff\ue000\U000e0001é\"\\""#), literal)
    }
}
