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
    let compiled: CompiledCard

    /// The validated card this scorer was compiled from.
    public var card: ScoreCard { compiled.card }

    /// Validates `card` (throwing every problem) and compiles it.
    public init(card: ScoreCard) throws(CardError) {
        try card.validate()
        compiled = CompiledCard(card)
    }

    /// Loads, validates and compiles the card at `path`.
    public init(path: String) throws(CardError) {
        try self.init(card: ScoreCard.load(path: path))
    }

    /// Scores one lead given as feature name → raw value. Absent keys are missing values.
    public func score(_ lead: [String: String]) -> ScoredLead {
        let compiled = compiled
        return compiled.scoredLead(conditions: compiled.card.criteria.indices.map { index in
            compiled.condition(index, text: lead[compiled.card.criteria[index].feature])
        })
    }

    /// The tier of a total (clamped to the score range), if the card has tiers.
    public func tier(forTotal total: Int) -> Tier? { compiled.tier(forTotal: total) }

    /// The calibrated probability of a total, if the card has a calibration.
    public func probability(forTotal total: Int) -> Double? { compiled.probability(forTotal: total) }

    /// The condition (index into the criterion's `conditions`) that criterion `index` matches for a raw
    /// value, `nil` being a lead without the field: what scoring looks up per criterion, for a caller that
    /// holds leads as a few distinct values and looks each one up once.
    public func condition(criterion index: Int, value: String?) -> Int32 { compiled.condition(index, text: value) }

    /// The total of a lead whose criterion `i` matched condition `conditionOf(i)`, by the card's total rule
    /// (group caps, base points, the score range): the total `score` gives for those conditions.
    public func total(conditions conditionOf: (Int) -> Int32) -> Int { compiled.total(conditionOf) }

    /// A scorer for rows with this header.
    public func rowScorer(header: [String]) -> RowScorer { RowScorer(compiled: compiled, header: header) }
}
