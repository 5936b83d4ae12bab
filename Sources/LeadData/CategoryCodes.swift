/// The level codes of one categorical column, one per row: `codes[row]` indexes the column's levels, `-1`
/// marks a missing value.
///
/// Why not `[Int32]`: a lead column rarely has more than a few dozen levels (sources, job levels, countries),
/// so a code fits one byte. Held as `code + 1` in a `UInt8` (0 for missing) while the column has at most 255
/// levels, it takes 1 byte a row instead of 4; a column with more levels keeps `Int32`. Reads go through
/// `subscript` and give the same `Int32` either way.
public struct CategoryCodes: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    @usableFromInline package enum Storage: Sendable, Equatable {
        /// `code + 1`; 0 is missing.
        case narrow([UInt8])
        case wide([Int32])
    }

    /// Most levels a narrow column can code (255 codes plus missing in a byte).
    public static let narrowLevelLimit = 255

    @usableFromInline package private(set) var storage: Storage

    @usableFromInline package init(storage: Storage) { self.storage = storage }

    /// The codes (each `-1` or a level index), stored narrow when every code is below `narrowLevelLimit`.
    public init(_ codes: some Sequence<Int32>) {
        var builder = CategoryCodesBuilder()
        builder.reserve(codes.underestimatedCount)
        for code in codes { builder.append(code) }
        self = builder.finish()
    }

    public init(arrayLiteral elements: Int32...) { self.init(elements) }

    @inlinable public var startIndex: Int { 0 }

    @inlinable public var endIndex: Int {
        switch storage {
        case .narrow(let codes): codes.count
        case .wide(let codes): codes.count
        }
    }

    @inlinable public func index(after i: Int) -> Int { i + 1 }
    @inlinable public func index(before i: Int) -> Int { i - 1 }

    @inlinable public subscript(position: Int) -> Int32 {
        switch storage {
        case .narrow(let codes): Int32(codes[position]) &- 1
        case .wide(let codes): codes[position]
        }
    }

    /// The same codes restricted to `rows`, in that order, stored as narrow as before.
    @inlinable public func selecting(_ rows: [Int]) -> CategoryCodes {
        switch storage {
        case .narrow(let codes): CategoryCodes(storage: .narrow(rows.map { codes[$0] }))
        case .wide(let codes): CategoryCodes(storage: .wide(rows.map { codes[$0] }))
        }
    }

    /// Bytes each row takes: 1 or 4.
    public var bytesPerRow: Int {
        switch storage {
        case .narrow: MemoryLayout<UInt8>.stride
        case .wide: MemoryLayout<Int32>.stride
        }
    }

    /// Equal codes, whatever the storage.
    public static func == (a: CategoryCodes, b: CategoryCodes) -> Bool {
        switch (a.storage, b.storage) {
        case (.narrow(let x), .narrow(let y)): return x == y
        case (.wide(let x), .wide(let y)): return x == y
        default: return a.count == b.count && a.elementsEqual(b)
        }
    }
}

/// Builds a `CategoryCodes` row by row, as narrow as the codes allow: narrow until a code reaches
/// `CategoryCodes.narrowLevelLimit`, then widened once to `Int32`.
package struct CategoryCodesBuilder {
    private var narrow: [UInt8] = []
    private var wide: [Int32]?

    package init() {}

    package mutating func reserve(_ rows: Int) {
        if wide == nil { narrow.reserveColumn(rows) } else { wide!.reserveColumn(rows) }
    }

    package mutating func append(_ code: Int32) {
        if wide == nil {
            if code < Int32(CategoryCodes.narrowLevelLimit) {
                narrow.append(UInt8(truncatingIfNeeded: code &+ 1))
                return
            }
            var widened: [Int32] = []
            widened.reserveColumn(Swift.max(narrow.capacity, narrow.count + 1))
            for stored in narrow { widened.append(Int32(stored) &- 1) }
            narrow = []
            wide = widened
        }
        wide!.append(code)
    }

    /// Rows appended so far.
    package var count: Int { wide?.count ?? narrow.count }

    package func finish() -> CategoryCodes {
        if let wide { return CategoryCodes(storage: .wide(wide)) }
        return CategoryCodes(storage: .narrow(narrow))
    }
}
