/// Checks a numeric criterion's ranges by sweeping them from −∞ upwards: each must start exactly where
/// the ground covered so far ends — earlier is an overlap, later a gap (allowed only when an `otherwise`
/// condition takes the gap). Messages name both conditions and the numbers at stake.
struct RangeCoverage {
    let criterion: Criterion
    let index: Int

    func check(into list: inout ProblemList) {
        let ranges: [(position: Int, range: NumericRange)] = criterion.conditions.enumerated().compactMap { position, condition in
            if case .range(let range) = condition.match { return (position, range) }
            return nil
        }
        var usable: [(position: Int, range: NumericRange)] = []
        for (position, range) in ranges {
            let location = CardLocation.condition(position, of: index, criterion) + ".range"
            if [range.lower?.value, range.upper?.value].contains(where: { $0.map { !$0.isFinite } ?? false }) {
                list.add(location, "ends must be finite numbers; leave an end out for no bound")
            } else if range.isEmpty {
                list.add(location, "\(range) contains no number")
            } else {
                usable.append((position, range))
            }
        }
        let sorted = usable.sorted { Self.lowerPrecedes($0.range.lower, $1.range.lower) }
        let hasOtherwise = criterion.conditions.contains { $0.match == .otherwise }
        var leftOver: [String] = []
        var frontier: (position: Int, range: NumericRange)?
        for next in sorted {
            let location = CardLocation.condition(next.position, of: index, criterion) + ".range"
            if let covered = frontier {
                if Self.overlaps(coveredUpTo: covered.range.upper, next: next.range.lower) {
                    let shared = NumericRange(lower: next.range.lower, upper: Self.lowerOfUppers(covered.range.upper, next.range.upper))
                    list.add(location, "overlaps conditions[\(covered.position)] \(Self.describe(shared, single: "at"))")
                } else if let gap = Self.gap(after: covered.range.upper, before: next.range.lower) {
                    leftOver.append(Self.describe(gap, single: ""))
                    if !hasOtherwise {
                        list.add(location, "leaves a gap after conditions[\(covered.position)]: \(Self.describe(gap, single: "")) \(gap.isSinglePoint ? "is" : "are") not covered (move an end, or add an \"otherwise\" condition)")
                    }
                }
                if Self.upperExceeds(next.range.upper, covered.range.upper) { frontier = next }
            } else {
                frontier = next
                if let lower = next.range.lower {
                    let uncovered = lower.inclusive ? "numbers below \(RawValue.format(lower.value))" : "\(RawValue.format(lower.value)) and below"
                    leftOver.append(uncovered)
                    if !hasOtherwise {
                        list.add(location, "\(uncovered) are not covered: leave \"greaterThan\"/\"atLeast\" out of the lowest range, or add an \"otherwise\" condition")
                    }
                }
            }
        }
        if let top = frontier, let upper = top.range.upper {
            let uncovered = upper.inclusive ? "numbers above \(RawValue.format(upper.value))" : "\(RawValue.format(upper.value)) and above"
            leftOver.append(uncovered)
            if !hasOtherwise {
                list.add(CardLocation.condition(top.position, of: index, criterion) + ".range",
                         "\(uncovered) are not covered: leave \"lessThan\"/\"atMost\" out of the highest range, or add an \"otherwise\" condition")
            }
        }
        if sorted.isEmpty { leftOver.append("numeric") }
        if !criterion.conditions.contains(where: { $0.match == .missing }) { leftOver.append("missing") }
        // Without an "otherwise", gaps and open ends were reported one by one above.
        let unreported = hasOtherwise ? leftOver : leftOver.filter { $0 == "numeric" || $0 == "missing" }
        criterion.checkOtherwise(leftOver: unreported, index: index, into: &list)
    }

    /// Sort order of lower ends: unbounded first, then by value, a closed end before an open one.
    static func lowerPrecedes(_ a: NumericRange.Bound?, _ b: NumericRange.Bound?) -> Bool {
        guard let b else { return false }
        guard let a else { return true }
        return a.value != b.value ? a.value < b.value : (a.inclusive && !b.inclusive)
    }

    /// Whether an upper end reaches past another: unbounded is highest, a closed end beats an open one.
    static func upperExceeds(_ a: NumericRange.Bound?, _ b: NumericRange.Bound?) -> Bool {
        guard let a else { return b != nil }
        guard let b else { return false }
        return a.value != b.value ? a.value > b.value : (a.inclusive && !b.inclusive)
    }

    static func lowerOfUppers(_ a: NumericRange.Bound?, _ b: NumericRange.Bound?) -> NumericRange.Bound? {
        upperExceeds(a, b) ? b : a
    }

    static func overlaps(coveredUpTo upper: NumericRange.Bound?, next lower: NumericRange.Bound?) -> Bool {
        guard let upper, let lower else { return true }
        return lower.value != upper.value ? lower.value < upper.value : (lower.inclusive && upper.inclusive)
    }

    /// The numbers strictly between the covered ground and the next range, if any.
    static func gap(after upper: NumericRange.Bound?, before lower: NumericRange.Bound?) -> NumericRange? {
        guard let upper, let lower else { return nil }
        if lower.value == upper.value, lower.inclusive || upper.inclusive { return nil }
        return NumericRange(lower: .init(upper.value, inclusive: !upper.inclusive), upper: .init(lower.value, inclusive: !lower.inclusive))
    }

    /// "at 3" for a single number, "on (2, 3]" otherwise.
    static func describe(_ range: NumericRange, single: String) -> String {
        if range.isSinglePoint, let value = range.lower?.value {
            return single.isEmpty ? RawValue.format(value) : "\(single) \(RawValue.format(value))"
        }
        return single.isEmpty ? "numbers in \(range)" : "on \(range)"
    }
}

extension NumericRange {
    var isSinglePoint: Bool {
        guard let lower, let upper else { return false }
        return lower.value == upper.value && lower.inclusive && upper.inclusive
    }
}
