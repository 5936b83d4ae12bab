import ScoreCardFormat

/// What changed between two cards, criterion by criterion, and — given leads — who changes tier.
public struct CardDiff: Sendable, Codable {
    /// Whether a criterion, condition or tier is in one card only, in both but different, or the same.
    public enum Status: String, Sendable, Codable {
        /// Only in the new card.
        case added
        /// Only in the old card.
        case removed
        /// In both, with a difference.
        case changed
        /// In both, the same.
        case unchanged
    }

    /// One condition in either card, matched by the values it covers.
    public struct ConditionChange: Sendable, Codable {
        /// The values, in card terms: "(2, 5]", "referral, partner", "yes", "missing", "otherwise".
        public var values: String
        /// The condition's label in the old and the new card (`nil` where it is absent).
        public var oldLabel: String?, newLabel: String?
        /// The condition's points in the old and the new card (`nil` where it is absent).
        public var oldPoints: Int?, newPoints: Int?
        /// Added, removed, changed or unchanged.
        public var status: Status
    }

    /// One criterion in either card, matched by feature.
    public struct CriterionChange: Sendable, Codable {
        /// The criterion's feature.
        public var feature: String
        /// Added, removed, changed or unchanged.
        public var status: Status
        /// Type or label changed, in words.
        public var notes: [String]
        /// Its conditions in either card.
        public var conditions: [ConditionChange]
        /// Best points old and new.
        public var oldBest: Int?, newBest: Int?
    }

    /// One tier in either card, matched by name.
    public struct TierChange: Sendable, Codable {
        /// The tier's name.
        public var name: String
        /// The tier's minimum points in the old and the new card.
        public var oldMinimum: Int?, newMinimum: Int?
        /// Added, removed, changed or unchanged.
        public var status: Status
    }

    /// Leads per (old tier, new tier) pair: `counts[old][new]`.
    public struct TierTransitions: Sendable, Codable {
        /// The tier names of the old and the new card, indexing `counts`.
        public var oldTiers: [String], newTiers: [String]
        /// `counts[old][new]`: leads in old tier `old` and new tier `new`.
        public var counts: [[Int]]
        /// Leads compared.
        public var rows: Int
        /// Leads whose tier name differs between the cards.
        public var changedTier: Int
        /// Leads whose total differs.
        public var changedTotal: Int
    }

    /// The two cards' names.
    public var oldCard: String, newCard: String
    /// Header changes in words (base points, maximum, missing values, calibration).
    public var header: [String]
    /// Every criterion of either card.
    public var criteria: [CriterionChange]
    /// Every tier of either card.
    public var tiers: [TierChange]
    /// Who changes tier, when leads were given.
    public var transitions: TierTransitions?

    /// Compares `old` with `new`; with `oldLeads`/`newLeads` (the same leads scored by each card) also
    /// counts tier transitions.
    public init(old: ScoreCard, new: ScoreCard, oldLeads: CardLeads? = nil, newLeads: CardLeads? = nil) {
        oldCard = old.name
        newCard = new.name
        var header: [String] = []
        if old.basePoints != new.basePoints { header.append("base points \(old.basePoints) → \(new.basePoints)") }
        if old.maximumPoints != new.maximumPoints { header.append("maximum points \(old.maximumPoints) → \(new.maximumPoints)") }
        if old.missingValues != new.missingValues { header.append("missing values \(old.missingValues) → \(new.missingValues)") }
        if old.decimalSeparator != new.decimalSeparator { header.append("decimal separator \(old.decimalSeparator) → \(new.decimalSeparator)") }
        if old.groups != new.groups { header.append("groups changed") }
        if old.calibration != new.calibration {
            header.append("points → probability table changed (\(old.calibration?.method ?? "none") → \(new.calibration?.method ?? "none"))")
        }
        self.header = header

        var criteria: [CriterionChange] = []
        for criterion in old.criteria {
            guard let other = new.criteria.first(where: { $0.feature == criterion.feature }) else {
                criteria.append(CriterionChange(feature: criterion.feature, status: .removed, notes: [],
                                                conditions: criterion.conditions.map { Self.change($0, nil) }, oldBest: criterion.bestPoints, newBest: nil))
                continue
            }
            var notes: [String] = []
            if criterion.type != other.type { notes.append("type \(criterion.type.rawValue) → \(other.type.rawValue)") }
            if criterion.label != other.label { notes.append("label \"\(criterion.label)\" → \"\(other.label)\"") }
            if criterion.group != other.group { notes.append("group \(criterion.group ?? "none") → \(other.group ?? "none")") }
            var conditions = criterion.conditions.map { condition in
                Self.change(condition, other.conditions.first { $0.match == condition.match })
            }
            conditions += other.conditions.filter { condition in !criterion.conditions.contains { $0.match == condition.match } }
                .map { Self.change(nil, $0) }
            let changed = !notes.isEmpty || conditions.contains { $0.status != .unchanged }
            criteria.append(CriterionChange(feature: criterion.feature, status: changed ? .changed : .unchanged, notes: notes,
                                            conditions: conditions, oldBest: criterion.bestPoints, newBest: other.bestPoints))
        }
        for criterion in new.criteria where !old.criteria.contains(where: { $0.feature == criterion.feature }) {
            criteria.append(CriterionChange(feature: criterion.feature, status: .added, notes: [],
                                            conditions: criterion.conditions.map { Self.change(nil, $0) }, oldBest: nil, newBest: criterion.bestPoints))
        }
        self.criteria = criteria

        var tiers = old.tiers.map { tier -> TierChange in
            let other = new.tiers.first { $0.name == tier.name }
            return TierChange(name: tier.name, oldMinimum: tier.minimumPoints, newMinimum: other?.minimumPoints,
                              status: other == nil ? .removed : other!.minimumPoints == tier.minimumPoints ? .unchanged : .changed)
        }
        tiers += new.tiers.filter { tier in !old.tiers.contains { $0.name == tier.name } }
            .map { TierChange(name: $0.name, oldMinimum: nil, newMinimum: $0.minimumPoints, status: .added) }
        self.tiers = tiers

        if let oldLeads, let newLeads, let oldTiers = oldLeads.tiers, let newTiers = newLeads.tiers, oldLeads.rows == newLeads.rows {
            var counts = [[Int]](repeating: [Int](repeating: 0, count: new.tiers.count), count: old.tiers.count)
            var changedTier = 0, changedTotal = 0
            for row in 0..<oldLeads.rows {
                counts[oldTiers[row]][newTiers[row]] += 1
                if old.tiers[oldTiers[row]].name != new.tiers[newTiers[row]].name { changedTier += 1 }
                if oldLeads.totals[row] != newLeads.totals[row] { changedTotal += 1 }
            }
            transitions = TierTransitions(oldTiers: old.tiers.map(\.name), newTiers: new.tiers.map(\.name), counts: counts,
                                          rows: oldLeads.rows, changedTier: changedTier, changedTotal: changedTotal)
        }
    }

    /// Whether nothing that scores a lead changed (criteria, base, maximum, tiers, table).
    public var isEmpty: Bool {
        header.isEmpty && criteria.allSatisfy { $0.status == .unchanged } && tiers.allSatisfy { $0.status == .unchanged }
    }

    private static func change(_ old: Condition?, _ new: Condition?) -> ConditionChange {
        let match = (old ?? new)!.match
        let status: Status = old == nil ? .added : new == nil ? .removed : (old!.points != new!.points || old!.label != new!.label) ? .changed : .unchanged
        return ConditionChange(values: describe(match), oldLabel: old?.label, newLabel: new?.label, oldPoints: old?.points,
                               newPoints: new?.points, status: status)
    }

    static func describe(_ match: Match) -> String {
        switch match {
        case .range(let range): return range.description
        case .categories(let names): return names.joined(separator: ", ")
        case .value(let flag): return flag ? "yes" : "no"
        case .missing: return "missing"
        case .otherwise: return "otherwise"
        }
    }
}
