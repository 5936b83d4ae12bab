/// The piece of a shape that each row falls in, one or two bytes a row instead of an `Int32`.
///
/// Why: export keeps a piece per row for every criterion at once (the training rows while rounding, the
/// held-out rows while selecting criteria and choosing shapes), at large files the peak of `train`
/// (issue 21). A shape has at most a few hundred pieces (bins are bytes), so a byte holds the piece while
/// every piece is below 255, two bytes past that; the largest value of each width marks a row in no piece.
struct PieceColumn {
    private enum Storage {
        case bytes([UInt8])
        case shorts([UInt16])
    }

    private var storage = Storage.bytes([])

    /// No rows.
    init() {}

    /// Pieces from `pieceOfRow` (`-1`: no piece, as `FeatureShape.pieceIndices` gives them).
    init(_ pieceOfRow: [Int32]) { append(contentsOf: pieceOfRow) }

    /// Rows held.
    var count: Int {
        switch storage {
        case .bytes(let pieces): pieces.count
        case .shorts(let pieces): pieces.count
        }
    }

    /// The piece of `row`, `-1` for none.
    subscript(row: Int) -> Int {
        switch storage {
        case .bytes(let pieces): pieces[row] == UInt8.max ? -1 : Int(pieces[row])
        case .shorts(let pieces): pieces[row] == UInt16.max ? -1 : Int(pieces[row])
        }
    }

    /// Appends rows (`-1`: no piece), widening to two bytes when a piece does not fit one.
    mutating func append(contentsOf pieceOfRow: [Int32]) {
        if case .bytes(let pieces) = storage, pieceOfRow.contains(where: { $0 >= Int32(UInt8.max) }) {
            storage = .shorts(pieces.map { $0 == UInt8.max ? UInt16.max : UInt16($0) })
        }
        switch storage {
        case .bytes(var pieces):
            storage = .bytes([])  // the array is uniquely referenced while it grows
            pieces.append(contentsOf: pieceOfRow.lazy.map { $0 < 0 ? UInt8.max : UInt8($0) })
            storage = .bytes(pieces)
        case .shorts(var pieces):
            precondition(!pieceOfRow.contains { $0 >= Int32(UInt16.max) }, "a shape has fewer pieces than two bytes hold")
            storage = .shorts([])
            pieces.append(contentsOf: pieceOfRow.lazy.map { $0 < 0 ? UInt16.max : UInt16($0) })
            storage = .shorts(pieces)
        }
    }

    /// `body(row, piece)` for every row of `rows` (all rows when `nil`) that is in a piece, in row order.
    @inline(__always)
    func forEach(in rows: Range<Int>? = nil, _ body: (Int, Int) -> Void) {
        switch storage {
        case .bytes(let pieces):
            for row in rows ?? pieces.indices where pieces[row] != UInt8.max { body(row, Int(pieces[row])) }
        case .shorts(let pieces):
            for row in rows ?? pieces.indices where pieces[row] != UInt16.max { body(row, Int(pieces[row])) }
        }
    }
}
