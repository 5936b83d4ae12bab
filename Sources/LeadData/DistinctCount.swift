/// Distinct non-NaN values (0 and -0 count as one), for the summary of numeric and date columns.
///
/// An open-addressing set of bit patterns sized by what it finds: a count column with a dozen values keeps a
/// table that stays in cache, where `Set<Double>` would hash and allocate far more per value.
func countDistinct(_ values: [Double]) -> Int {
    let empty = UInt64.max  // a NaN pattern, never inserted since NaN is skipped
    var slots = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 64)
    slots.initialize(repeating: empty)
    defer { slots.deallocate() }
    var shift: UInt64 = 64 - 6, count = 0
    for value in values where !value.isNaN {
        let key = (value == 0 ? 0 : value).bitPattern
        var slot = fibonacciSlot(key, shift: shift)
        while slots[slot] != key {
            guard slots[slot] == empty else {
                slot = (slot + 1) & (slots.count - 1)
                continue
            }
            slots[slot] = key
            count += 1
            if 2 * count > slots.count {
                let grown = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 2 * slots.count)
                grown.initialize(repeating: empty)
                shift -= 1
                for key in slots where key != empty {
                    var slot = fibonacciSlot(key, shift: shift)
                    while grown[slot] != empty { slot = (slot + 1) & (grown.count - 1) }
                    grown[slot] = key
                }
                slots.deallocate()
                slots = grown
            }
            break
        }
    }
    return count
}

/// Fibonacci hashing: the top bits of the product depend on every bit of the key (the low bits would not:
/// small integers as doubles differ only in their top bits).
@inline(__always)
private func fibonacciSlot(_ key: UInt64, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
}

/// Distinct values among 64-bit hashes (of identifiers, where most values are distinct).
///
/// A hash table of a million random keys misses the cache on every insert; instead the hashes are
/// distributed into buckets by their top bits (about four per bucket), and each small bucket is sorted.
func countDistinct(hashes: [UInt64]) -> Int {
    guard hashes.count > 1 else { return hashes.count }
    let bits = min(24, max(1, hashes.count.bitWidth - hashes.count.leadingZeroBitCount - 2))
    let shift = UInt64(64 - bits)
    var starts = [Int](repeating: 0, count: (1 << bits) + 1)
    for hash in hashes { starts[Int(hash >> shift) + 1] += 1 }
    for bucket in 0..<(1 << bits) { starts[bucket + 1] += starts[bucket] }
    var next = starts
    var bucketed = [UInt64](repeating: 0, count: hashes.count)
    for hash in hashes {
        let bucket = Int(hash >> shift)
        bucketed[next[bucket]] = hash
        next[bucket] += 1
    }
    var distinct = 0
    bucketed.withUnsafeMutableBufferPointer { bucketed in
        for bucket in 0..<(1 << bits) where starts[bucket] < starts[bucket + 1] {
            var run = UnsafeMutableBufferPointer(rebasing: bucketed[starts[bucket]..<starts[bucket + 1]])
            run.sort()
            distinct += 1 + (1..<run.count).count { run[$0] != run[$0 - 1] }
        }
    }
    return distinct
}
