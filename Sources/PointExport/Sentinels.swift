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
        guard let ends = ColumnEnds(raw), ends.distinct >= 3 else { return [] }
        let (low, next, high, previous, known) = (ends.low, ends.next, ends.high, ends.previous, ends.known)
        let needed = Swift.max(minimumRows, Int((minimumShare * Double(known)).rounded(.up)))
        var found: [Sentinel] = []
        let restRange = high - next
        if ends.lowCount >= needed, (low < 0 && next >= 0) || next - low >= restRange, restRange > 0 {
            found.append(Sentinel(value: low, end: .low, cut: RoundNumbers.roundest(above: low, atMost: next)))
        }
        let lowerRange = previous - low
        if ends.highCount >= needed, high - previous >= lowerRange, lowerRange > 0 {
            found.append(Sentinel(value: high, end: .high, cut: RoundNumbers.roundest(above: previous, atMost: high)))
        }
        return found
    }
}

/// What `Sentinel.detect` reads of a column, in one pass without a table of counts: its least and
/// greatest known values, how many leads hold each, the next distinct value inward from each end, and
/// whether it has at least three distinct values. Equal values (0 and −0) count as one, the first seen
/// standing for them, as a dictionary's key would. A table of every distinct value's count was about 2 s
/// of CPU at 5 000 000 leads (issue 21's profile), hashing every value for four numbers and two counts.
struct ColumnEnds: Equatable {
    var low: Double, next: Double, high: Double, previous: Double
    var lowCount = 0, highCount = 0, known = 0
    /// Distinct known values, counted up to 3.
    var distinct = 0

    /// `nil` for a column without a known value.
    init?(_ values: some Collection<Double>) {
        guard let first = values.first(where: { !$0.isNaN }) else { return nil }
        (low, high, next, previous) = (first, first, .infinity, -.infinity)
        var seen: [Double] = []
        var nextSeen = false, previousSeen = false
        for value in values where !value.isNaN {
            known += 1
            if seen.count < 3, !seen.contains(value) { seen.append(value) }
            if value < low {
                (next, nextSeen, low, lowCount) = (low, true, value, 1)
            } else if value == low {
                lowCount += 1
            } else if !nextSeen || value < next {
                (next, nextSeen) = (value, true)
            }
            if value > high {
                (previous, previousSeen, high, highCount) = (high, true, value, 1)
            } else if value == high {
                highCount += 1
            } else if !previousSeen || value > previous {
                (previous, previousSeen) = (value, true)
            }
        }
        distinct = seen.count
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
