#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dense codes 0, 1, 2… for byte strings, in first-seen order, looked up straight from a field's bytes.
///
/// A categorical column repeats a few labels millions of times; hashing the bytes and comparing them
/// with the stored copy finds a label already seen without creating a `String` for it. Open addressing
/// with linear probing over a power-of-two table kept at most half full; each slot holds the key's hash,
/// length and code, so a probe reads one slot, and only keys over eight bytes are compared byte by byte
/// (up to eight, equal hashes and lengths mean equal keys: see `hashBytes`).
package struct ByteInterner: Sendable {
    private struct Slot {
        var hash: UInt64 = 0
        var length: Int32 = 0
        /// The key's code plus one; 0 marks an empty slot.
        var codePlusOne: Int32 = 0
    }

    private var slots: [Slot]
    /// Key `code` is `keyBytes[keyStarts[code]..<keyStarts[code + 1]]`.
    private var keyStarts: [Int] = [0]
    private var keyBytes: [UInt8] = []

    package init(minimumCapacity: Int = 8) {
        var slotCount = 16
        while slotCount < 2 * minimumCapacity { slotCount *= 2 }
        slots = [Slot](repeating: Slot(), count: slotCount)
    }

    package var count: Int { keyStarts.count - 1 }

    /// The code of `key`, adding it with the next code if it is new.
    package mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (code: Int, isNew: Bool) {
        let hash = hashBytes(key)
        let probe = find(key, hash: hash)
        if probe.code >= 0 { return (probe.code, false) }
        let code = count
        slots[probe.slot] = Slot(hash: hash, length: Int32(key.count), codePlusOne: Int32(code + 1))
        keyBytes.append(contentsOf: key)
        keyStarts.append(keyBytes.count)
        if 2 * count > slots.count { rehash() }
        return (code, true)
    }

    /// The code of `key` if it was interned.
    package func code(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let code = find(key, hash: hashBytes(key)).code
        return code >= 0 ? code : nil
    }

    package func code(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { code(of: $0) }
    }

    /// The text of the key with this code.
    package func key(_ code: Int) -> String {
        String(decoding: keyBytes[keyStarts[code]..<keyStarts[code + 1]], as: UTF8.self)
    }

    /// The key's code and slot, or code -1 and the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (code: Int, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[slot]
                if entry.codePlusOne == 0 { return (-1, slot) }
                let code = Int(entry.codePlusOne) - 1
                if entry.hash == hash, Int(entry.length) == key.count, key.count <= 8 || bytesEqual(code, key) { return (code, slot) }
                slot = (slot + 1) & mask
            }
        }
    }

    private func bytesEqual(_ code: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        keyBytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + keyStarts[code], key.baseAddress!, key.count) == 0 }
    }

    private mutating func rehash() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: 2 * old.count)
        let mask = slots.count - 1
        for entry in old where entry.codePlusOne != 0 {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot].codePlusOne != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
