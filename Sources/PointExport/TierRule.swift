/// A tier to create: its name, what the team does with its leads, and the rule's number for it.
public struct TierSpec: Sendable, Equatable {
    /// The tier's name ("hot").
    public var name: String
    /// What sales does with the tier's leads, written onto the card.
    public var action: String?
    /// Points (`.fixed`), share of leads 0…1 (`.capacity`) or conversion rate 0…1 (`.conversionRate`).
    public var value: Double

    /// A tier with its action and its threshold value (a share of leads, or points).
    public init(name: String, action: String? = nil, value: Double) {
        self.name = name
        self.action = action
        self.value = value
    }
}

/// How tier thresholds are chosen, highest tier first; a last catch-all tier takes every lower total.
public enum TierRule: Sendable, Equatable {
    /// Thresholds given in points ("hot at 75").
    case fixed([TierSpec])
    /// Each tier takes (about) this share of held-out leads from the top: sales capacity ("top 10 % to sales").
    case capacity([TierSpec])
    /// Each tier starts at the lowest total whose calibrated conversion probability reaches its rate.
    case conversionRate([TierSpec])

    /// Hot = top 20 % of leads, warm = next 30 %, cold = the rest.
    public static let standard = TierRule.capacity([
        TierSpec(name: "hot", action: "route to sales", value: 0.2),
        TierSpec(name: "warm", action: "nurture", value: 0.3),
    ])
    /// Name of the tier that catches every lead below the others.
    public static let catchAllName = "cold"
    /// What the catch-all tier's leads get, so every lead has an action.
    public static let catchAllAction = "keep in marketing automation"

    /// The tiers above the catch-all, highest first.
    public var specs: [TierSpec] {
        switch self {
        case .fixed(let specs), .capacity(let specs), .conversionRate(let specs): return specs
        }
    }

    /// Thresholds (descending) for the tiers above the catch-all, each a reachable total, so every tier can
    /// hold a lead.
    ///
    /// Capacity tiers come from held-out totals, which cross-fitting's fold models can put between the
    /// card's reachable totals: each threshold moves up to the next reachable total (the same leads pass
    /// it). When the totals cannot tell a tier from the one below it — most held-out leads share the
    /// lowest total, as on a few hundred leads or with little signal — that tier and those below it are
    /// left out, so the card has fewer tiers rather than an invalid one; `specs.prefix(result.count)`
    /// are the tiers kept. Fixed and conversion-rate thresholds are the caller's and are never dropped.
    /// - Parameters:
    ///   - totals: held-out totals, for capacity.
    ///   - reachable: every reachable total, ascending.
    ///   - probability: the calibrated probability of a total, for conversion-rate tiers.
    func thresholds(totals: [Int], reachable: [Int], probability: (Int) -> Double) throws(PointExportError) -> [Int] {
        var thresholds: [Int] = []
        switch self {
        case .fixed(let specs):
            thresholds = specs.map { Int($0.value.rounded()) }
        case .capacity(let specs):
            guard !totals.isEmpty else { throw .invalidTiers("no held-out leads to measure capacity on") }
            let descending = totals.sorted(by: >)
            var cumulative = 0.0
            for spec in specs {
                guard spec.value > 0 else { throw .invalidTiers("tier '\(spec.name)' needs a share above 0 %") }
                cumulative += spec.value
                guard cumulative < 1 else { throw .invalidTiers("tier shares add up to \(Int((cumulative * 100).rounded())) %; leave room for the last tier") }
                let position = Swift.max(0, Int((cumulative * Double(descending.count)).rounded(.up)) - 1)
                thresholds.append(descending[position])
            }
        case .conversionRate(let specs):
            for spec in specs {
                guard let first = reachable.first(where: { probability($0) >= spec.value }) else {
                    throw .invalidTiers("no total reaches a \(spec.value * 100) % conversion rate for tier '\(spec.name)'")
                }
                thresholds.append(first)
            }
        }
        guard let lowest = reachable.first, let highest = reachable.last else {
            throw .invalidTiers("the card has no reachable total")
        }
        if case .capacity = self {
            thresholds = thresholds.map { threshold in reachable.first { $0 >= threshold } ?? highest }
        }
        // Ties in the totals can give two tiers one threshold: move the lower one down a reachable step.
        for index in thresholds.indices.dropFirst() where thresholds[index] >= thresholds[index - 1] {
            if let lower = reachable.last(where: { $0 < thresholds[index - 1] }) {
                thresholds[index] = lower
            } else if case .capacity = self {
                thresholds[index] = lowest
            } else {
                throw .invalidTiers("tiers '\(specs[index - 1].name)' and '\(specs[index].name)' cannot be told apart by points")
            }
        }
        if case .capacity = self, let first = thresholds.firstIndex(where: { $0 <= lowest }) {
            thresholds.removeSubrange(first...)
        }
        guard thresholds.allSatisfy({ $0 > lowest && $0 <= highest }) else {
            throw .invalidTiers("thresholds \(thresholds) must lie above the lowest total \(lowest) and at most the highest \(highest)")
        }
        return thresholds
    }
}
