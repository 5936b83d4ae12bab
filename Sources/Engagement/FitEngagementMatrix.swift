/// Leads laid out by fit (who they are: A the most fit points, then B, C) against engagement (what they did:
/// 1 the most engagement points, then 2, 3), the grid CRM teams read as "A1 … C3", with each cell's lead
/// count and conversion rate. Bands hold about equal shares of the leads by points; leads with the same
/// points always share a band, so a band can be larger than its share or empty (many leads with no
/// engagement points all fall in the last engagement band).
public struct FitEngagementMatrix: Sendable, Equatable {
    /// One fit band × engagement band.
    public struct Cell: Sendable, Equatable {
        public var leads: Int
        public var converted: Int

        public init(leads: Int, converted: Int) {
            self.leads = leads
            self.converted = converted
        }

        /// `nil` for an empty cell.
        public var conversionRate: Double? { leads == 0 ? nil : Double(converted) / Double(leads) }
    }

    /// Lowest points of each band, best band first (`Int.min` for the last: it takes the rest).
    public var fitFloors: [Int], engagementFloors: [Int]
    /// `cells[fitBand][engagementBand]`.
    public var cells: [[Cell]]
    /// The highest points seen per axis (the top band's upper end).
    public var fitTop: Int, engagementTop: Int

    /// - Parameters: per lead its fit points, engagement points and whether it converted (same length).
    public init(fit: [Int], engagement: [Int], converted: [Bool], bands: Int = 3) {
        precondition(fit.count == engagement.count && fit.count == converted.count && bands > 0, "one entry per lead")
        fitFloors = Self.floors(fit, bands: bands)
        engagementFloors = Self.floors(engagement, bands: bands)
        fitTop = fit.max() ?? 0
        engagementTop = engagement.max() ?? 0
        cells = Array(repeating: Array(repeating: Cell(leads: 0, converted: 0), count: bands), count: bands)
        for lead in fit.indices {
            let row = Self.band(fit[lead], fitFloors), column = Self.band(engagement[lead], engagementFloors)
            cells[row][column].leads += 1
            if converted[lead] { cells[row][column].converted += 1 }
        }
    }

    /// Band `k`'s floor: the lowest points such that the bands so far hold at most the top `(k + 1)/bands`
    /// share of the leads, a group of tied leads that would straddle the boundary going to the band below;
    /// a floor no lower than the band above's leaves the band empty (`Int.max`).
    static func floors(_ values: [Int], bands: Int) -> [Int] {
        let sorted = values.sorted(by: >)
        var floors: [Int] = []
        for band in 0..<(bands - 1) {
            let target = (sorted.count * (band + 1) + bands - 1) / bands
            var floor = Int.max
            var position = min(target, sorted.count) - 1
            while position >= 0 {
                if position == sorted.count - 1 || sorted[position] != sorted[position + 1] {
                    floor = sorted[position]
                    break
                }
                position -= 1
            }
            let above = floors.last { $0 != .max } ?? .max
            floors.append(floor < above ? floor : .max)
        }
        floors.append(.min)
        return floors
    }

    /// The first band whose floor the points reach.
    static func band(_ points: Int, _ floors: [Int]) -> Int { floors.firstIndex { points >= $0 } ?? floors.count - 1 }

    /// "A1" for the most fit and most engaged cell.
    public static func name(fitBand: Int, engagementBand: Int) -> String {
        String(UnicodeScalar(UInt8(65 + fitBand))) + String(engagementBand + 1)
    }

    /// The points a band covers, e.g. "40–60", "12 or more"; `nil` for an empty band.
    public static func range(band: Int, floors: [Int], top: Int) -> String? {
        let floor = floors[band]
        guard floor != .max else { return nil }
        let ceiling = floors[..<band].last { $0 != .max }.map { $0 - 1 } ?? top
        if floor == .min { return "up to \(ceiling)" }
        return floor == ceiling ? "\(floor)" : "\(floor)–\(ceiling)"
    }
}
