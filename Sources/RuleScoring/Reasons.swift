/// A reason in points: "+18 demo requested", "−12 no activity for 60+ days".
///
/// Gains are the points a criterion gave (above zero). Costs are measured against the criterion's best
/// condition, not against zero: a learned card shifts every criterion's lowest condition to 0, so a lead
/// with no recent activity "costs" the 12 points an active lead would have had, even though its own
/// condition gives 0. On a hand-written card with a negative condition (student −10, best 0) both
/// readings agree. Group caps are not applied to reasons.
public struct Reason: Sendable, Equatable, CustomStringConvertible {
    /// Whether the reason is points the lead earned or points it missed, so a reader lists what helps
    /// apart from what holds the lead back (see the type's note on what a cost is measured against).
    public enum Kind: Sendable, Equatable {
        /// Points the criterion gave the lead (above zero).
        case gain
        /// Points short of the criterion's best condition.
        case cost
    }

    /// Whether the criterion gained the lead points or cost it some.
    public var kind: Kind
    /// Positive for a gain, negative for a cost.
    public var points: Int
    /// The criterion's feature (data column).
    public var feature: String
    /// The matched condition's label.
    public var label: String
    /// The criterion's label.
    public var criterionLabel: String

    /// "+18 demo requested" when the condition's label already names its criterion (hand-written cards
    /// usually do), else "+15 Job level: director" (learned cards label conditions tersely: "3+", "unknown").
    public var description: String {
        let text = label.lowercased().contains(criterionLabel.lowercased()) ? label : "\(criterionLabel): \(label)"
        return (points < 0 ? "−\(-points)" : "+\(points)") + " " + text
    }
}

extension ScoredLead {
    /// Up to `limit` gains (largest first), then up to `limit` costs (largest first); ties keep the
    /// card's criterion order.
    public func reasons(limit: Int) -> [Reason] {
        let gains = contributions.filter { $0.points > 0 }
            .sorted { ($0.points, -$0.criterion) > ($1.points, -$1.criterion) }
            .prefix(max(limit, 0))
            .map { Reason(kind: .gain, points: $0.points, feature: $0.feature, label: $0.label, criterionLabel: $0.criterionLabel) }
        let costs = contributions.filter { $0.shortfall > 0 }
            .sorted { ($0.shortfall, -$0.criterion) > ($1.shortfall, -$1.criterion) }
            .prefix(max(limit, 0))
            .map { Reason(kind: .cost, points: -$0.shortfall, feature: $0.feature, label: $0.label, criterionLabel: $0.criterionLabel) }
        return gains + costs
    }
}
