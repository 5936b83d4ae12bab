/// An interval of numbers with each end stated as open or closed; a `nil` end is unbounded.
///
/// In JSON the ends are named for what they mean — `greaterThan` or `atLeast` below, `lessThan` or
/// `atMost` above — so "3 or more" is `{"atLeast": 3}` and a trained bin `lower < x ≤ upper` is
/// `{"greaterThan": lower, "atMost": upper}`.
public struct NumericRange: Sendable, Hashable {
    /// Lower bound; `nil` for no lower limit.
    public var lower: Bound?
    /// Upper bound; `nil` for no upper limit.
    public var upper: Bound?

    /// One end of a range.
    public struct Bound: Sendable, Hashable {
        /// The bound's value.
        public var value: Double
        /// Whether `value` itself is in the range.
        public var inclusive: Bool

        /// A bound at `value`, including it or not.
        public init(_ value: Double, inclusive: Bool) {
            self.value = value
            self.inclusive = inclusive
        }
    }

    /// A range from its bounds; `nil` leaves that side open.
    public init(lower: Bound?, upper: Bound?) {
        self.lower = lower
        self.upper = upper
    }

    /// `lower < x ≤ upper`, the form of trained intervals (ModelCore's `PieceCondition.interval`);
    /// `nil` or an infinite end means unbounded on that side.
    public init(greaterThan lower: Double?, atMost upper: Double?) {
        self.lower = lower.flatMap { $0.isFinite ? Bound($0, inclusive: false) : nil }
        self.upper = upper.flatMap { $0.isFinite ? Bound($0, inclusive: true) : nil }
    }

    /// `lower ≤ x < upper`, the form hand-written thresholds usually take ("3 to 9 visits").
    public init(atLeast lower: Double?, lessThan upper: Double?) {
        self.lower = lower.map { Bound($0, inclusive: true) }
        self.upper = upper.map { Bound($0, inclusive: false) }
    }

    /// Whether `x` lies in the range, honouring each bound's inclusiveness.
    public func contains(_ x: Double) -> Bool {
        admitsFromBelow(x) && admitsFromAbove(x)
    }

    /// Whether `x` is not below the range.
    func admitsFromBelow(_ x: Double) -> Bool {
        guard let lower else { return true }
        return lower.inclusive ? x >= lower.value : x > lower.value
    }

    /// Whether `x` is not above the range.
    func admitsFromAbove(_ x: Double) -> Bool {
        guard let upper else { return true }
        return upper.inclusive ? x <= upper.value : x < upper.value
    }

    /// Whether no number is in the range (e.g. `3 < x ≤ 3`).
    public var isEmpty: Bool {
        guard let lower, let upper else { return false }
        if lower.value != upper.value { return lower.value > upper.value }
        return !(lower.inclusive && upper.inclusive)
    }
}

extension NumericRange: CustomStringConvertible {
    /// Interval notation: `(2, 5]`, `[3, ∞)`, `(−∞, 0]`.
    public var description: String {
        let low = lower.map { ($0.inclusive ? "[" : "(") + RawValue.format($0.value) } ?? "(−∞"
        let high = upper.map { RawValue.format($0.value) + ($0.inclusive ? "]" : ")") } ?? "∞)"
        return "\(low), \(high)"
    }
}
