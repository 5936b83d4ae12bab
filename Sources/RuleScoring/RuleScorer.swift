import ScoreCardFormat

/// Scores leads with a validated card: per lead the total points, the group subtotals, the tier, the
/// probability and the reasons. Depends only on the card format and the CSV primitives — no trainer —
/// so scoring can ship on its own.
///
/// The card is compiled once (a hash table per categorical criterion, sorted thresholds per numeric
/// one, tier and probability tables indexed by total), so a lead costs one lookup per criterion.
/// A missing field or an unseen category scores as the card says (`missing` / `otherwise`); nothing a
/// lead contains can make scoring fail.
public struct RuleScorer: Sendable {
    public let card: ScoreCard
    let compiled: [CompiledCriterion]
    let reader: FieldReader
    /// The subtotal bucket of each criterion: its group's index, or `card.groups.count` for none.
    let bucketOfCriterion: [Int]
    /// Each group's caps as plain numbers (`Int.min`, `Int.max` when absent), so the hot path touches
    /// no `CriterionGroup` and its strings.
    private let groupFloors: [Int], groupCeilings: [Int]
    /// Index into `card.tiers` for each total `0…maximumPoints`, -1 when the card has no tiers.
    let tierOfTotal: [Int]
    /// Probability for each total `0…maximumPoints`; `nil` without calibration (or for an unreachable total).
    let probabilityOfTotal: [Double?]

    /// Validates `card` (throwing every problem) and compiles it.
    public init(card: ScoreCard) throws(CardError) {
        try card.validate()
        self.card = card
        compiled = card.criteria.map { CompiledCriterion($0, missingValues: card.missingValues) }
        reader = FieldReader(missingValues: card.missingValues)
        bucketOfCriterion = card.criteria.map { criterion in
            card.groups.firstIndex { $0.name == criterion.group } ?? card.groups.count
        }
        groupFloors = card.groups.map { $0.minimumPoints ?? .min }
        groupCeilings = card.groups.map { $0.maximumPoints ?? .max }
        let totals = 0...card.maximumPoints
        tierOfTotal = totals.map { total in card.tiers.firstIndex { total >= $0.minimumPoints } ?? -1 }
        let reachable = Set(card.reachableTotals())
        probabilityOfTotal = totals.map { total in
            reachable.contains(total) ? card.calibration?.probability(forTotal: total) : nil
        }
    }

    /// Loads, validates and compiles the card at `path`.
    public init(path: String) throws(CardError) {
        try self.init(card: ScoreCard.load(path: path))
    }

    /// Scores one lead given as feature name → raw value. Absent keys are missing values.
    public func score(_ lead: [String: String]) -> ScoredLead {
        scoredLead(conditions: card.criteria.indices.map { index in
            condition(index, text: lead[card.criteria[index].feature])
        })
    }

    /// The tier of a total (clamped to the score range), if the card has tiers.
    public func tier(forTotal total: Int) -> Tier? {
        let index = tierOfTotal[card.clampTotal(total)]
        return index < 0 ? nil : card.tiers[index]
    }

    /// The calibrated probability of a total, if the card has a calibration.
    public func probability(forTotal total: Int) -> Double? {
        probabilityOfTotal[card.clampTotal(total)]
    }

    /// The condition criterion `index` matches for a raw field's bytes; `nil` means the lead has no such field.
    @inline(__always)
    func condition(_ index: Int, field: UnsafeBufferPointer<UInt8>?) -> Int32 {
        compiled[index].condition(of: field, reader: reader)
    }

    /// The same for a field given as text.
    @inline(__always)
    func condition(_ index: Int, text: String?) -> Int32 {
        guard let text else { return compiled[index].missingCondition }
        return withBytes(of: text) { condition(index, field: $0) }
    }

    /// The total, and in `subtotals` (one slot per group plus one for ungrouped criteria) each group's
    /// capped subtotal: the hot path, which allocates nothing. `conditionOf(i)` is the condition
    /// criterion i matched; the caller looks it up, because only the caller knows how long a field's
    /// bytes live.
    @inline(__always)
    func tally(_ conditionOf: (Int) -> Int32, subtotals: UnsafeMutableBufferPointer<Int>) -> Int {
        for bucket in subtotals.indices { subtotals[bucket] = 0 }
        for index in compiled.indices {
            subtotals[bucketOfCriterion[index]] &+= compiled[index].points[Int(conditionOf(index))]
        }
        var raw = card.basePoints + subtotals[groupFloors.count]
        for bucket in groupFloors.indices {
            subtotals[bucket] = min(max(subtotals[bucket], groupFloors[bucket]), groupCeilings[bucket])
            raw += subtotals[bucket]
        }
        return min(max(raw, 0), card.maximumPoints)
    }

    /// The total alone, for bulk scoring.
    @inline(__always)
    func total(_ conditionOf: (Int) -> Int32) -> Int {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: card.groups.count + 1) { tally(conditionOf, subtotals: $0) }
    }

    /// The full result for the conditions each criterion matched, through the card's own total rule.
    func scoredLead(conditions: [Int32]) -> ScoredLead {
        let contributions = card.criteria.indices.map { index in
            let criterion = card.criteria[index]
            let condition = Int(conditions[index])
            return Contribution(
                feature: criterion.feature, criterion: index, condition: condition,
                label: criterion.conditions[condition].label, points: criterion.conditions[condition].points,
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
}
