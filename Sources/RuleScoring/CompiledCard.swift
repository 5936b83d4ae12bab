import ScoreCardFormat

/// Everything scoring needs, built once from a validated card: a compiled lookup per criterion, the
/// subtotal bucket of each criterion, the group caps as plain numbers, and tier and probability tables
/// indexed by total.
///
/// A final class so `RuleScorer` and `RowScorer` copy one reference: a struct holding the card and these
/// tables would be copied into every closure of the hot path, retaining a dozen arrays per lead.
final class CompiledCard: Sendable {
    let card: ScoreCard
    let criteria: [CompiledCriterion]
    let reader: FieldReader
    /// The subtotal bucket of each criterion: its group's index, or `card.groups.count` for none.
    let bucketOfCriterion: [Int]
    /// Each group's caps as plain numbers (`Int.min`, `Int.max` when absent).
    let groupFloors: [Int], groupCeilings: [Int]
    let basePoints: Int, maximumPoints: Int
    /// Index into `card.tiers` for each total `0…maximumPoints`, -1 when the card has no tiers.
    let tierOfTotal: [Int]
    /// Probability for each total `0…maximumPoints`; `nil` without calibration (or for an unreachable total).
    let probabilityOfTotal: [Double?]

    /// - Precondition: `card` is valid.
    init(_ card: ScoreCard) {
        self.card = card
        let reader = FieldReader(missingValues: card.missingValues, decimalSeparator: card.decimalSeparator)
        self.reader = reader
        criteria = card.criteria.map { CompiledCriterion($0, missingValues: card.missingValues, reader: reader) }
        bucketOfCriterion = card.criteria.map { criterion in
            card.groups.firstIndex { $0.name == criterion.group } ?? card.groups.count
        }
        groupFloors = card.groups.map { $0.minimumPoints ?? .min }
        groupCeilings = card.groups.map { $0.maximumPoints ?? .max }
        basePoints = card.basePoints
        maximumPoints = card.maximumPoints
        let totals = 0...card.maximumPoints
        tierOfTotal = totals.map { total in card.tiers.firstIndex { total >= $0.minimumPoints } ?? -1 }
        let reachable = Set(card.reachableTotals())
        probabilityOfTotal = totals.map { total in
            reachable.contains(total) ? card.calibration?.probability(forTotal: total) : nil
        }
    }

    /// The condition criterion `index` matches for a raw field's bytes; `nil` means the lead has no such field.
    @inline(__always)
    func condition(_ index: Int, field: UnsafeBufferPointer<UInt8>?) -> Int32 {
        criteria[index].condition(of: field, reader: reader)
    }

    /// The same for a field given as text.
    @inline(__always)
    func condition(_ index: Int, text: String?) -> Int32 {
        guard let text else { return criteria[index].missingCondition }
        return withBytes(of: text) { condition(index, field: $0) }
    }

    /// The total, and in `subtotals` (one slot per group plus one for ungrouped criteria) each group's
    /// capped subtotal: the hot path, which allocates nothing. `conditionOf(i)` is the condition
    /// criterion i matched; the caller looks it up, because only the caller knows how long a field's
    /// bytes live.
    @inline(__always)
    func tally(_ conditionOf: (Int) -> Int32, subtotals: UnsafeMutableBufferPointer<Int>) -> Int {
        for bucket in subtotals.indices { subtotals[bucket] = 0 }
        for index in criteria.indices {
            subtotals[bucketOfCriterion[index]] &+= criteria[index].points[Int(conditionOf(index))]
        }
        var raw = basePoints + subtotals[groupFloors.count]
        for bucket in groupFloors.indices {
            subtotals[bucket] = min(max(subtotals[bucket], groupFloors[bucket]), groupCeilings[bucket])
            raw += subtotals[bucket]
        }
        return min(max(raw, 0), maximumPoints)
    }

    /// The total alone, for bulk scoring.
    @inline(__always)
    func total(_ conditionOf: (Int) -> Int32) -> Int {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: groupFloors.count + 1) { tally(conditionOf, subtotals: $0) }
    }

    /// The full result for the conditions each criterion matched, through the card's own total rule.
    func scoredLead(conditions: [Int32]) -> ScoredLead {
        let contributions = card.criteria.indices.map { index in
            let criterion = card.criteria[index]
            let condition = Int(conditions[index])
            return Contribution(
                feature: criterion.feature, criterion: index, condition: condition,
                label: criterion.conditions[condition].label, criterionLabel: criterion.label,
                points: criterion.conditions[condition].points,
                bestPoints: criterion.bestPoints)
        }
        let points = contributions.map(\.points)
        let capped = card.groupSubtotals(criterionPoints: points)
        let subtotals = card.groups.indices.map { group in
            GroupSubtotal(
                group: card.groups[group].name, points: capped[group],
                uncapped: contributions.indices.filter { bucketOfCriterion[$0] == group }.map { contributions[$0].points }.reduce(0, +))
        }
        let total = card.total(criterionPoints: points)
        return ScoredLead(
            points: total, maximumPoints: card.maximumPoints, subtotals: subtotals, tier: tier(forTotal: total),
            probability: probability(forTotal: total), contributions: contributions)
    }

    func tier(forTotal total: Int) -> Tier? {
        let index = tierOfTotal[card.clampTotal(total)]
        return index < 0 ? nil : card.tiers[index]
    }

    func probability(forTotal total: Int) -> Double? {
        probabilityOfTotal[card.clampTotal(total)]
    }
}
