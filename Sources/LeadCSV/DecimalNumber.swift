#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers read straight from a field's bytes, without making a `String`: `12`, `-0.5`, `+3.`,
/// `.25`, `9.83E-05`. No hexadecimal, `inf`, `nan` or thousands separators — those are text, which the
/// caller may treat as missing-value tokens.
public enum DecimalNumber {
    /// Powers of ten that are exact as doubles (10²² is the largest).
    @usableFromInline static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The value of `bytes`, correctly rounded, or `nil` if they are not a decimal number.
    ///
    /// Clinger's fast path covers what CRM exports hold: when the significant digits fit in 2⁵³ and the
    /// power of ten is at most 22 in size, both are exact doubles and one multiplication or division
    /// rounds once, exactly as `strtod` would. Longer mantissas and larger exponents go to `strtod`.
    /// `decimalSeparator` is `.` unless the file writes `1,5`. Inlinable, so a column parser's loop
    /// compiles it in place: it runs for every numeric field of a file.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Double? {
        guard var cursor = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let end = cursor + bytes.count
        let negative = cursor.pointee == UInt8(ascii: "-")
        if negative || cursor.pointee == UInt8(ascii: "+") { cursor += 1 }

        // Integer digits, then fraction digits: two tight loops, no flags. Leading zeros count as digits,
        // so a long run of them takes the slow path, which is still exact.
        var mantissa: UInt64 = 0
        let integerStart = cursor
        while cursor < end, case let digit = cursor.pointee &- UInt8(ascii: "0"), digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            cursor += 1
        }
        var digits = cursor - integerStart, exponent = 0
        if cursor < end, cursor.pointee == decimalSeparator {
            cursor += 1
            let fractionStart = cursor
            while cursor < end, case let digit = cursor.pointee &- UInt8(ascii: "0"), digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                cursor += 1
            }
            exponent = fractionStart - cursor
            digits -= exponent
        }
        guard digits > 0 else { return nil }
        if cursor < end {
            guard cursor.pointee | 0x20 == UInt8(ascii: "e") else { return nil }
            cursor += 1
            guard let written = exponentValue(&cursor, end), cursor == end else { return nil }
            exponent += written
        }
        // Up to 19 digits the mantissa has not wrapped around.
        if digits <= 19, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let value = exponent < 0 ? Double(mantissa) / exactPowers[-exponent] : Double(mantissa) * exactPowers[exponent]
            return negative ? -value : value
        }
        return systemParse(bytes, decimalSeparator: decimalSeparator)
    }

    /// The signed integer after `e`; clamped, since anything beyond ±100 000 is zero or infinity anyway.
    @usableFromInline
    static func exponentValue(_ cursor: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int? {
        var negative = false
        if cursor < end, cursor.pointee == UInt8(ascii: "-") || cursor.pointee == UInt8(ascii: "+") {
            negative = cursor.pointee == UInt8(ascii: "-")
            cursor += 1
        }
        var value = 0, sawDigit = false
        while cursor < end, case let digit = cursor.pointee &- UInt8(ascii: "0"), digit < 10 {
            value = min(value * 10 + Int(digit), 100_000)
            sawDigit = true
            cursor += 1
        }
        guard sawDigit else { return nil }
        return negative ? -value : value
    }

    /// `strtod` on a NUL-terminated copy, for the rare numbers the fast path cannot round. The syntax was
    /// already checked, so `strtod` never sees hexadecimal or `inf`; the decimal mark is written as the
    /// current C locale's, in case something in the process called `setlocale`.
    @usableFromInline
    static func systemParse(_ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8) -> Double? {
        let localeMark = localeconv().pointee.decimal_point.map { CChar($0.pointee) } ?? CChar(UInt8(ascii: "."))
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { text in
            for (index, byte) in bytes.enumerated() {
                text[index] = byte == decimalSeparator ? localeMark : CChar(bitPattern: byte)
            }
            text[bytes.count] = 0
            return strtod(text.baseAddress!, nil)
        }
    }
}

extension DecimalNumber {
    /// `parse(_:decimalSeparator:)` for bytes followed by at least eight readable bytes (a `CSVBatch`'s
    /// fields). Up to eight characters after the sign — nearly every count, amount or rate in a CRM export —
    /// are read as one word: the digits checked, the decimal mark removed and the digits combined with
    /// three multiplications (Lemire's eight-digit method), with no branch per character. Anything else,
    /// and anything unusual, goes to `parse`, so both always agree.
    @inlinable
    static func parse(padded bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8) -> Double? {
        guard var cursor = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var length = bytes.count
        let negative = cursor.pointee == UInt8(ascii: "-")
        if negative || cursor.pointee == UInt8(ascii: "+") {
            cursor += 1
            length -= 1
        }
        guard (1...8).contains(length) else { return parse(bytes, decimalSeparator: decimalSeparator) }
        let kept: UInt64 = length == 8 ? ~0 : (1 << UInt64(8 * length)) &- 1
        // Each byte minus "0" (as xor: digits become 0...9), the bytes after the field cleared.
        let values = (UnsafeRawPointer(cursor).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030) & kept
        // High bit of each byte that is not 0...9. A carry out of a non-digit can only mark more bytes, and
        // any extra mark sends the field to `parse`.
        let nonDigits = ((values &+ 0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080 & kept
        var digits = values, count = length, exponent = 0
        if nonDigits != 0 {
            let mark = nonDigits.trailingZeroBitCount >> 3
            guard nonDigits & (nonDigits &- 1) == 0, length > 1, cursor[mark] == decimalSeparator else {
                return parse(bytes, decimalSeparator: decimalSeparator)
            }
            let below: UInt64 = mark == 0 ? 0 : values & ((1 << UInt64(8 * mark)) &- 1)
            let above: UInt64 = mark == 7 ? 0 : values >> UInt64(8 * (mark + 1))
            digits = below | (mark == 0 ? above : above << UInt64(8 * mark))
            count = length - 1
            exponent = mark + 1 - length
        }
        // Right-align the digits (leading zero bytes are leading zeros), then pairs, then fours, then eight.
        var word = count == 8 ? digits : digits << UInt64(8 * (8 - count))
        word = (word &* 10) &+ (word >> 8)
        let hundreds: UInt64 = 100 + (1_000_000 << 32), ones: UInt64 = 1 + (10_000 << 32)
        let evens = (word & 0x0000_00FF_0000_00FF) &* hundreds
        let odds = ((word >> 16) & 0x0000_00FF_0000_00FF) &* ones
        let mantissa = (evens &+ odds) >> 32
        // At most 8 digits and 7 decimals: Clinger's fast path, exact.
        let value = exponent == 0 ? Double(mantissa) : Double(mantissa) / exactPowers[-exponent]
        return negative ? -value : value
    }
}
