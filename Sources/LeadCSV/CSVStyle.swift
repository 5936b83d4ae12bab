/// How a `CSVWriter` lays out bytes beyond the fields themselves: plain CSV for programs, or CSV that a
/// spreadsheet opens as meant.
///
/// `.excel`: a UTF-8 byte order mark, without which Excel reads the file in the system's legacy code page
/// ("Ã©" for "é"); CR LF line ends, as RFC 4180 and Windows expect; and every cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return, other than a plain number such as `-12` or `0.5`, written
/// as text behind an apostrophe (`'=HYPERLINK(…)`), so a lead's hostile field cannot become a formula
/// that runs in the sales team's spreadsheet (CSV injection, OWASP).
public struct CSVStyle: Sendable, Equatable {
    /// Starts the file with the UTF-8 byte order mark EF BB BF.
    public var byteOrderMark: Bool
    /// Ends records with CR LF rather than LF.
    public var crlf: Bool
    /// Writes cells a spreadsheet would read as a formula as quoted text behind an apostrophe.
    public var neutralisesFormulas: Bool

    /// A style from its three choices; `standard` and `excel` cover the usual cases.
    public init(byteOrderMark: Bool, crlf: Bool, neutralisesFormulas: Bool) {
        self.byteOrderMark = byteOrderMark
        self.crlf = crlf
        self.neutralisesFormulas = neutralisesFormulas
    }

    /// LF line ends, no byte order mark, every field as it is.
    public static let standard = CSVStyle(byteOrderMark: false, crlf: false, neutralisesFormulas: false)
    /// For Excel and other spreadsheets (see the type's note).
    public static let excel = CSVStyle(byteOrderMark: true, crlf: true, neutralisesFormulas: true)

    /// Whether a spreadsheet could take `field` for a formula: it starts with = + - @ tab or CR and is not
    /// a plain decimal number (an optional sign, digits, at most one point).
    static func startsFormula(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = field.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(field.dropFirst())
        default: return false
        }
    }

    private static func isPlainNumber(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var digits = 0, points = 0
        for byte in bytes {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits += 1 }
            else if byte == UInt8(ascii: ".") { points += 1 }
            else { return false }
        }
        return digits > 0 && points <= 1
    }
}
