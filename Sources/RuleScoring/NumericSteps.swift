import ScoreCardFormat

/// A numeric criterion's ranges compiled for lookup: sorted by position on the line, each end stored as
/// a number (±∞ for an open end) and whether it is closed, found by binary search on the upper ends.
/// Validation guarantees the ranges do not overlap, so upper ends ascend with the ranges.
struct NumericSteps: Sendable {
    private var uppers: [Double] = []
    private var upperClosed: [Bool] = []
    private var lowers: [Double] = []
    private var lowerClosed: [Bool] = []
    private var conditions: [Int32] = []

    init(_ criterion: Criterion) {
        let ranges = criterion.conditions.enumerated().compactMap { index, condition -> (Int, NumericRange)? in
            if case .range(let range) = condition.match { return (index, range) }
            return nil
        }
        for (index, range) in ranges.sorted(by: { ($0.1.lower?.value ?? -.infinity) < ($1.1.lower?.value ?? -.infinity) }) {
            uppers.append(range.upper?.value ?? .infinity)
            upperClosed.append(range.upper?.inclusive ?? true)
            lowers.append(range.lower?.value ?? -.infinity)
            lowerClosed.append(range.lower?.inclusive ?? true)
            conditions.append(Int32(index))
        }
    }

    /// The condition whose range holds `x`, or `nil` when `x` falls in a gap (or no range exists).
    @inline(__always)
    func condition(of x: Double) -> Int32? {
        var low = 0, high = uppers.count
        while low < high {
            let middle = (low + high) / 2
            let belowUpper = upperClosed[middle] ? x <= uppers[middle] : x < uppers[middle]
            if belowUpper { high = middle } else { low = middle + 1 }
        }
        guard low < uppers.count else { return nil }
        let aboveLower = lowerClosed[low] ? x >= lowers[low] : x > lowers[low]
        return aboveLower ? conditions[low] : nil
    }
}
