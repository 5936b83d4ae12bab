/// Distinct non-NaN values (0 and -0 count as one), for the summary of numeric and date columns.
func countDistinct(_ values: [Double]) -> Int {
    var set = BitPatternSet()
    for value in values where !value.isNaN { set.insert((value == 0 ? 0 : value).bitPattern) }
    return set.count
}

/// An open-addressing set of 64-bit keys sized by what it finds: a count column with a dozen values keeps a
/// table that stays in cache, where `Set<Double>` would hash and allocate far more per value.
private struct BitPatternSet {
    /// A NaN pattern, never inserted since NaN is skipped.
    private static let empty = UInt64.max
    private var table = [UInt64](repeating: empty, count: 64)
    private var shift: UInt64 = 64 - 6
    private(set) var count = 0

    mutating func insert(_ key: UInt64) {
        var slot = home(key)
        while table[slot] != Self.empty {
            if table[slot] == key { return }
            slot = (slot + 1) & (table.count - 1)
        }
        table[slot] = key
        count += 1
        if 2 * count > table.count { grow() }
    }

    /// Fibonacci hashing: the top bits of the product depend on every bit of the key. (Low or middle bits
    /// would not: small integers as doubles differ only in their top bits.)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    private mutating func grow() {
        let old = table
        table = [UInt64](repeating: Self.empty, count: 2 * old.count)
        shift -= 1
        for key in old where key != Self.empty {
            var slot = home(key)
            while table[slot] != Self.empty { slot = (slot + 1) & (table.count - 1) }
            table[slot] = key
        }
    }
}
