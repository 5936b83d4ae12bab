import Foundation
import XCTest
@testable import LeadCSV

/// The byte parser must agree with `strtod` bit for bit on every number it accepts.
final class DecimalNumberTests: XCTestCase {
    private func parse(_ text: String, separator: Character = ".") -> Double? {
        var text = text
        return text.withUTF8 { DecimalNumber.parse($0, decimalSeparator: separator.asciiValue!) }
    }

    private func assertMatchesStrtod(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let expected = strtod(text, nil)
        guard let parsed = parse(text) else { return XCTFail("\(text) was rejected", file: file, line: line) }
        XCTAssertEqual(parsed.bitPattern, expected.bitPattern, "\(text): \(parsed) vs strtod \(expected)", file: file, line: line)
    }

    func testEdgeValuesMatchStrtod() {
        let edges = [
            "0", "-0", "+0", "0.0", "00012", "1", "-1", "5.", ".5", "-.5", "+3", "9.83E-05", "7.5E-05", "1e0", "1E+2",
            "9007199254740992", "9007199254740993", "18446744073709551615", "18446744073709551616",
            "1e22", "1e23", "1e-22", "1e-23", "123456789012345678", "1234567890123456789", "12345678901234567890",
            "0.1", "0.2", "0.3", "2.675", "1.7976931348623157e308", "1.7976931348623159e308", "4.9e-324", "2.4e-324",
            "2.2250738585072014e-308", "2.2250738585072011e-308", "0.000000000000000000000000000001",
            "100000000000000000000000", "3.14159265358979323846264338327950288", "1e400", "-1e400", "1e-400",
            "63973.5", "3398.75", "0.2", "0.019444444", "1.50000000000000000000001",
        ]
        for text in edges { assertMatchesStrtod(text) }
        XCTAssertEqual(parse("-0")?.sign, .minus)
    }

    func testRandomDoublesInManyFormatsMatchStrtod() {
        var generator = SystemRandomNumberGenerator()
        let formats = ["%.17g", "%.15g", "%.6g", "%.3f", "%.1f", "%e", "%.2E", "%.0f", "%.10f"]
        for _ in 0..<4000 {
            let magnitude = Double.random(in: -30...30, using: &generator)
            let value = (Bool.random(using: &generator) ? -1 : 1) * Foundation.pow(10, magnitude) * Double.random(in: 1..<10, using: &generator)
            for format in formats { assertMatchesStrtod(String(format: format, value)) }
        }
        for _ in 0..<2000 {
            assertMatchesStrtod(String(Double(bitPattern: UInt64.random(in: 0..<0x7FF0_0000_0000_0000, using: &generator))))
        }
    }

    func testRandomDigitStringsMatchStrtod() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            var text = Bool.random(using: &generator) ? "" : "-"
            let digits = Int.random(in: 1...25, using: &generator)
            let point = Int.random(in: 0...digits + 1, using: &generator)
            for index in 0..<digits {
                if index == point { text += "." }
                text += String(Int.random(in: 0...9, using: &generator))
            }
            if Int.random(in: 0..<3, using: &generator) == 0 {
                text += "e\(Int.random(in: -40...40, using: &generator))"
            }
            assertMatchesStrtod(text)
        }
    }

    func testTextThatIsNotADecimalNumberIsRejected() {
        for text in ["", "-", "+", ".", "-.", "e5", ".e5", "1e", "1e+", "1e-", "1.2.3", "0x1A", "inf", "-inf", "nan", "NaN",
                     "1,5", "12a", " 1", "1 ", "--1", "+-1", "1e5.5", "Select", "1_000", "١٢"] {
            XCTAssertNil(parse(text), text)
        }
    }

    func testDecimalComma() {
        XCTAssertEqual(parse("1,5", separator: ","), 1.5)
        XCTAssertEqual(parse("-0,25", separator: ","), -0.25)
        XCTAssertEqual(parse("1,23456789012345678901", separator: ","), 1.23456789012345678901)
        XCTAssertNil(parse("1.5", separator: ","))
    }

    /// The word-at-a-time reader for padded fields agrees with `parse` on every input, numbers or not,
    /// whatever bytes follow the field.
    func testPaddedParsingAgreesWithParse() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789012345678901234567890123456789.-+e,a ".utf8)
        for _ in 0..<40_000 {
            let field = (0..<Int.random(in: 0...11, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let padded = field + (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for separator in [UInt8(ascii: "."), UInt8(ascii: ",")] {
                let (expected, actual) = padded.withUnsafeBufferPointer { buffer in
                    let bytes = UnsafeBufferPointer(rebasing: buffer[..<field.count])
                    return (DecimalNumber.parse(bytes, decimalSeparator: separator), DecimalNumber.parse(padded: bytes, decimalSeparator: separator))
                }
                XCTAssertEqual(actual?.bitPattern, expected?.bitPattern, String(decoding: field, as: UTF8.self))
            }
        }
    }
}
