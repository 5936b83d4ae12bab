import Foundation

/// One test period of a backtest: what the card trained on the leads before it did on the period's leads.
public struct BacktestPeriod: Sendable, Codable, Equatable {
    /// How one tier did on the period's leads.
    public struct TierResult: Sendable, Codable, Equatable {
        /// The tier's name, as on the card.
        public var name: String
        /// The lowest total in the tier, as on the card.
        public var minimumPoints: Int
        /// The period's leads the card put in the tier.
        public var leads: Int
        /// The tier's share of the period's leads, 0…1.
        public var shareOfLeads: Double
        /// `nil` when the tier has no leads in the period.
        public var conversionRate: Double?
    }

    /// The period's label: "2025-07", "2025-Q3", or "2025-07-01" (the first day of an N-day period).
    public var period: String
    /// First day of the period and first day after it (UTC, ISO 8601 dates).
    public var start: String, end: String
    /// Leads the period's card learned from (its own validation included) and the dates they span.
    public var trainingLeads: Int
    /// The days of the earliest and latest training lead (UTC, ISO 8601 dates); `nil` when there were none.
    public var trainingFrom: String?, trainingTo: String?
    /// The period's leads: those whose date falls in it.
    public var testLeads: Int
    /// Share of the period's leads that converted, 0…1; `nil` when the period has no leads.
    public var conversionRate: Double?
    /// The fresh card's figures on the period (card probabilities; AUC ranks by points).
    public var auc: Double?
    /// The fresh card's log loss on the period; `nil` when the period was not tested.
    public var logLoss: Double?
    /// The fresh card's expected calibration error on the period (ten equal-width bins); `nil` when the period
    /// was not tested.
    public var ece: Double?
    /// The mean probability the card gave: against `conversionRate`, how far its table is off.
    public var meanProbability: Double?
    /// The first card of the backtest, never retrained, on this period: how fast a card goes stale.
    public var firstCardAUC: Double?
    /// The first card's expected calibration error on this period; `nil` when the period was not tested or no
    /// card had been trained yet.
    public var firstCardECE: Double?
    /// How each of the fresh card's tiers did on the period's leads; empty when the period was not tested.
    public var tiers: [TierResult]
    /// Why the period has no figures (too few leads, one outcome, nothing to train on), or what to know.
    public var note: String?
}

/// A rolling-origin backtest: for each period, a card trained on the leads before it (or a window of
/// them) and tested on the period's leads.
public struct BacktestReport: Sendable, Codable, Equatable {
    /// Where the leads came from: the file's name without its folder, or a generator's name.
    public var data: String
    /// The column that orders the leads in time (`BacktestOptions.timeColumn`).
    public var timeColumn: String
    /// The period length as text: "month", "quarter" or "30 days".
    public var every: String
    /// How much history each card learned from, as text: "every earlier lead", "the 12 months before".
    public var window: String
    /// The model each card was trained with, as `TrainingOptions.Model`'s raw value ("logistic", "stumps", "auto").
    public var model: String
    /// Every period from the first lead's to the last lead's, in time order, tested or not.
    public var periods: [BacktestPeriod]
    /// The period whose card the `firstCard…` columns use.
    public var firstCardPeriod: String?
    /// Notes on the backtest as a whole, such as leads left out for having no date; each period keeps its own `note`.
    public var notes: [String]

    /// The report as a text table, one line per period, then the tiers and the notes.
    public func text() -> String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        var lines = ["Backtest of \(data) by \(timeColumn), every \(every); each card trained on \(window) (\(model)).", ""]
        var rows = [["period", "trained on", "test leads", "converted", "AUC", "log loss", "ECE", "mean prob.",
                     "first card AUC", "first card ECE"]]
        for period in periods {
            rows.append([period.period, period.trainingLeads == 0 ? "–" : "\(period.trainingLeads)", "\(period.testLeads)",
                         percent(period.conversionRate), number(period.auc), number(period.logLoss), number(period.ece),
                         percent(period.meanProbability), number(period.firstCardAUC), number(period.firstCardECE)])
        }
        lines += Self.table(rows, rightAligned: 1...)
        let tierNames = periods.first { !$0.tiers.isEmpty }?.tiers.map(\.name) ?? []
        if !tierNames.isEmpty {
            lines += ["", "Tier share of leads / conversion rate per period:"]
            var tierRows = [["period"] + tierNames]
            for period in periods where !period.tiers.isEmpty {
                tierRows.append([period.period] + tierNames.map { name in
                    guard let tier = period.tiers.first(where: { $0.name == name }) else { return "–" }
                    return "\(percent(tier.shareOfLeads)) / \(percent(tier.conversionRate))"
                })
            }
            lines += Self.table(tierRows, rightAligned: 1...)
        }
        let notes = periods.compactMap { period in period.note.map { "\(period.period): \($0)" } } + self.notes
        if let first = firstCardPeriod {
            lines += ["", "First card: the card trained for \(first), kept unchanged for every later period."]
        }
        if !notes.isEmpty { lines += ["", "Notes:"] + notes.map { "- \($0)" } }
        return lines.joined(separator: "\n")
    }

    /// Columns padded to their widest cell.
    static func table(_ rows: [[String]], rightAligned: PartialRangeFrom<Int>) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[safe: column]?.count ?? 0 }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { column in
                let cell = row[column], pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
