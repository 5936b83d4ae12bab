import LeadData

/// Lead velocity: how fast each tier's converted leads converted, in days from creation to conversion.
/// A tier whose leads convert in a week deserves a faster follow-up than one whose leads take two months.
public struct LeadVelocity: Sendable, Codable, Equatable {
    /// How fast one tier's converted leads converted.
    public struct TierVelocity: Sendable, Codable, Equatable {
        /// The tier's name.
        public var tier: String
        /// Converted leads of the tier with both dates.
        public var conversions: Int
        /// Median, lower and upper quartile of the days (linear interpolation between order statistics).
        public var medianDays: Double?
        /// Lower quartile of the days; `nil` without conversions.
        public var lowerQuartileDays: Double?
        /// Upper quartile of the days; `nil` without conversions.
        public var upperQuartileDays: Double?
    }

    /// The creation-date and conversion-date columns the days are measured between.
    public var createdColumn: String, convertedColumn: String
    /// One entry per tier, in the card's order.
    public var tiers: [TierVelocity]
    /// Converted leads left out: a date missing, or conversion before creation.
    public var missingDates: Int, conversionBeforeCreation: Int

    /// - Parameters:
    ///   - created, converted: the names of two date columns of `data` (the leads `leads` scored).
    /// - Throws: `CardOperationError.failed` when a column is absent or not a date, or the leads have no outcome.
    public init(_ leads: CardLeads, data: Dataset, created: String, converted: String) throws(CardOperationError) {
        guard let labels = leads.labels else { throw .noOutcome(operation: "lead velocity") }
        func dates(_ name: String) throws(CardOperationError) -> [Double] {
            guard let column = data.column(named: name) else { throw .failed("lead velocity: \(data.source) has no column \"\(name)\"") }
            guard case .date(let values) = column.values else {
                throw .failed("lead velocity: column \"\(name)\" is \(column.role.rawValue), not dates (ISO 8601, e.g. 2024-03-01); give \"\(name)\" the role date (LoadOptions.roles) if it is")
            }
            return values.doubles
        }
        let (start, end) = (try dates(created), try dates(converted))
        guard let tierOfRow = leads.tiers else { throw .failed("lead velocity is measured per tier, and the card has no tiers") }
        var days = [[Double]](repeating: [], count: leads.card.tiers.count)
        var missing = 0, backwards = 0
        for row in 0..<leads.rows where labels[row] == 1 {
            guard !start[row].isNaN, !end[row].isNaN else { missing += 1; continue }
            guard end[row] >= start[row] else { backwards += 1; continue }
            days[tierOfRow[row]].append((end[row] - start[row]) / 86_400)
        }
        createdColumn = created
        convertedColumn = converted
        missingDates = missing
        conversionBeforeCreation = backwards
        tiers = leads.card.tiers.indices.map { index in
            let sorted = days[index].sorted()
            return TierVelocity(tier: leads.card.tiers[index].name, conversions: sorted.count, medianDays: Self.quantile(sorted, 0.5),
                                lowerQuartileDays: Self.quantile(sorted, 0.25), upperQuartileDays: Self.quantile(sorted, 0.75))
        }
    }

    /// The `q` quantile of ascending values, interpolating linearly between order statistics (NumPy's default).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    /// The velocities as a table for people.
    public func text() -> String {
        let format = { (value: Double?) in value.map { String(format: "%.1f", $0) } ?? "–" }
        var lines = ["Lead velocity (days from \(createdColumn) to \(convertedColumn), converted leads):"]
        lines.append(TextGrid.render([["tier", "conversions", "median days", "middle half"]] + tiers.map { tier in
            [tier.tier, String(tier.conversions), format(tier.medianDays),
             tier.lowerQuartileDays == nil ? "–" : "\(format(tier.lowerQuartileDays))–\(format(tier.upperQuartileDays))"]
        }, indent: 2))
        if missingDates > 0 { lines.append("  \(missingDates) converted leads without both dates left out.") }
        if conversionBeforeCreation > 0 { lines.append("  \(conversionBeforeCreation) converted leads dated before their creation left out.") }
        return TextGrid.printableLines(lines)
    }
}
