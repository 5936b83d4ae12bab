/// The numbers of one numeric, yes/no or date column, one per row; NaN marks a missing value.
///
/// Why not `[Double]`: a lead column rarely has many distinct values (counts, days, sizes, prices, yes/no).
/// Held as one code per row into a table of the column's distinct values, it takes 1 byte a row (up to 256
/// distinct values) or 2 (up to 65,536) instead of 8, and every value is kept bit for bit (NaN payloads and
/// the sign of zero included). At 25 columns that is most of what `train` holds per lead. A column with more
/// distinct values keeps plain doubles.
///
/// Reads go through `subscript`; a loop over every row that turns each value into something else (a bin, a
/// piece of a shape) should call `mapped`, which works once per distinct value and then copies by code.
public struct NumberColumn: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    @usableFromInline package enum Storage: Sendable {
        case plain([Double])
        case narrow(codes: [UInt8], table: [Double])
        case wide(codes: [UInt16], table: [Double])
    }

    @usableFromInline package private(set) var storage: Storage

    @usableFromInline package init(storage: Storage) { self.storage = storage }

    /// The values, stored coded when they have few distinct values. Any sequence, so that values computed
    /// row by row (a lazy map) are coded without a plain array of them first.
    public init(_ values: some Sequence<Double>) {
        var builder = NumberColumnBuilder()
        builder.reserve(values.underestimatedCount)
        for value in values { builder.append(value) }
        self = builder.finish()
    }

    public init(arrayLiteral elements: Double...) { self.init(elements) }

    @inlinable public var startIndex: Int { 0 }

    @inlinable public var endIndex: Int {
        switch storage {
        case .plain(let values): values.count
        case .narrow(let codes, _): codes.count
        case .wide(let codes, _): codes.count
        }
    }

    @inlinable public func index(after i: Int) -> Int { i + 1 }
    @inlinable public func index(before i: Int) -> Int { i - 1 }

    @inlinable public subscript(position: Int) -> Double {
        switch storage {
        case .plain(let values): values[position]
        case .narrow(let codes, let table): table[Int(codes[position])]
        case .wide(let codes, let table): table[Int(codes[position])]
        }
    }

    /// `transform` of every value, in row order. On a coded column `transform` runs once per distinct value
    /// (so it must not depend on how often it is called) and the rows are filled by code.
    @inlinable public func mapped<T>(_ transform: (Double) -> T) -> [T] {
        switch storage {
        case .plain(let values): return values.map(transform)
        case .narrow(let codes, let table): return Self.gather(codes, table.map(transform))
        case .wide(let codes, let table): return Self.gather(codes, table.map(transform))
        }
    }

    /// `results[code]` for every code, in row order.
    @inlinable static func gather<Code: FixedWidthInteger, T>(_ codes: [Code], _ results: [T]) -> [T] {
        results.withUnsafeBufferPointer { results in
            codes.map { results[Int($0)] }
        }
    }

    /// The values as a plain array, for code that needs one (sorting, a sample, a library call).
    @inlinable public var doubles: [Double] { mapped { $0 } }

    /// The values of `rows`, in that order; a coded column stays coded with the same table.
    @inlinable public func selecting(_ rows: [Int]) -> NumberColumn {
        switch storage {
        case .plain(let values): NumberColumn(storage: .plain(rows.map { values[$0] }))
        case .narrow(let codes, let table): NumberColumn(storage: .narrow(codes: rows.map { codes[$0] }, table: table))
        case .wide(let codes, let table): NumberColumn(storage: .wide(codes: rows.map { codes[$0] }, table: table))
        }
    }

    /// Bytes a row takes: 1 or 2 when coded, 8 when plain.
    public var bytesPerRow: Int {
        switch storage {
        case .plain: MemoryLayout<Double>.stride
        case .narrow: MemoryLayout<UInt8>.stride
        case .wide: MemoryLayout<UInt16>.stride
        }
    }

    /// The rows whose value is a number (not NaN), in ascending order of value, rows of equal values in row
    /// order: what `indices.filter { !self[$0].isNaN }.sorted { self[$0] < self[$1] }` gives (Swift's sort
    /// is stable).
    ///
    /// Why: passes that walk a column's leads in value order (moving a card's cut points) sorted millions of
    /// rows per criterion; a coded column is put in order by counting rows per distinct value instead, in
    /// time linear in the rows. Codes of equal values (0 and −0) share one place, so the order is the same.
    public func ascendingRows() -> [Int] {
        func counted<Code: FixedWidthInteger & UnsignedInteger>(_ codes: [Code], _ table: [Double]) -> [Int] {
            // Each code's rank among the distinct values (equal values one rank), -1 for NaN.
            let order = table.indices.filter { !table[$0].isNaN }.sorted { table[$0] < table[$1] }
            var rankOfCode = [Int](repeating: -1, count: table.count)
            var ranks = 0
            for (position, code) in order.enumerated() {
                if position > 0, table[order[position - 1]] < table[code] { ranks += 1 }
                rankOfCode[code] = ranks
            }
            var start = [Int](repeating: 0, count: ranks + 2)
            for code in codes where rankOfCode[Int(code)] >= 0 { start[rankOfCode[Int(code)] + 1] += 1 }
            for rank in 0..<(ranks + 1) { start[rank + 1] += start[rank] }
            var rows = [Int](repeating: 0, count: start[ranks + 1])
            for (row, code) in codes.enumerated() {
                let rank = rankOfCode[Int(code)]
                guard rank >= 0 else { continue }
                rows[start[rank]] = row
                start[rank] += 1
            }
            return rows
        }
        switch storage {
        case .plain(let values): return values.indices.filter { !values[$0].isNaN }.sorted { values[$0] < values[$1] }
        case .narrow(let codes, let table): return counted(codes, table)
        case .wide(let codes, let table): return counted(codes, table)
        }
    }

    /// The numbers (not NaN) in ascending order, equal values in row order: `filter { !$0.isNaN }.sorted()`,
    /// counted rather than sorted on a coded column (`ascendingRows`).
    public func ascendingValues() -> [Double] {
        func counted<Code: FixedWidthInteger & UnsignedInteger>(_ codes: [Code], _ table: [Double]) -> [Double] {
            let order = table.indices.filter { !table[$0].isNaN }.sorted { table[$0] < table[$1] }
            // Two codes of one value (0 and −0) interleave in row order: only `ascendingRows` knows that order.
            guard zip(order, order.dropFirst()).allSatisfy({ table[$0] < table[$1] }) else { return ascendingRows().map { self[$0] } }
            var rowsOfCode = [Int](repeating: 0, count: table.count)
            for code in codes { rowsOfCode[Int(code)] += 1 }
            var values: [Double] = []
            values.reserveCapacity(order.reduce(0) { $0 + rowsOfCode[$1] })
            for code in order { values.append(contentsOf: repeatElement(table[code], count: rowsOfCode[code])) }
            return values
        }
        switch storage {
        case .plain(let values): return values.filter { !$0.isNaN }.sorted()
        case .narrow(let codes, let table): return counted(codes, table)
        case .wide(let codes, let table): return counted(codes, table)
        }
    }

    /// Distinct non-NaN values (0 and -0 count as one), as the loader's summary counts them.
    package var distinctCount: Int {
        switch storage {
        case .plain(let values): countDistinct(values)
        case .narrow(_, let table), .wide(_, let table): countDistinct(table)
        }
    }

    /// Equal when every row holds an equal value (NaN equals nothing, as for arrays of doubles), however
    /// each side is stored.
    public static func == (a: NumberColumn, b: NumberColumn) -> Bool {
        switch (a.storage, b.storage) {
        case (.plain(let x), .plain(let y)): return x == y
        case (.narrow(let c, let t), .narrow(let d, let u)) where c == d && t == u: return true
        case (.wide(let c, let t), .wide(let d, let u)) where c == d && t == u: return true
        default: return a.count == b.count && a.elementsEqual(b)
        }
    }
}

/// Builds a `NumberColumn` value by value, coding as it goes, so that a loaded column never exists as
/// doubles: codes start at 1 byte a row, widen to 2 at the 257th distinct value and turn into plain doubles
/// at the 65,537th.
///
/// The distinct values are found by an open-addressing table of their bit patterns (the same Fibonacci
/// hashing as `countDistinct`), small enough to stay in cache for a typical column.
package struct NumberColumnBuilder {
    private var table: [Double] = []
    /// 0 for an empty slot, else the code + 1 of the value whose bit pattern hashes there.
    private var slots: [UInt32] = [UInt32](repeating: 0, count: 64)
    private var shift: UInt64 = 64 - 6
    private var narrow: [UInt8] = []
    private var wide: [UInt16] = []
    private var plain: [Double] = []
    private var width = 1
    private var reserved = 0

    package init() {}

    package mutating func reserve(_ rows: Int) {
        reserved = rows
        narrow.reserveColumn(rows)
    }

    package mutating func append(_ value: Double) {
        if width == 8 {
            plain.append(value)
            return
        }
        let key = value.bitPattern
        var slot = Self.slot(key, shift: shift)
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let code = Int(entry - 1)
            if table[code].bitPattern == key {
                store(code)
                return
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        // A new distinct value.
        let code = table.count
        if code == 256 { widenToTwoBytes() }
        if code == 65_536 {
            widenToDoubles()
            plain.append(value)
            return
        }
        table.append(value)
        slots[slot] = UInt32(code + 1)
        if 2 * table.count > slots.count { growSlots() }
        store(code)
    }

    package func finish() -> NumberColumn {
        switch width {
        case 1: NumberColumn(storage: .narrow(codes: narrow, table: table))
        case 2: NumberColumn(storage: .wide(codes: wide, table: table))
        default: NumberColumn(storage: .plain(plain))
        }
    }

    @inline(__always)
    private mutating func store(_ code: Int) {
        if width == 1 { narrow.append(UInt8(truncatingIfNeeded: code)) } else { wide.append(UInt16(truncatingIfNeeded: code)) }
    }

    private mutating func widenToTwoBytes() {
        wide.reserveColumn(max(reserved, narrow.count))
        wide.append(contentsOf: narrow.lazy.map { UInt16($0) })
        narrow = []
        width = 2
    }

    private mutating func widenToDoubles() {
        plain.reserveColumn(max(reserved, wide.count))
        let values = table
        plain.append(contentsOf: wide.lazy.map { values[Int($0)] })
        wide = []
        table = []
        slots = []
        width = 8
    }

    private mutating func growSlots() {
        shift -= 1
        var grown = [UInt32](repeating: 0, count: 2 * slots.count)
        for entry in slots where entry != 0 {
            var slot = Self.slot(table[Int(entry - 1)].bitPattern, shift: shift)
            while grown[slot] != 0 { slot = (slot + 1) & (grown.count - 1) }
            grown[slot] = entry
        }
        slots = grown
    }

    @inline(__always)
    private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
