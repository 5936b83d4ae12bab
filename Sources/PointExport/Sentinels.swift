import Foundation
import LeadData
import ModelCore

/// A value at one end of a numeric column that stands apart from the rest — `-1` for "never contacted",
/// `999` or `9999` for "not known" — and so gets a condition of its own on the card instead of being
/// lumped into a range with real values ("-1–94 days").
///
/// A value is a sentinel when it is the column's least (or greatest) value, at least
/// `minimumShare` of the known values (and `minimumRows` leads) hold it, and it stands apart: a negative
/// value below a column otherwise never negative, or a gap to the next value at least as wide as the
/// range of all the other values.
struct Sentinel: Equatable {
    enum End: Equatable { case low, high }

    var value: Double
    var end: End
    /// Where the sentinel's condition ends and the real values' begin: the roundest number in the gap
    /// (`x < cut` is the low sentinel's condition, `x ≥ cut` the high one's).
    var cut: Double

    static let minimumShare = 0.01
    static let minimumRows = 20

    /// The sentinels of a numeric column (at most one per end).
    static func detect(_ column: DataColumn?) -> [Sentinel] {
        guard let column, column.role == .numeric, case .numeric(let raw) = column.values else { return [] }
        var counts: [Double: Int] = [:]
        var known = 0
        for value in raw where !value.isNaN {
            counts[value, default: 0] += 1
            known += 1
        }
        guard counts.count >= 3 else { return [] }
        let distinct = counts.keys.sorted()
        let needed = Swift.max(minimumRows, Int((minimumShare * Double(known)).rounded(.up)))
        var found: [Sentinel] = []
        let (low, next) = (distinct[0], distinct[1])
        let restRange = distinct[distinct.count - 1] - next
        if counts[low]! >= needed, (low < 0 && next >= 0) || next - low >= restRange, restRange > 0 {
            found.append(Sentinel(value: low, end: .low, cut: RoundNumbers.roundest(above: low, atMost: next)))
        }
        let (high, previous) = (distinct[distinct.count - 1], distinct[distinct.count - 2])
        let lowerRange = previous - distinct[0]
        if counts[high]! >= needed, high - previous >= lowerRange, lowerRange > 0 {
            found.append(Sentinel(value: high, end: .high, cut: RoundNumbers.roundest(above: previous, atMost: high)))
        }
        return found
    }
}

extension FeatureShape {
    /// The shape with each sentinel given a piece of its own (same log-odds as the piece it came from),
    /// and the indices of those pieces.
    func separatingSentinels(_ sentinels: [Sentinel]) -> FeatureShape {
        var copy = self
        for sentinel in sentinels {
            let edge = sentinel.cut.nextDown
            guard let index = copy.pieces.firstIndex(where: { piece in
                if case .interval(let lower, let upper) = piece.condition { return lower < edge && edge < upper }
                return false
            }), case .interval(let lower, let upper) = copy.pieces[index].condition else { continue }
            let logOdds = copy.pieces[index].logOdds
            copy.pieces[index] = ShapePiece(.interval(lower: lower, upper: edge), logOdds: logOdds)
            copy.pieces.insert(ShapePiece(.interval(lower: edge, upper: upper), logOdds: logOdds), at: index + 1)
        }
        return copy
    }

    /// The indices of the pieces that hold only a sentinel's side of its cut.
    func sentinelPieces(_ sentinels: [Sentinel]) -> Set<Int> {
        Set(sentinels.compactMap { sentinel in
            pieces.firstIndex { piece in
                guard case .interval(let lower, let upper) = piece.condition else { return false }
                switch sentinel.end {
                case .low: return lower == -.infinity && upper == sentinel.cut.nextDown
                case .high: return lower == sentinel.cut.nextDown && upper == .infinity
                }
            }
        })
    }
}

extension PointedShape {
    /// The criterion with each sentinel's condition separate again (rounding merges equal neighbours).
    func separatingSentinels(_ sentinels: [Sentinel]) -> PointedShape {
        var copy = self
        for sentinel in sentinels {
            let edge = sentinel.cut.nextDown
            guard let index = copy.pieces.firstIndex(where: { piece in
                if case .interval(let lower, let upper) = piece.condition { return lower < edge && edge < upper }
                return false
            }), case .interval(let lower, let upper) = copy.pieces[index].condition else { continue }
            var left = copy.pieces[index], right = left
            left.condition = .interval(lower: lower, upper: edge)
            right.condition = .interval(lower: edge, upper: upper)
            copy.pieces[index] = left
            copy.pieces.insert(right, at: index + 1)
        }
        return copy
    }
}
