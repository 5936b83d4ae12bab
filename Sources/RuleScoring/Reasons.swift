/// A reason in points, one per criterion: "demo requested +25", "Lead source: paid_search 9 of 18",
/// "Job level: student −10 of 15".
///
/// A reason says what the criterion gave the lead and, where the lead fell short of the criterion's best
/// condition, the best it could have had: a learned card shifts every criterion's lowest condition to 0,
/// so "no activity for 60+ days 0 of 12" says both that the lead got nothing and what an active lead
/// gets. A criterion is named once: a lead with 9 of 18 points is not both a gain of 9 and a cost of 9.
/// Group caps are not applied to reasons.
public struct Reason: Sendable, Equatable, CustomStringConvertible {
    /// Whether the reason is listed among what helps the lead or among what holds it back, so a reader
    /// can show the two apart.
    public enum Kind: Sendable, Equatable {
        /// The criterion gave the lead points (above zero); it may still fall short of its best.
        case gain
        /// The criterion gave no points (or took some) while its best condition gives more.
        case cost
    }

    /// Whether the criterion gained the lead points or cost it some.
    public var kind: Kind
    /// The points the criterion gave the lead (negative for a penalty).
    public var points: Int
    /// The most points any condition of the criterion gives.
    public var bestPoints: Int
    /// The criterion's feature (data column).
    public var feature: String
    /// The matched condition's label.
    public var label: String
    /// The criterion's label.
    public var criterionLabel: String

    /// Points short of the criterion's best condition.
    public var shortfall: Int { bestPoints - points }

    /// "demo requested +25" when the condition's label already names its criterion (hand-written cards
    /// usually do), else "Job level: director +15" (learned cards label conditions tersely: "3+",
    /// "unknown"); "9 of 18" when the lead fell short of a best condition that gives points.
    public var description: String { text(minus: "−") }

    /// The description with `minus` as the minus sign: "−" (U+2212) reads best, "-" for tools that only
    /// read ASCII numbers (Excel).
    public func text(minus: String) -> String {
        let subject = label.lowercased().contains(criterionLabel.lowercased()) ? label : "\(criterionLabel): \(label)"
        let number = { (value: Int) in value < 0 ? minus + String(-value) : String(value) }
        guard points < bestPoints, bestPoints > 0 else { return subject + " " + (points > 0 ? "+" : "") + number(points) }
        return "\(subject) \(number(points)) of \(bestPoints)"
    }
}

extension ScoredLead {
    /// Up to `limit` gains (the criteria that gave the most points, largest first), then up to `limit`
    /// costs (the criteria that fell furthest short of their best, largest first) among the criteria not
    /// already listed as gains; ties keep the card's criterion order. No criterion is listed twice.
    public func reasons(limit: Int) -> [Reason] {
        let limit = max(limit, 0)
        let gains = contributions.filter { $0.points > 0 }
            .sorted { ($0.points, -$0.criterion) > ($1.points, -$1.criterion) }
            .prefix(limit)
        let listed = Set(gains.map(\.criterion))
        let costs = contributions.filter { $0.shortfall > 0 && !listed.contains($0.criterion) }
            .sorted { ($0.shortfall, -$0.criterion) > ($1.shortfall, -$1.criterion) }
            .prefix(limit)
        return gains.map { reason($0, .gain) } + costs.map { reason($0, .cost) }
    }

    private func reason(_ contribution: Contribution, _ kind: Reason.Kind) -> Reason {
        Reason(kind: kind, points: contribution.points, bestPoints: contribution.bestPoints, feature: contribution.feature,
               label: contribution.label, criterionLabel: contribution.criterionLabel)
    }
}
