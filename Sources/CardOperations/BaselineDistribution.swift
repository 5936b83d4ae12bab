import LeadData
import ScoreCardFormat

/// The card's training distribution, to store in its provenance (`card.provenance?.baseline`) so
/// `leadscore monitor` can compare new leads without the training file: the share of `leads` at each
/// total and at each condition of each criterion, the range of each numeric criterion's values, and the
/// categories the card scores as `otherwise`.
///
/// Call it with the leads the card learned from (its training leads), after the card is final.
public func baselineDistribution(_ card: ScoreCard, leads: Dataset, description: String? = nil) throws(CardError) -> Baseline {
    try streamedBaseline(card, leads: leads, description: description)  // equal to the CardLeads one, without its table
}

/// The same from leads already scored.
public func baselineDistribution(CardLeads scored: CardLeads, description: String? = nil) -> Baseline {
    let card = scored.card
    let rows = max(scored.rows, 1)
    var counts: [Int: Int] = [:]
    for total in scored.totals { counts[total, default: 0] += 1 }
    let totals = counts.keys.sorted().map { TotalShare(points: $0, share: Double(counts[$0]!) / Double(rows)) }
    let criteria = card.criteria.indices.map { index -> CriterionBaseline in
        let criterion = card.criteria[index]
        var perCondition = [Int](repeating: 0, count: criterion.conditions.count)
        for condition in scored.conditions[index] { perCondition[condition] += 1 }
        var baseline = CriterionBaseline(feature: criterion.feature, shares: perCondition.map { Double($0) / Double(rows) })
        switch criterion.type {
        case .numeric:
            let values = scored.numbers(criterion: index)
            baseline.minimum = values.min()
            baseline.maximum = values.max()
        case .categorical:
            guard let otherwise = criterion.conditions.firstIndex(where: { $0.match == .otherwise }) else { break }
            var seen = Set<String>()
            var leftOut = false
            for row in 0..<scored.rows where scored.conditions[index][row] == otherwise {
                guard let value = scored.rawValues[index][row] else { continue }
                // A card holds no control character (its text reaches SQL and reports): such a value is left
                // out, and the list is marked incomplete so `monitor` does not call it unseen with certainty.
                if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { leftOut = true } else { seen.insert(value) }
            }
            let sorted = seen.sorted()
            baseline.otherwiseCategories = Array(sorted.prefix(Baseline.otherwiseCategoryLimit))
            if sorted.count > Baseline.otherwiseCategoryLimit || leftOut { baseline.otherwiseCategoriesTruncated = true }
        case .boolean:
            break
        }
        return baseline
    }
    return Baseline(rows: scored.rows, leads: description, totals: totals, criteria: criteria)
}

extension ScoreCard {
    /// The card with `baselineDistribution(self, leads:)` stored in its provenance: what a trainer calls
    /// once the card is final, on the leads the card learned from.
    public func withBaseline(from leads: Dataset, description: String? = "training leads") throws(CardError) -> ScoreCard {
        var card = self
        var provenance = card.provenance ?? Provenance()
        provenance.baseline = try baselineDistribution(self, leads: leads, description: description)
        card.provenance = provenance
        return card
    }
}
