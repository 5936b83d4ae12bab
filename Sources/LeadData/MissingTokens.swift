import LeadCSV

/// The texts that mean "no value", matched against a field's trimmed bytes without making a `String`.
struct MissingTokens {
    private var tokens = ByteInterner()
    /// Bit b set when some token starts with byte b: most values (digits, ids) are ruled out without hashing.
    private var firstBytes = [UInt64](repeating: 0, count: 4)
    /// Some token reads as a number ("-1", "999"): numeric columns must then check tokens before
    /// parsing, or a missing-value text "-1" would train on −1 while the card treats it as missing.
    private(set) var includesNumbers = false

    init(_ texts: [String]) {
        for text in texts {
            var text = text
            text.withUTF8 { bytes in
                _ = tokens.intern(bytes)
                if let first = bytes.first { firstBytes[Int(first >> 6)] |= 1 << UInt64(first & 63) }
                if DecimalNumber.parse(bytes, decimalSeparator: UInt8(ascii: ".")) != nil
                    || DecimalNumber.parse(bytes, decimalSeparator: UInt8(ascii: ",")) != nil {
                    includesNumbers = true
                }
            }
        }
    }

    /// Whether the (trimmed) field is empty or one of the tokens.
    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        return firstBytes[Int(first >> 6)] & (1 << UInt64(first & 63)) != 0 && tokens.code(of: bytes) != nil
    }
}
