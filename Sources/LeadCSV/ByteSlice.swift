extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes without leading and trailing spaces and tabs: exports pad values (`"Google "`), and a
    /// padded value should mean the same as the bare one.
    @inlinable
    public func trimmingSpaces() -> UnsafeBufferPointer<UInt8> {
        guard let base = baseAddress else { return self }
        var lower = 0, upper = count
        while lower < upper, base[lower] == 0x20 || base[lower] == 0x09 { lower += 1 }
        while upper > lower, base[upper - 1] == 0x20 || base[upper - 1] == 0x09 { upper -= 1 }
        return UnsafeBufferPointer(start: base + lower, count: upper - lower)
    }

    /// Whether the bytes spell `word` ignoring ASCII case; `word` must be lowercase ASCII.
    public func equalsIgnoringCase(_ word: StaticString) -> Bool {
        guard count == word.utf8CodeUnitCount, let base = baseAddress else { return count == word.utf8CodeUnitCount }
        let letters = word.utf8Start
        for index in 0..<count {
            let byte = base[index]
            let lowered = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            if lowered != letters[index] { return false }
        }
        return true
    }
}

/// A 64-bit hash of a byte string, for interning and for counting distinct identifiers without keeping
/// them. Keys of up to eight bytes become one word, read with at most two loads (overlapping when the key
/// is shorter, as in wyhash), and go through MurmurHash3's finaliser, a bijection: keys of equal length up
/// to eight bytes never collide (`ByteInterner` relies on it). Longer keys are hashed a word at a time,
/// the last word overlapping the one before; they collide with probability about 2⁻⁶⁴ per pair.
@inline(__always)
package func hashBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let count = bytes.count
    // A scrambled seed per length, so keys of different lengths have no structured collisions ("1" and
    // "113" would, with a seed that differs only in its low bits).
    var hash = mix(0x9E37_79B9_7F4A_7C15 ^ UInt64(count))
    guard let base = UnsafeRawPointer(bytes.baseAddress), count > 0 else { return hash }
    if count < 8 {
        // Both encodings determine every byte of a key of the given length.
        let word = count >= 4
            ? UInt64(base.loadUnaligned(as: UInt32.self)) | UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
            : UInt64(bytes[0]) << 16 | UInt64(bytes[count >> 1]) << 8 | UInt64(bytes[count - 1])
        return mix(hash ^ word)
    }
    var offset = 0
    while offset + 8 <= count {
        hash = mix(hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
    }
    if offset < count { hash = mix(hash ^ base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) }
    return hash
}

@inline(__always)
private func mix(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x &*= 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x &*= 0xC4CE_B9FE_1A85_EC53
    return x ^ (x >> 33)
}
