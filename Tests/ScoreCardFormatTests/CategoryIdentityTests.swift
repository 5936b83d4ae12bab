import Foundation
import ScoreCardFormat
import XCTest

/// A category is its exact spelling (`RawValue` rule 5): validation must compare categories and
/// missing-value tokens as the scorer and SQL do, byte for byte, not by Swift's canonical `String ==`.
final class CategoryIdentityTests: XCTestCase {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    func testSpellingsInNFCAndNFDAreTwoCategories() throws {
        let json = smallCard(replacing: #"{"categories": ["student"], "points": -5, "label": "student"}"#,
                             with: #"{"categories": ["\#(Self.composed)"], "points": -5, "label": "café (NFC)"}, {"categories": ["\#(Self.decomposed)"], "points": 5, "label": "café (NFD)"}"#)
        let card = try ScoreCard(json: Data(json.utf8))
        XCTAssertEqual(card.problems(), [])
        let categories = card.criteria[1].conditions.compactMap { condition -> [UInt8]? in
            guard case .categories(let names) = condition.match else { return nil }
            return names.count == 1 ? Array(names[0].utf8) : nil
        }
        XCTAssertEqual(categories, [Array(Self.composed.utf8), Array(Self.decomposed.utf8)], "the reader keeps each spelling")
        // Through the writer and back, each spelling intact.
        let again = try ScoreCard(json: try card.jsonData())
        XCTAssertEqual(again.criteria[1].conditions.compactMap { condition -> [UInt8]? in
            guard case .categories(let names) = condition.match, names.count == 1 else { return nil }
            return Array(names[0].utf8)
        }, categories)
    }

    func testTheSameSpellingTwiceIsStillAnError() {
        let text = problems(smallCard(replacing: #"{"categories": ["student"], "points": -5, "label": "student"}"#,
                                      with: #"{"categories": ["\#(Self.decomposed)"], "points": -5, "label": "a"}, {"categories": ["\#(Self.decomposed)"], "points": 5, "label": "b"}"#))
        XCTAssertTrue(text.contains("is also in conditions[1]"), text)
    }

    /// A missing-value token is matched as spelt (after trimming): the NFD category is not the NFC token.
    func testMissingTokenMatchesOnlyItsOwnSpelling() throws {
        let card = try ScoreCard(json: Data(smallCard(replacing: #""missingValues": ["", "NA"]"#, with: #""missingValues": ["", "\#(Self.composed)"]"#)
            .replacingOccurrences(of: #""categories": ["student"]"#, with: #""categories": ["\#(Self.decomposed)"]"#).utf8))
        XCTAssertEqual(card.problems(), [])
        let text = problems(smallCard(replacing: #""missingValues": ["", "NA"]"#, with: #""missingValues": ["", "\#(Self.decomposed)"]"#)
            .replacingOccurrences(of: #""categories": ["student"]"#, with: #""categories": ["\#(Self.decomposed)"]"#))
        XCTAssertTrue(text.contains("is a missing value, not a category"), text)
    }

    /// Trimming goes scalar by scalar, as the scorer trims bytes: a space before a combining mark is
    /// padding, though Swift groups the two into one `Character`.
    func testTrimmingRemovesASpaceBeforeACombiningMark() {
        XCTAssertEqual(Array(RawValue.trimmed(" \u{301}x\t").utf8), Array("\u{301}x".utf8))
        XCTAssertEqual(Array(RawValue.trimmed("x \u{301}").utf8), Array("x \u{301}".utf8), "an inner space stays")
        XCTAssertEqual(RawValue.trimmed(" \t "), "")
        let text = problems(smallCard(replacing: #""categories": ["student"]"#, with: #""categories": [" \#u{301}student"]"#))
        XCTAssertTrue(text.contains("starts or ends with a space or tab"), text)
    }
}
