/// One band of integer point totals: every lead with a total from `lowest` to `highest`, and no other.
public struct PointBand: Sendable, Equatable, Codable {
    /// The lowest point total in the band (inclusive).
    public var lowest: Int
    /// The highest point total in the band (inclusive).
    public var highest: Int
    /// Leads in this band.
    public var leads: Int
    /// Of those, how many converted.
    public var converted: Int
    /// Share of all leads in this band.
    public var shareOfLeads: Double
    /// Share of this band's leads that converted, 0…1.
    public var conversionRate: Double
    /// conversionRate / the conversion rate of all leads.
    public var lift: Double
    /// Share of all conversions in this band and the bands above it.
    public var cumulativeGain: Double
}

/// Splits leads by point total, most points first, into about `groups` bands of about equal size whose
/// point ranges never overlap: a band always holds every lead of each of its totals.
///
/// `liftTable` splits tied totals between deciles to keep the deciles exactly equal, so two deciles can
/// both list a total ("40–55", "31–40"); a sales team reading "leads with 40 points are in the second
/// tenth" cannot act on that. Here a block of tied totals that straddles a tenth's boundary goes to the
/// side where most of it falls, so bands can be unequal, and there are fewer than `groups` when the
/// totals take fewer values (a card with three conditions has at most a handful of totals).
/// - Precondition: `totals` and `outcomes` have the same count; outcomes are 0 or 1.
public func pointBands(totals: [Int], outcomes: [UInt8], groups: Int = 10) -> [PointBand] {
    precondition(totals.count == outcomes.count, "one outcome per total")
    guard !totals.isEmpty, groups >= 1 else { return [] }
    var leadsOfTotal: [Int: (leads: Int, converted: Int)] = [:]
    for (total, outcome) in zip(totals, outcomes) {
        leadsOfTotal[total, default: (0, 0)].leads += 1
        leadsOfTotal[total, default: (0, 0)].converted += Int(outcome)
    }
    let all = Double(totals.count)
    let allConverted = outcomes.reduce(0) { $0 + Int($1) }
    let overallRate = Double(allConverted) / all
    var bands: [PointBand] = []
    var current: (lowest: Int, highest: Int, leads: Int, converted: Int)? = nil
    var placed = 0, caught = 0
    var boundary = 1
    func close() {
        guard let band = current else { return }
        caught += band.converted
        let rate = Double(band.converted) / Double(band.leads)
        bands.append(PointBand(lowest: band.lowest, highest: band.highest, leads: band.leads, converted: band.converted,
                               shareOfLeads: Double(band.leads) / all, conversionRate: rate,
                               lift: overallRate > 0 ? rate / overallRate : 0,
                               cumulativeGain: allConverted > 0 ? Double(caught) / Double(allConverted) : 0))
        current = nil
        // The next band ends at the next tenth's boundary, or the first one beyond the leads placed so far.
        boundary = max(boundary + 1, Int((Double(placed) * Double(groups) / all).rounded(.down)) + 1)
    }
    for total in leadsOfTotal.keys.sorted(by: >) {
        let block = leadsOfTotal[total]!
        let end = all * Double(boundary) / Double(groups)
        // Most of this block lies beyond the current band's boundary: it starts the next band.
        if current != nil, Double(placed) + Double(block.leads) / 2 > end { close() }
        if current == nil { current = (total, total, 0, 0) }
        current!.lowest = total
        current!.leads += block.leads
        current!.converted += block.converted
        placed += block.leads
    }
    close()
    return bands
}
