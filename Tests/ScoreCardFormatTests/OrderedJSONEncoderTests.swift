import Foundation
import XCTest
@testable import ScoreCardFormat

/// The card writer's encoder on every number type a Codable value may hold: a `UInt64` (a seed) used to
/// fall through to its own `encode(to:)`, which asked the encoder to encode it again, forever.
final class OrderedJSONEncoderTests: XCTestCase {
    private struct Numbers: Encodable {
        var seed: UInt64 = .max
        var small: Int8 = -5
        var count: UInt32 = 7
        var wide: Int64 = .min
        var ratio: Float = 0.5
        var plain: Int = 42
    }

    func testEveryIntegerTypeAndFloatEncodeAsJSONNumbers() throws {
        let text = JSONLayout.render(try OrderedJSONEncoder().encode(Numbers()))
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
        XCTAssertTrue(text.contains("18446744073709551615"), text)
        XCTAssertTrue(text.contains("-9223372036854775808"), text)
        XCTAssertEqual(decoded["small"] as? Int, -5)
        XCTAssertEqual(decoded["count"] as? Int, 7)
        XCTAssertEqual(decoded["ratio"] as? Double, 0.5)
        XCTAssertEqual(decoded["plain"] as? Int, 42)
        XCTAssertEqual(text.components(separatedBy: "\"seed\"").count, 2)
    }

    func testAnInfiniteFloatIsRefusedLikeAnInfiniteDouble() {
        struct Bad: Encodable { var ratio = Float.infinity }
        XCTAssertThrowsError(try OrderedJSONEncoder().encode(Bad()))
    }
}
