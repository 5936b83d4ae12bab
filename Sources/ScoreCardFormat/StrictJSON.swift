/// What `JSONSerialization` lets through and JSON does not: a trailing comma (`[1, 2,]`, `{"a": 1,}`) and a
/// key given twice in one object. Other readers of the same card disagree on a duplicate (Foundation keeps
/// the first, Python and jq the last), so a card that says `"points": 5, "points": 50` would score one way
/// here and another elsewhere; both are refused with the JSON path, the line and the column.
///
/// One pass over bytes `JSONSerialization` has already parsed (so the grammar is otherwise known good);
/// only keys are decoded, to compare them byte for byte as JSON does (`"é"` and `"e\u0301"` differ).
struct StrictJSON {
    private let bytes: [UInt8]
    private var at = 0
    private var path: [AnyCodingKey] = []

    /// The first duplicate key or trailing comma in `bytes`, as a problem whose location names the path
    /// within `tree` (the `JSONSerialization` result, for criterion and tier names; parsed only then).
    static func problem(in bytes: [UInt8], tree: @autoclosure () -> Any?) -> CardProblem? {
        var scanner = StrictJSON(bytes: bytes)
        do {
            try scanner.value()
            return nil
        } catch {
            let location = CardLocation.render(error.path, in: tree())
            return CardProblem(location, "\(error.message) (line \(error.line), column \(error.column))")
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    struct Failure: Error {
        var path: [AnyCodingKey]
        var message: String
        var line: Int
        var column: Int
    }

    private mutating func value() throws(Failure) {
        skipSpace()
        guard at < bytes.count else { return }
        switch bytes[at] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): skipString()
        default:
            while at < bytes.count, !Self.ends(bytes[at]) { at += 1 }
        }
    }

    private mutating func object() throws(Failure) {
        at += 1
        var keys = Set<[UInt8]>()
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return }
        while at < bytes.count {
            skipSpace()
            if bytes[at] == UInt8(ascii: "}") { throw failure("a comma before } with no field after it; remove the comma", at: at) }
            let keyStart = at
            let key = decodedString()
            let name = String(decoding: key, as: UTF8.self)
            if !keys.insert(key).inserted {
                path.append(AnyCodingKey(stringValue: name))
                throw failure("the field \"\(name)\" appears twice in this object (JSON readers disagree on which one counts); keep one", at: keyStart)
            }
            skipSpace()
            at += 1  // the colon
            path.append(AnyCodingKey(stringValue: name))
            try value()
            path.removeLast()
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: ",") else { break }
            at += 1
        }
        at += 1  // the closing brace
    }

    private mutating func array() throws(Failure) {
        at += 1
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return }
        var index = 0
        while at < bytes.count {
            skipSpace()
            if bytes[at] == UInt8(ascii: "]") { throw failure("a comma before ] with no value after it; remove the comma", at: at) }
            path.append(AnyCodingKey(intValue: index))
            try value()
            path.removeLast()
            index += 1
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: ",") else { break }
            at += 1
        }
        at += 1  // the closing bracket
    }

    private static func ends(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") || isSpace(byte)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func skipSpace() {
        while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
    }

    /// Past a string's closing quote, without decoding it.
    private mutating func skipString() {
        at += 1
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
            at += bytes[at] == UInt8(ascii: "\\") ? 2 : 1
        }
        at += 1
    }

    /// A string's UTF-8 bytes with escapes resolved (`\n`, `\u00e9`, surrogate pairs); past its closing quote.
    private mutating func decodedString() -> [UInt8] {
        at += 1
        var scalars = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        var run: [UInt8] = []
        func flushRun() {
            if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run = [] }
        }
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
            guard bytes[at] == UInt8(ascii: "\\"), at + 1 < bytes.count else {
                run.append(bytes[at])
                at += 1
                continue
            }
            flushRun()
            let escape = bytes[at + 1]
            at += 2
            var scalar: UInt32
            switch escape {
            case UInt8(ascii: "n"): scalar = 0x0A
            case UInt8(ascii: "t"): scalar = 0x09
            case UInt8(ascii: "r"): scalar = 0x0D
            case UInt8(ascii: "b"): scalar = 0x08
            case UInt8(ascii: "f"): scalar = 0x0C
            case UInt8(ascii: "u"):
                let digits = bytes[at..<min(at + 4, bytes.count)]
                scalar = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) ?? 0xFFFD
                at += digits.count
            default: scalar = UInt32(escape)
            }
            if let high = pendingHigh {
                pendingHigh = nil
                if (0xDC00...0xDFFF).contains(scalar) {
                    scalars.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (scalar - 0xDC00))!)
                    continue
                }
                scalars.append("\u{FFFD}")
            }
            if (0xD800...0xDBFF).contains(scalar) {
                pendingHigh = scalar
            } else {
                scalars.append(Unicode.Scalar(scalar) ?? "\u{FFFD}")
            }
        }
        flushRun()
        if pendingHigh != nil { scalars.append("\u{FFFD}") }
        at += 1
        return Array(String(scalars).utf8)
    }

    private func failure(_ message: String, at offset: Int) -> Failure {
        var line = 1, lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return Failure(path: path, message: message, line: line, column: column)
    }
}
