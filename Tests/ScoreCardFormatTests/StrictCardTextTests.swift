import Foundation
import ScoreCardFormat
import XCTest

/// Issue 15 items 13 and 7: the card reader is no looser than JSON (duplicate keys and trailing commas are
/// refused, with the JSON path), and text that names or matches data holds no control character.
final class StrictCardTextTests: XCTestCase {
    // MARK: Item 13: strict JSON

    func testDuplicateKeysAreRejectedWithTheJSONPath() {
        let nested = problems(smallCard(replacing: #""points": 10, "label": "1–3 visits""#, with: #""points": 10, "points": 50, "label": "1–3 visits""#))
        XCTAssertTrue(nested.contains(#"criteria[0] "visits" conditions[1].points: the field "points" appears twice in this object"#), nested)
        XCTAssertTrue(nested.contains("(line 15, column"), nested)
        let top = problems(smallCard(replacing: #""basePoints": 5,"#, with: #""basePoints": 5, "basePoints": 40,"#))
        XCTAssertTrue(top.contains(#"basePoints: the field "basePoints" appears twice"#), top)
        // The same key spelt with an escape is the same key.
        let escaped = problems(smallCard(replacing: #"{"name": "hot", "minimumPoints": 35"#, with: #"{"name": "hot", "\u006eame": "warm", "minimumPoints": 35"#))
        XCTAssertTrue(escaped.contains(#"tiers[0] "warm" name: the field "name" appears twice"#), escaped)
    }

    func testTrailingCommasAreRejectedWithTheJSONPath() {
        let array = problems(smallCard(replacing: #"["vp", "c_level"]"#, with: #"["vp", "c_level",]"#))
        XCTAssertTrue(array.contains(#"criteria[1] "level" conditions[0].categories: a comma before ] with no value after it"#), array)
        let object = problems(smallCard(replacing: #"{"is": true, "points": 10, "label": "demo requested"}"#,
                                        with: #"{"is": true, "points": 10, "label": "demo requested",}"#))
        XCTAssertTrue(object.contains(#"criteria[2] "demo" conditions[0]: a comma before } with no field after it"#), object)
        let outer = problems(smallCard(replacing: "{\"name\": \"cold\", \"minimumPoints\": 0, \"action\": \"nurture\"}\n  ]",
                                       with: "{\"name\": \"cold\", \"minimumPoints\": 0, \"action\": \"nurture\"},\n  ]"))
        XCTAssertTrue(outer.contains("tiers: a comma before ] with no value after it; remove the comma (line 43, column 3)"), outer)
    }

    func testStrictReadingStillAcceptsEveryShippedCard() throws {
        for path in try exampleCardPaths() {
            XCTAssertNoThrow(try ScoreCard.load(path: path), path)
        }
        // Commas, brackets and escaped quotes inside strings are text, not structure.
        let tricky = smallCard(replacing: #""name": "small""#, with: #""name": "[1,] {\"a\": 1,} \\\" ,]", "description": "\"points\", \"points\",}""#)
        XCTAssertEqual(try ScoreCard(json: Data(tricky.utf8)).name, #"[1,] {"a": 1,} \" ,]"#)
    }

    // MARK: Item 7: control characters in card text

    static let controlBytes: [UInt8] = Array(0x00...0x1F) + [0x7F]

    func testControlCharactersInCardTextAreRejectedWithTheJSONPath() {
        let places: [(original: String, field: (String) -> String, location: String)] = [
            (#""feature": "visits""#, { #""feature": "vi\#($0)sits""# }, #"criteria[0] "vi"#),
            (#""label": "Job level""#, { #""label": "Job\#($0)level""# }, #"criteria[1] "level".label"#),
            (#"["student"]"#, { #"["stu\#($0)dent"]"# }, #"criteria[1] "level" conditions[1].categories[0]"#),
            (#""label": "no demo""#, { #""label": "no demo\#($0)""# }, #"criteria[2] "demo" conditions[1].label"#),
            (#"{"name": "hot""#, { #"{"name": "hot\#($0)'); DROP TABLE leads; --""# }, #"tiers[0] "hot"#),
            (#""action": "nurture""#, { #""action": "\#($0)nurture""# }, #"tiers[1] "cold".action"#),
            (#"["", "NA"]"#, { #"["", "N\#($0)A"]"# }, "missingValues[1]"),
        ]
        for byte in Self.controlBytes {
            let escape = String(format: "\\u%04x", Int(byte))
            let code = String(format: "U+%04X", Int(byte))
            for place in places {
                let text = problems(smallCard(replacing: place.original, with: place.field(escape)))
                XCTAssertTrue(text.contains(place.location), "\(code) \(place.location): \(text)")
                XCTAssertTrue(text.contains("holds the control character \(code)"), "\(code) \(place.location): \(text)")
                XCTAssertFalse(text.utf8.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }, "the message carries the control character: \(text)")
            }
        }
    }

    /// A trainer can never write such a card either: writing validates.
    func testACardWithAControlCharacterCannotBeWritten() throws {
        var card = try ScoreCard(json: Data(smallCard.utf8))
        card.criteria[1].conditions[1].match = .categories(["stu\u{0}dent\n.shell rm -rf /"])
        XCTAssertThrowsError(try card.jsonData()) { error in
            XCTAssertTrue("\(error)".contains(#"criteria[1] "level" conditions[1].categories[0]: holds the control character U+0000 (NUL)"#), "\(error)")
        }
    }
}
