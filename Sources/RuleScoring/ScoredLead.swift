import ScoreCardFormat

/// One lead's score: what a sales team sees ("52/65, warm, 18 %") and why.
public struct ScoredLead: Sendable, Equatable {
    /// The total, within `0…maximumPoints`.
    public var points: Int
    /// The card's maximum, so a total can be shown as "52/65".
    public var maximumPoints: Int
    /// One per declared group, in the card's order, after the group's caps.
    public var subtotals: [GroupSubtotal]
    /// The tier the total falls in; `nil` when the card has no tiers.
    public var tier: Tier?
    /// The calibrated probability of converting; `nil` when the card has no calibration.
    public var probability: Double?
    /// One per criterion, in the card's order: the condition the lead matched and its points.
    public var contributions: [Contribution]

    /// "52/65".
    public var display: String { "\(points)/\(maximumPoints)" }
}

/// A group's subtotal for one lead.
public struct GroupSubtotal: Sendable, Equatable {
    /// The group's name, as declared on the card.
    public var group: String
    /// After the group's caps; this is what the total adds.
    public var points: Int
    /// Before the caps, to show how much a cap cut.
    public var uncapped: Int

    /// A group's subtotal after and before its caps.
    public init(group: String, points: Int, uncapped: Int) {
        self.group = group
        self.points = points
        self.uncapped = uncapped
    }
}

/// What one criterion gave one lead.
public struct Contribution: Sendable, Equatable {
    /// The criterion's feature (data column).
    public var feature: String
    /// Index of the criterion in `card.criteria`.
    public var criterion: Int
    /// Index of the matched condition in the criterion's `conditions`.
    public var condition: Int
    /// The matched condition's label ("demo requested").
    public var label: String
    /// The criterion's label ("Job level"), so a reason can say what a terse condition label is about.
    public var criterionLabel: String
    /// Points the matched condition gave (before group caps).
    public var points: Int
    /// The most points any condition of the criterion gives.
    public var bestPoints: Int

    /// Points the lead's value fell short of the criterion's best condition: what the value cost it.
    public var shortfall: Int { bestPoints - points }
}
