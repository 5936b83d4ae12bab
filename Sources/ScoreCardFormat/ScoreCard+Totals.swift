/// The rule that turns the points of each criterion into a lead's total, and the set of totals a lead can
/// reach — which tiers and the calibration table are checked against.
extension ScoreCard {
    /// The subtotal of each declared group, in `groups` order, after its caps.
    /// - Parameters:
    ///   - criterionPoints: the points each criterion gave, in `criteria` order.
    ///   - eventPoints: the points each event criterion gave, in `eventCriteria` order (none: no events).
    public func groupSubtotals(criterionPoints: [Int], eventPoints: [Int] = []) -> [Int] {
        var subtotals = [Int](repeating: 0, count: groups.count)
        for (criterion, points) in zip(criteria, criterionPoints) {
            if let group = groupIndex(of: criterion) { subtotals[group] += points }
        }
        for (criterion, points) in zip(eventCriteria, eventPoints) {
            if let name = criterion.group, let group = groups.firstIndex(where: { $0.name == name }) { subtotals[group] += points }
        }
        return zip(groups, subtotals).map { $0.capped($1) }
    }

    /// `basePoints` + the capped group subtotals + the points of ungrouped criteria, kept within
    /// `0…maximumPoints`.
    public func total(criterionPoints: [Int], eventPoints: [Int] = []) -> Int {
        var ungrouped = 0
        for (criterion, points) in zip(criteria, criterionPoints) where groupIndex(of: criterion) == nil {
            ungrouped += points
        }
        for (criterion, points) in zip(eventCriteria, eventPoints) where !groups.contains(where: { $0.name == criterion.group }) {
            ungrouped += points
        }
        return clampTotal(basePoints + ungrouped + groupSubtotals(criterionPoints: criterionPoints, eventPoints: eventPoints).reduce(0, +))
    }

    /// Keeps a raw total within the score range: the score range is the cap on the total.
    public func clampTotal(_ raw: Int) -> Int { min(max(raw, 0), maximumPoints) }

    /// Every total some lead can get, ascending. Assumes every condition can match (which `validate()`
    /// checks), so a card whose conditions cover nothing new cannot inflate it.
    public func reachableTotals() -> [Int] {
        var buckets: [[Int]] = groups.map { group in
            let members = criteria.filter { $0.group == group.name }
            let events = eventCriteria.filter { $0.group == group.name }.map(\.reachablePoints)
            return Array(Set(events.reduce(sums(of: members)) { Self.minkowskiSum($0, $1) }.map(group.capped))).sorted()
        }
        let ungroupedEvents = eventCriteria.filter { criterion in !groups.contains { $0.name == criterion.group } }.map(\.reachablePoints)
        buckets.append(ungroupedEvents.reduce(sums(of: criteria.filter { criterion in groupIndex(of: criterion) == nil })) { Self.minkowskiSum($0, $1) })
        return Self.reachableTotals(basePoints: basePoints, choices: buckets, maximumPoints: maximumPoints)
    }

    /// Every total of `basePoints` plus one value of each of `choices`, kept within `0…maximumPoints` once,
    /// at the end, as `total(criterionPoints:)` does: the one implementation of the card's reachable
    /// totals, which the trainer's points model (`PointModel.reachableTotals`) uses too. Clamping after each
    /// criterion instead would be wrong with negative points (base 40, criteria {−10, 0, 65} and
    /// {−30, 0, 10}: 105 − 30 = 75 is reachable, while 100 − 30 = 70 is not).
    public static func reachableTotals(basePoints: Int, choices: [[Int]], maximumPoints: Int) -> [Int] {
        let raw = choices.reduce([basePoints]) { minkowskiSum($0, Array(Set($1))) }
        return Array(Set(raw.map { min(max($0, 0), maximumPoints) })).sorted()
    }

    func groupIndex(of criterion: Criterion) -> Int? {
        guard let name = criterion.group else { return nil }
        return groups.firstIndex { $0.name == name }
    }

    /// Every sum of one condition's points per criterion.
    private func sums(of members: [Criterion]) -> [Int] {
        members.reduce([0]) { partial, criterion in Self.minkowskiSum(partial, Array(Set(criterion.conditions.map(\.points)))) }
    }

    /// `{a + b : a ∈ left, b ∈ right}`, ascending, via a presence array over the span of the sums.
    private static func minkowskiSum(_ left: [Int], _ right: [Int]) -> [Int] {
        guard let leftLow = left.min(), let leftHigh = left.max(), let rightLow = right.min(), let rightHigh = right.max() else {
            return []
        }
        let low = leftLow + rightLow
        var present = [Bool](repeating: false, count: leftHigh + rightHigh - low + 1)
        for a in left {
            for b in right { present[a + b - low] = true }
        }
        return present.indices.filter { present[$0] }.map { $0 + low }
    }
}
