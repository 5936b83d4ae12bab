import LeadCSV
import ScoreCardFormat

/// The card format's reading rules (`RawValue`) applied to a field's bytes, with the LeadCSV primitives
/// the trainer's loader uses — trimming, `DecimalNumber`, case-blind words — so the scorer reads every
/// value exactly as training did, without making a `String` per field.
struct FieldReader: Sendable {
    private let missingTokens: ByteInterner
    private let hasTokens: Bool
    private let decimalSeparator: UInt8

    init(missingValues: [String], decimalSeparator: String) {
        self.decimalSeparator = decimalSeparator == "," ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var tokens = ByteInterner()
        for value in missingValues where !value.isEmpty {
            var text = value
            _ = text.withUTF8 { tokens.intern($0.trimmingSpaces()) }
        }
        missingTokens = tokens
        hasTokens = tokens.count > 0
    }

    /// Whether a trimmed field is missing: empty or a missing-value token.
    @inline(__always)
    func isMissing(_ trimmed: UnsafeBufferPointer<UInt8>) -> Bool {
        trimmed.isEmpty || (hasTokens && missingTokens.code(of: trimmed) != nil)
    }

    @inline(__always)
    func number(_ trimmed: UnsafeBufferPointer<UInt8>) -> Double? {
        DecimalNumber.parse(trimmed, decimalSeparator: decimalSeparator)
    }

    /// yes/y/true or a number equal to 1 → true; no/n/false or a number equal to 0 → false.
    @inline(__always)
    func boolean(_ trimmed: UnsafeBufferPointer<UInt8>) -> Bool? {
        if trimmed.equalsIgnoringCase("yes") || trimmed.equalsIgnoringCase("true") || trimmed.equalsIgnoringCase("y") { return true }
        if trimmed.equalsIgnoringCase("no") || trimmed.equalsIgnoringCase("false") || trimmed.equalsIgnoringCase("n") { return false }
        switch number(trimmed) {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }
}

/// Calls `body` with the UTF-8 bytes of `text`, without copying a native string.
@inline(__always)
func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
}
