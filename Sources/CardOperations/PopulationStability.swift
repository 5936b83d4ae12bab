import Foundation

/// The population stability index of `actual` shares against `expected` ones, bin by bin:
/// `PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ)`. Both lists are shares of one set of bins (each summing to 1).
/// A share below `floor` counts as `floor`, the usual guard against an empty bin (ln 0); with it a bin
/// empty in both contributes 0. Convention (Siddiqi, *Credit Risk Scorecards*): below 0.1 no real
/// change, 0.1 to 0.25 a moderate shift, 0.25 or more a major one.
public func populationStabilityIndex(expected: [Double], actual: [Double], floor: Double = PSIBins.shareFloor) -> Double {
    precondition(expected.count == actual.count, "PSI compares shares of the same bins")
    var sum = 0.0
    for (e, a) in zip(expected, actual) {
        let (e, a) = (max(e, floor), max(a, floor))
        sum += (a - e) * log(a / e)
    }
    return sum
}

/// How totals are grouped for their PSI: up to `count` buckets of neighbouring totals, each holding
/// about an equal share of the baseline leads (deciles). Per-total bins would be too thin: a card with
/// 60 reachable totals and a few thousand leads has bins of a handful of leads, and PSI would measure
/// sampling noise.
public struct PSIBins: Sendable, Equatable, Codable {
    /// The smallest share a bin is given in the PSI, so an empty bin does not make it infinite.
    public static let shareFloor = 0.0001
    /// The lowest total of each bucket, ascending; bucket i holds totals from `lower[i]` up to
    /// `lower[i + 1] − 1` (the first also every lower total, the last every higher one).
    public var lower: [Int]

    /// Buckets cut where the cumulative baseline share passes 1/count, 2/count, … (a total is never split).
    public init(totals: [(points: Int, share: Double)], count: Int = 10) {
        var lower: [Int] = []
        var cumulative = 0.0, next = 0.0
        for (points, share) in totals.sorted(by: { $0.points < $1.points }) where share > 0 {
            if lower.isEmpty || cumulative >= next - 1e-12 {
                lower.append(points)
                next = (Double(Int((cumulative * Double(count) + 1e-9).rounded(.down))) + 1) / Double(count)
            }
            cumulative += share
        }
        self.lower = lower.isEmpty ? [0] : lower
    }

    /// The bucket of a total.
    public func bucket(of total: Int) -> Int {
        (lower.lastIndex { total >= $0 }) ?? 0
    }

    /// Share of `totals` in each bucket.
    public func shares(of totals: [Int]) -> [Double] {
        var counts = [Int](repeating: 0, count: lower.count)
        for total in totals { counts[bucket(of: total)] += 1 }
        return counts.map { Double($0) / Double(max(totals.count, 1)) }
    }

    /// Share of baseline leads in each bucket.
    public func shares(of totals: [(points: Int, share: Double)]) -> [Double] {
        var shares = [Double](repeating: 0, count: lower.count)
        for (points, share) in totals { shares[bucket(of: points)] += share }
        return shares
    }
}
