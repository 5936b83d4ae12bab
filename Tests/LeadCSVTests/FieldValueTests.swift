import Foundation
import XCTest
@testable import LeadCSV

/// ISO dates, byte interning, UTF-8 validation and byte-slice helpers.
final class FieldValueTests: XCTestCase {
    private func date(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { ISODate.parse($0) }
    }

    func testISODatesAndDateTimes() {
        XCTAssertEqual(date("1970-01-01"), 0)
        XCTAssertEqual(date("2024-03-01"), 1_709_251_200)
        XCTAssertEqual(date("2024-03-01T09:30:00Z"), 1_709_251_200 + 34_200)
        XCTAssertEqual(date("2024-03-01 09:30"), 1_709_251_200 + 34_200)
        XCTAssertEqual(date("2024-03-01T09:30:00.25+02:00"), 1_709_251_200 + 34_200.25 - 7200)
        XCTAssertEqual(date("2024-03-01T09:30:00-0130"), 1_709_251_200 + 34_200 + 5400)
        XCTAssertEqual(date("2024-02-29"), 1_709_164_800)
        XCTAssertEqual(date("1969-12-31"), -86_400)
        for text in ["2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-3-1", "20240301", "2024-03-01T25:00",
                     "2024-03-01T09", "2024-03-01T09:30:00+", "2024-03-01Z", "2024-03-01T09:30:00.", "03/01/2024", ""] {
            XCTAssertNil(date(text), text)
        }
    }

    func testDaysSinceEpochAgreeWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let (year, month, day) = (Int.random(in: 1600...2400, using: &generator), Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))
            let expected = calendar.date(from: DateComponents(year: year, month: month, day: day))!.timeIntervalSince1970
            XCTAssertEqual(Double(ISODate.daysSinceEpoch(year: year, month: month, day: day)) * 86_400, expected, "\(year)-\(month)-\(day)")
        }
    }

    func testInternerGivesFirstSeenCodesAndFindsKeysByBytes() {
        var interner = ByteInterner()
        func intern(_ text: String) -> (Int, Bool) {
            var text = text
            return text.withUTF8 { interner.intern($0) }
        }
        XCTAssertTrue(intern("web") == (0, true))
        XCTAssertTrue(intern("referral") == (1, true))
        XCTAssertTrue(intern("") == (2, true))
        XCTAssertTrue(intern("web") == (0, false))
        for index in 0..<5000 { XCTAssertEqual(intern("level \(index)").0, index + 3) }
        XCTAssertEqual(interner.count, 5003)
        XCTAssertEqual(interner.code(of: "level 4321"), 4324)
        XCTAssertEqual(interner.code(of: "referral"), 1)
        XCTAssertNil(interner.code(of: "Web"))
        XCTAssertEqual(interner.key(4324), "level 4321")
    }

    func testShortKeysOfAnyLengthHashApart() {
        // Every key of up to three digits, and a sample of longer ones: no two share a hash.
        var keys = (0..<1000).map(String.init) + (0..<1000).map { String(format: "%03d", $0) }
        keys += (0..<50_000).map { "lead-\($0 * 7919)" }
        var seen = Set<UInt64>()
        for var key in Set(keys) { XCTAssertTrue(seen.insert(key.withUTF8 { hashBytes($0) }).inserted, key) }
    }

    func testUTF8ValidationAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF]
        for _ in 0..<20000 {
            let bytes = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let invalid = bytes.withUnsafeBytes { firstInvalidUTF8($0) }
            XCTAssertEqual(invalid == nil, String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
            if let invalid {
                XCTAssertNotNil(String(validating: bytes[..<invalid], as: UTF8.self), "everything before \(invalid) is valid: \(bytes)")
            }
        }
        let text = Array("Plain ASCII for more than eight bytes, then é, 日本, 😀.".utf8)
        XCTAssertNil(text.withUnsafeBytes { firstInvalidUTF8($0) })
    }

    func testTrimmingAndCaseInsensitiveWords() {
        var padded = " \tGoogle  "
        XCTAssertEqual(padded.withUTF8 { String(decoding: $0.trimmingSpaces(), as: UTF8.self) }, "Google")
        var blank = "   "
        XCTAssertEqual(blank.withUTF8 { $0.trimmingSpaces().count }, 0)
        var yes = "YeS"
        XCTAssertTrue(yes.withUTF8 { $0.equalsIgnoringCase("yes") })
        XCTAssertFalse(yes.withUTF8 { $0.equalsIgnoringCase("ye") })
    }
}
