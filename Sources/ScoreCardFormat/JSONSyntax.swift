import Foundation

/// Turns Foundation's JSON parse errors ("Invalid value around character 214.") into a line and column,
/// with a hint for the mistakes people make in hand-written cards.
enum JSONSyntax {
    static func problem(in data: Data, error: Error) -> CardProblem {
        let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        let bytes = [UInt8](data)
        if let number = unrepresentableNumber(in: detail) {
            let location = firstOffset(of: Array(number.utf8), in: bytes).map { position(of: $0, in: bytes) } ?? ""
            return CardProblem(location, "the card is not valid JSON: \(number) is too large for a number in a card")
        }
        let offset = characterOffset(in: detail)
        let location = offset.map { position(of: min($0, bytes.count), in: bytes) } ?? ""
        return CardProblem(location, "the card is not valid JSON: \(detail)\(hint(at: offset, in: bytes))")
    }

    private static func characterOffset(in detail: String) -> Int? {
        guard let range = detail.range(of: "character ") else { return nil }
        return Int(detail[range.upperBound...].prefix { $0.isNumber })
    }

    /// "Number 1e999 is not representable in Swift." → "1e999".
    private static func unrepresentableNumber(in detail: String) -> String? {
        guard detail.hasPrefix("Number "), let end = detail.range(of: " is not representable") else { return nil }
        return String(detail[detail.index(detail.startIndex, offsetBy: 7)..<end.lowerBound])
    }

    private static func firstOffset(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    private static func position(of offset: Int, in bytes: [UInt8]) -> String {
        let before = bytes[..<offset]
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return "line \(line), column \(column)"
    }

    private static func hint(at offset: Int?, in bytes: [UInt8]) -> String {
        guard let offset, offset < bytes.count else { return "" }
        let rest = String(decoding: bytes[offset..<min(bytes.count, offset + 12)], as: UTF8.self)
        if ["NaN", "Infinity", "-Infinity", "inf", "-inf"].contains(where: { rest.hasPrefix($0) }) {
            return " (NaN and Infinity are not numbers in a card; leave a range end out, or write null, for no bound)"
        }
        if rest.first == "}" || rest.first == "]" { return " (is there a comma before it that should not be there?)" }
        return ""
    }
}
