#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dense codes 0, 1, 2… for byte strings, in first-seen order, looked up straight from a field's bytes.
///
/// A categorical column repeats a few labels millions of times; hashing the bytes and comparing them
/// with the stored copy finds a label already seen without creating a `String` for it. Open addressing
/// with linear probing over a power-of-two table kept at most half full.
public struct ByteInterner: Sendable {
    /// Code stored in each slot, or -1 for an empty slot.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    /// Key `code` is `keyBytes[keyStarts[code]..<keyStarts[code + 1]]`.
    private var keyStarts: [Int] = [0]
    private var keyBytes: [UInt8] = []

    public init(minimumCapacity: Int = 8) {
        var slotCount = 16
        while slotCount < 2 * minimumCapacity { slotCount *= 2 }
        slots = [Int32](repeating: -1, count: slotCount)
    }

    public var count: Int { hashes.count }

    /// The code of `key`, adding it with the next code if it is new.
    @inline(__always)
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (code: Int, isNew: Bool) {
        let hash = hashBytes(key)
        switch find(key, hash: hash) {
        case .found(let code): return (code, false)
        case .empty(let slot):
            let code = hashes.count
            slots[slot] = Int32(code)
            hashes.append(hash)
            keyBytes.append(contentsOf: key)
            keyStarts.append(keyBytes.count)
            if 2 * hashes.count > slots.count { rehash() }
            return (code, true)
        }
    }

    /// The code of `key` if it was interned.
    public func code(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        if case .found(let code) = find(key, hash: hashBytes(key)) { return code }
        return nil
    }

    public func code(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { code(of: $0) }
    }

    /// The text of the key with this code.
    public func key(_ code: Int) -> String {
        String(decoding: keyBytes[keyStarts[code]..<keyStarts[code + 1]], as: UTF8.self)
    }

    private enum Probe {
        case found(Int)
        case empty(slot: Int)
    }

    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Probe {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = Int(slots[slot])
            if code < 0 { return .empty(slot: slot) }
            if hashes[code] == hash, keyEquals(code, key) { return .found(code) }
            slot = (slot + 1) & mask
        }
    }

    /// Called when the hashes are equal. Up to eight bytes, equal hashes and lengths mean equal keys
    /// (`hashBytes` is a bijection there), so only longer keys are compared byte by byte.
    @inline(__always)
    private func keyEquals(_ code: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = keyStarts[code], length = keyStarts[code + 1] - start
        guard length == key.count else { return false }
        guard length > 8 else { return true }
        return keyBytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, key.baseAddress!, length) == 0 }
    }

    private mutating func rehash() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code)
        }
    }
}
