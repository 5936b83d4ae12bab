import Foundation
import XCTest
@testable import LeadData

/// Values are exact spellings: "café" written with é (NFC) and with e + U+0301 (NFD) are two levels of a
/// categorical column and two outcome values, whatever Swift's canonical `String ==` says.
final class CategoryIdentityTests: XCTestCase {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    func testTheLoaderKeepsBothSpellingsAsLevels() throws {
        let data = try load("drink,visits\n\(Self.composed),1\n\(Self.decomposed),2\n\(Self.composed),3\ntea,4\n")
        guard case .categorical(let codes, let levels) = data.column(named: "drink")?.values else { return XCTFail("not categorical") }
        XCTAssertEqual(levels.map { Array($0.utf8) }, [Array(Self.composed.utf8), Array(Self.decomposed.utf8), Array("tea".utf8)])
        XCTAssertEqual(codes, [0, 1, 0, 2])
    }

    /// `--positive-label` names the spelling it is given, not the first canonically equal one.
    func testThePositiveLabelIsMatchedByItsSpelling() throws {
        let text = "visits,outcome\n1,\(Self.composed)\n2,\(Self.decomposed)\n3,\(Self.decomposed)\n"
        let data = try load(text, LoadOptions(target: "outcome", positiveLabel: Self.decomposed))
        XCTAssertEqual(data.labels, [0, 1, 1])
        XCTAssertEqual(data.outcome.map { Array($0.positiveLabel.utf8) }, Array(Self.decomposed.utf8))
        let composed = try load(text, LoadOptions(target: "outcome", positiveLabel: Self.composed))
        XCTAssertEqual(composed.labels, [1, 0, 0])
    }
}
