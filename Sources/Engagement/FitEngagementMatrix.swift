/// Leads laid out by fit (who they are: A the most fit points, then B, C) against engagement (what they did:
/// 1 the most engagement points, then 2, 3), the grid CRM teams read as "A1 … C3", with each cell's lead
/// count and conversion rate. Bands hold about equal shares of the leads by points; leads with the same
/// points always share a band, so a band can be larger than its share or empty (when most leads have no
/// engagement points, they fill one band together).
public struct FitEngagementMatrix: Sendable, Equatable {
    /// One fit band × engagement band.
    public struct Cell: Sendable, Equatable {
        /// Number of leads in the cell.
        public var leads: Int
        /// How many of the cell's leads converted.
        public var converted: Int

        /// A cell with these counts (tests and callers that build a grid of their own).
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

    /// Band `k`'s floor: the bands so far hold the top `(k + 1)/bands` share of the leads, moved to the
    /// nearest boundary between tied groups (the smaller share when two are as near), so tied leads never
    /// split; a band left with no leads gets the floor `Int.max`.
    static func floors(_ values: [Int], bands: Int) -> [Int] {
        let sorted = values.sorted(by: >)
        // Where a band may end: after any lead whose points differ from the next lead's.
        let boundaries = [0] + sorted.indices.filter { $0 == sorted.count - 1 || sorted[$0] != sorted[$0 + 1] }.map { $0 + 1 }
        var floors: [Int] = [], taken = 0
        for band in 0..<(bands - 1) {
            let target = Double(sorted.count * (band + 1)) / Double(bands)
            let end = boundaries.min { abs(Double($0) - target) < abs(Double($1) - target) || (abs(Double($0) - target) == abs(Double($1) - target) && $0 < $1) } ?? 0
            floors.append(end > taken ? sorted[end - 1] : .max)
            taken = max(taken, end)
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
