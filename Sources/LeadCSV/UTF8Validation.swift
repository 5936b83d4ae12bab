/// Offset of the first byte in `bytes` that does not belong to a well-formed UTF-8 sequence (overlong
/// forms, surrogates and code points above U+10FFFF are rejected), or `nil` if all of it is UTF-8.
///
/// Runs on every record, so ASCII — nearly all of a CRM export — is skipped eight bytes at a time.
func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let count = bytes.count
    var index = 0
    while index < count {
        while index + 8 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        guard index < count else { break }
        let lead = base.load(fromByteOffset: index, as: UInt8.self)
        if lead < 0x80 {
            index += 1
            continue
        }
        let length: Int, secondRange: ClosedRange<UInt8>
        switch lead {
        case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xE1...0xEF: (length, secondRange) = (3, 0x80...0xBF)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
        default: return index
        }
        guard index + length <= count else { return index }
        guard secondRange.contains(base.load(fromByteOffset: index + 1, as: UInt8.self)) else { return index }
        for offset in 2..<length where !(0x80...0xBF).contains(base.load(fromByteOffset: index + offset, as: UInt8.self)) {
            return index
        }
        index += length
    }
    return nil
}
