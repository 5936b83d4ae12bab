/// Every text that lands in an exported query — category values, missing-value tokens, tier names, column
/// and table names — is hostile until quoted, and quoting is total: each result is one SQL expression or
/// identifier whatever the text holds, or a refusal.
///
/// Literals are `'…'` with quotes doubled. A control character (U+0000–U+001F, U+007F) never appears raw:
/// it is spelled `char(n)` (SQLite) or `CHR(n)` outside the quotes, because a NUL ends the line for
/// `sqlite3` and `psql` (the rest of the line is lost and the next line runs as a statement or a
/// dot-command), and a line break inside a literal is one editor or log line away from the same. For
/// PostgreSQL and standard SQL a backslash is spelled `CHR(92)` too, so the literal means the same whether
/// or not the server reads backslashes as escapes (`standard_conforming_strings`). PostgreSQL refuses
/// `CHR(0)` at run time: its text cannot hold a NUL, so such a query fails rather than mismatches.
///
/// Identifiers are `"…"` with quotes doubled. No dialect can spell a control character inside an identifier
/// portably, so a name holding one is refused (`SQLExportError`). Cards never hold one (`ScoreCard.validate`).
///
/// Both work on UTF-8 bytes into one preallocated buffer, so a 100 MB category costs one pass and about
/// its own size again (the former per-`Character` doubling took 20 bytes of memory per byte).
extension SQLDialect {
    /// `text` as one SQL string expression: `'it''s'`, or `('a' || char(10) || 'b')` around control characters.
    public func literal(_ text: String) -> String {
        let spellsBackslash = self != .sqlite
        let bytes = withBytes(of: text) { input -> [UInt8] in
            var output: [UInt8] = []
            output.reserveCapacity(input.count + 2)
            var pieces = 0, open = false, runStart = 0
            // Runs of ordinary bytes are copied whole; only quotes and spelled characters end a run.
            func flush(upTo end: Int) {
                guard end > runStart else { return }
                if !open {
                    if pieces > 0 { output.append(contentsOf: " || ".utf8) }
                    pieces += 1
                    output.append(UInt8(ascii: "'"))
                    open = true
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<end]))
            }
            for index in input.indices {
                let byte = input[index]
                if byte == UInt8(ascii: "'") {
                    flush(upTo: index + 1)
                    output.append(byte)
                    runStart = index + 1
                } else if byte < 0x20 || byte == 0x7F || (spellsBackslash && byte == UInt8(ascii: "\\")) {
                    flush(upTo: index)
                    if open { output.append(UInt8(ascii: "'")); open = false }
                    if pieces > 0 { output.append(contentsOf: " || ".utf8) }
                    pieces += 1
                    output.append(contentsOf: (self == .sqlite ? "char(\(byte))" : "CHR(\(byte))").utf8)
                    runStart = index + 1
                }
            }
            flush(upTo: input.count)
            if open { output.append(UInt8(ascii: "'")) }
            if pieces == 0 { return Array("''".utf8) }
            return pieces == 1 ? output : Array("(".utf8) + output + Array(")".utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
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
    public var location: String
    public var message: String

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
    let digits = String(byte, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
}
