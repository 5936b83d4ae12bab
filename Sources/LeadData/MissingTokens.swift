import LeadCSV

/// The texts that mean "no value", matched against a field's trimmed bytes without making a `String`.
struct MissingTokens {
    private var tokens = ByteInterner()

    init(_ texts: [String]) {
        for text in texts {
            var text = text
            _ = text.withUTF8 { tokens.intern($0) }
        }
    }

    /// Whether the (trimmed) field is empty or one of the tokens.
    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.isEmpty || tokens.code(of: bytes) != nil
    }
}
