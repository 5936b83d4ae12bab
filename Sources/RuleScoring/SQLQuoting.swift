/// Every text that lands in an exported query — category values, missing-value tokens, tier names, column
/// and table names — is hostile until quoted, and quoting is total: each result is one SQL expression or
/// identifier whatever the text holds, or a refusal.
///
/// Literals are `'…'` with quotes doubled. A control character (U+0000–U+001F, U+007F) never appears raw,
/// because a NUL ends the line for `sqlite3` and `psql` (the rest of the line is lost and the next line
/// runs as a statement or a dot-command), and a line break inside a literal is one editor or log line away
/// from the same. Text holding one is spelled
/// - SQLite: `CAST(X'…' AS TEXT)`, its UTF-8 bytes as one blob token (no concatenation chain, so no
///   expression-depth limit, and a NUL survives);
/// - PostgreSQL: `E'…'` with `\xHH` escapes (and `\\` for a backslash). PostgreSQL text cannot hold a NUL,
///   so `\x00` makes the query fail rather than mismatch. Any backslash also selects the `E'…'` form, so
///   the literal means the same whether or not the server reads backslashes in `'…'` as escapes
///   (`standard_conforming_strings`);
/// - standard SQL: `('a' || CHR(10) || 'b')`; `CHR` is in DuckDB, Trino, PostgreSQL and the like.
///
/// Identifiers are `"…"` with quotes doubled. No dialect can spell a control character inside an identifier
/// portably, so a name holding one is refused (`SQLExportError`). Cards never hold one (`ScoreCard.validate`).
///
/// Both work on UTF-8 bytes into one preallocated buffer, copying runs of ordinary bytes whole, so a 100 MB
/// category costs one pass and about its own size again (the former per-`Character` doubling took 20
/// bytes of memory per byte of text).
extension SQLDialect {
    /// `text` as one SQL string expression: `'it''s'`, or one of the forms above around control characters.
    public func literal(_ text: String) -> String {
        let bytes = withBytes(of: text) { input -> [UInt8] in
            let isControl = { (byte: UInt8) in byte < 0x20 || byte == 0x7F }
            switch self {
            case .sqlite:
                return input.contains(where: isControl) ? Self.blobText(input) : Self.quoted(input, escapingBackslash: false)
            case .postgres:
                let escaped = input.contains { isControl($0) || $0 == UInt8(ascii: "\\") }
                return escaped ? Array("E".utf8) + Self.quoted(input, escapingBackslash: true) : Self.quoted(input, escapingBackslash: false)
            case .ansi:
                return Self.concatenated(input)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `'…'` with quotes doubled; with `escapingBackslash` (the body of `E'…'`), backslashes doubled and
    /// control characters as `\xHH`. Written straight into a buffer sized for the worst case (every byte
    /// four), runs of ordinary bytes copied whole: one pass, however the text is made.
    private static func quoted(_ input: UnsafeBufferPointer<UInt8>, escapingBackslash: Bool) -> [UInt8] {
        let quote = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        return [UInt8](unsafeUninitializedCapacity: input.count * (escapingBackslash ? 4 : 2) + 2) { output, written in
            var at = 0
            func put(_ byte: UInt8) {
                output[at] = byte
                at += 1
            }
            func copy(_ start: Int, _ end: Int) {
                guard end > start else { return }
                UnsafeMutableRawPointer(output.baseAddress! + at).copyMemory(from: input.baseAddress! + start, byteCount: end - start)
                at += end - start
            }
            put(quote)
            var runStart = 0
            for index in 0..<input.count {
                let byte = input[index]
                let special = byte == quote || (escapingBackslash && (byte == backslash || byte < 0x20 || byte == 0x7F))
                guard special else { continue }
                copy(runStart, index)
                if byte == quote || byte == backslash {
                    put(byte)
                    put(byte)
                } else {
                    let digits = hexDigits(byte)
                    put(backslash)
                    put(UInt8(ascii: "x"))
                    put(digits.0)
                    put(digits.1)
                }
                runStart = index + 1
            }
            copy(runStart, input.count)
            put(quote)
            written = at
        }
    }

    /// `CAST(X'68C3A9' AS TEXT)`: the text's UTF-8 bytes as a blob literal, read back as text.
    private static func blobText(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let prefix = Array("CAST(X'".utf8), suffix = Array("' AS TEXT)".utf8)
        return [UInt8](unsafeUninitializedCapacity: prefix.count + 2 * input.count + suffix.count) { output, written in
            var at = 0
            for byte in prefix { output[at] = byte; at += 1 }
            for index in 0..<input.count {
                let digits = hexDigits(input[index])
                output[at] = digits.0
                output[at + 1] = digits.1
                at += 2
            }
            for byte in suffix { output[at] = byte; at += 1 }
            written = at
        }
    }

    /// `('a' || CHR(10) || 'b')`, or plain `'…'` when the text holds no control character.
    private static func concatenated(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 2)
        var pieces = 0, runStart = 0
        func piece(_ bytes: [UInt8]) {
            if pieces > 0 { output.append(contentsOf: " || ".utf8) }
            output.append(contentsOf: bytes)
            pieces += 1
        }
        for index in input.indices where input[index] < 0x20 || input[index] == 0x7F {
            if index > runStart { piece(quoted(UnsafeBufferPointer(rebasing: input[runStart..<index]), escapingBackslash: false)) }
            piece(Array("CHR(\(input[index]))".utf8))
            runStart = index + 1
        }
        if runStart < input.count || pieces == 0 { piece(quoted(UnsafeBufferPointer(rebasing: input[runStart...]), escapingBackslash: false)) }
        return pieces == 1 ? output : Array("(".utf8) + output + Array(")".utf8)
    }

    /// `"name"` with embedded double quotes doubled; refuses an empty name or one holding a control character.
    public static func identifier(_ name: String, what: @autoclosure () -> String = "a column name") throws(SQLExportError) -> String {
        guard !name.isEmpty else { throw SQLExportError(location: what(), message: "is empty; an SQL name needs at least one character") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count + 2)
        bytes.append(UInt8(ascii: "\""))
        for byte in name.utf8 {
            if byte < 0x20 || byte == 0x7F {
                throw SQLExportError(location: what(), message: "holds the control character U+\(hex4(byte)), which no SQL name can spell safely; rename it")
            }
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `"schema"."table"`: dots separate the parts (`analytics.leads`), each quoted as an identifier.
    public static func table(_ name: String) throws(SQLExportError) -> String {
        var parts: [String] = []
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            parts.append(try identifier(String(part), what: "the table name \(SQLExportError.shown(name))"))
        }
        return parts.joined(separator: ".")
    }
}

/// Why a card cannot be exported as SQL: a name no SQL can hold. `location` says which (a criterion's
/// feature, the table name).
public struct SQLExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the card (a criterion's feature) or the command (the table name) the name came from.
    public var location: String
    /// What is wrong with the name and what to do.
    public var message: String

    /// An export error at `location`.
    public init(location: String, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location) \(message)" }

    /// Text shown in a message with control characters escaped (`\n`, `\u{0}`), so a message about a hostile
    /// name cannot itself carry the control character to a terminal or a log; long text is cut.
    static func shown(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result + (text.unicodeScalars.count > 200 ? "…\"" : "\"")
    }
}

private func hex4(_ byte: UInt8) -> String {
    let (high, low) = hexDigits(byte)
    return "00" + String(decoding: [high, low], as: UTF8.self)
}

/// Two upper-case hex digits.
@inline(__always)
private func hexDigits(_ byte: UInt8) -> (UInt8, UInt8) {
    let digit = { (value: UInt8) -> UInt8 in value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10 }
    return (digit(byte >> 4), digit(byte & 0x0F))
}
