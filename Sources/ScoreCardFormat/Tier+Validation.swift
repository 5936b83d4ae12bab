/// Tier rules: thresholds inside the score range, listed from the highest down, every tier reachable by
/// some lead, and every lead in some tier (the lowest threshold at or below the lowest reachable total).
extension ScoreCard {
    func checkTiers(reachable totals: [Int], into list: inout ProblemList) {
        guard !tiers.isEmpty, let lowest = totals.first, let highest = totals.last else { return }
        for (index, tier) in tiers.enumerated() {
            let location = CardLocation.tier(index, tier)
            if tier.name.isEmpty { list.add("tiers[\(index)].name", "must not be empty") }
            if let first = tiers.firstIndex(where: { $0.name == tier.name }), first < index {
                list.add(location + ".name", "is used twice (also tiers[\(first)])")
            }
            tier.history?.check(at: location + ".history", into: &list)
            guard tier.minimumPoints >= 0, tier.minimumPoints <= maximumPoints else {
                list.add(location + ".minimumPoints", "\(tier.minimumPoints) is outside the score range 0…\(maximumPoints)")
                continue
            }
            if index > 0, tier.minimumPoints >= tiers[index - 1].minimumPoints {
                list.add(location + ".minimumPoints",
                         "\(tier.minimumPoints) is not below the tier before it (\(CardLocation.quoted(tiers[index - 1].name)) at \(tiers[index - 1].minimumPoints)); list tiers from the highest threshold down")
                continue
            }
            let ceiling = index > 0 ? tiers[index - 1].minimumPoints : Int.max
            if tier.minimumPoints > highest {
                list.add(location + ".minimumPoints", "\(tier.minimumPoints) is above the highest total a lead can reach (\(highest))")
            } else if !totals.contains(where: { $0 >= tier.minimumPoints && $0 < ceiling }) {
                list.add(location + ".minimumPoints", "no lead can land in this tier: no reachable total is from \(tier.minimumPoints) to \(ceiling - 1)")
            }
        }
        if let last = tiers.last, last.minimumPoints > lowest, last.minimumPoints <= maximumPoints {
            list.add(CardLocation.tier(tiers.count - 1, last) + ".minimumPoints",
                     "leads with \(lowest) to \(last.minimumPoints - 1) points would get no tier; the lowest tier must start at \(lowest) or below")
        }
    }
}

extension TierHistory {
    func check(at location: String, into list: inout ProblemList) {
        list.nonNegative(leads, at: location + ".leads")
        list.nonNegative(conversions, at: location + ".conversions")
        if let leads, let conversions, conversions > leads {
            list.add(location + ".conversions", "\(conversions) is more than the tier's \(leads) leads")
        }
        list.fraction(shareOfLeads, at: location + ".shareOfLeads")
        list.fraction(shareOfConversions, at: location + ".shareOfConversions")
        list.fraction(conversionRate, at: location + ".conversionRate")
        conversionInterval?.check(containing: conversionRate, at: location + ".conversionInterval", into: &list)
    }
}

extension RateInterval {
    func check(containing rate: Double?, at location: String, into list: inout ProblemList) {
        list.fraction(lower, at: location + ".lower")
        list.fraction(upper, at: location + ".upper")
        if !(confidence > 0 && confidence < 1) { list.add(location + ".confidence", "must be between 0 and 1 (e.g. 0.95); found \(confidence)") }
        if lower > upper { list.add(location, "lower \(lower) is above upper \(upper)") }
        if let rate, rate.isFinite, lower <= upper, !(lower...upper).contains(rate) {
            list.add(location, "[\(lower), \(upper)] does not contain the conversion rate \(rate)")
        }
    }
}
