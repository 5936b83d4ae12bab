import Foundation
import LeadData
import RuleScoring
import ScoreCardFormat

/// A table of leads scored by a card: per lead the total and the condition each criterion matched, with
/// the outcomes when known. Every card operation (baseline, monitor, recalibrate, diff) reads leads
/// through this one scoring, the rule scorer's, so they agree with `leadscore score`.
public struct CardLeads: Sendable {
    /// The card the leads were scored with.
    public let card: ScoreCard
    /// Leads scored.
    public let rows: Int
    /// Every lead's total points.
    public let totals: [Int]
    /// `conditions[criterion][row]`: index of the matched condition in the criterion's `conditions`.
    public let conditions: [[Int]]
    /// Every lead's outcome (1 converted, 0 lost), or `nil` for leads without one.
    public let labels: [UInt8]?
    /// Card features the leads have no column for (scored as missing on every lead).
    public let absentFeatures: [String]
    /// `rawValues[criterion][row]`: the lead's value as text (nil when absent or missing); kept so
    /// monitoring can name unseen categories and out-of-range numbers.
    let rawValues: [[String?]]

    /// Scores `leads` with `card` through the rule scorer; throws `CardError` for an invalid card.
    public init(card: ScoreCard, leads: Dataset) throws(CardError) {
        let scorer = try RuleScorer(card: card)
        let columns = leads.columns.filter(\.hasValues)
        let rowScorer = scorer.rowScorer(header: columns.map(\.name))
        let columnOfFeature = Dictionary(columns.enumerated().map { ($1.name, $0) }) { first, _ in first }
        var totals = [Int](repeating: 0, count: leads.rowCount)
        var conditions = [[Int]](repeating: [Int](repeating: 0, count: leads.rowCount), count: card.criteria.count)
        var raw = [[String?]](repeating: [String?](repeating: nil, count: leads.rowCount), count: card.criteria.count)
        let missing = Set(card.missingValues.map { String(RawValue.trimmed($0)) })
        for row in 0..<leads.rowCount {
            let fields = columns.map { $0.formattedValue(row: row) }
            let scored = rowScorer.score(fields)
            totals[row] = scored.points
            for contribution in scored.contributions {
                conditions[contribution.criterion][row] = contribution.condition
                if let column = columnOfFeature[card.criteria[contribution.criterion].feature] {
                    let text = String(RawValue.trimmed(fields[column]))
                    if !text.isEmpty, !missing.contains(text) { raw[contribution.criterion][row] = text }
                }
            }
        }
        self.card = card
        rows = leads.rowCount
        self.totals = totals
        self.conditions = conditions
        labels = leads.labels
        absentFeatures = rowScorer.absentCriteria.map { card.criteria[$0].feature }
        rawValues = raw
    }

    /// The card's probability of every lead's total (0 when the card has no calibration).
    public var probabilities: [Double] {
        let scorer = try? RuleScorer(card: card)
        return totals.map { scorer?.probability(forTotal: $0) ?? 0 }
    }

    /// The index in `card.tiers` of every lead's tier (`nil` without tiers).
    public var tiers: [Int]? {
        guard !card.tiers.isEmpty else { return nil }
        return totals.map { total in card.tiers.firstIndex { total >= $0.minimumPoints } ?? card.tiers.count - 1 }
    }

    /// The same leads restricted to `rows`, in that order.
    public func selecting(_ rows: [Int]) -> CardLeads {
        CardLeads(card: card, rows: rows.count, totals: rows.map { totals[$0] },
                  conditions: conditions.map { column in rows.map { column[$0] } },
                  labels: labels.map { labels in rows.map { labels[$0] } }, absentFeatures: absentFeatures,
                  rawValues: rawValues.map { column in rows.map { column[$0] } })
    }

    private init(card: ScoreCard, rows: Int, totals: [Int], conditions: [[Int]], labels: [UInt8]?, absentFeatures: [String], rawValues: [[String?]]) {
        self.card = card
        self.rows = rows
        self.totals = totals
        self.conditions = conditions
        self.labels = labels
        self.absentFeatures = absentFeatures
        self.rawValues = rawValues
    }

    /// The numbers of a numeric criterion's leads (missing and unreadable values left out).
    func numbers(criterion index: Int) -> [Double] {
        rawValues[index].compactMap { text in
            guard let text else { return nil }
            let value = Double(card.decimalSeparator == "," ? text.replacingOccurrences(of: ",", with: ".") : text)
            return value.flatMap { $0.isFinite ? $0 : nil }
        }
    }
}

extension LoadOptions {
    /// These options with each card feature's column read as the card's criterion reads it (numeric,
    /// categorical or boolean), unless the caller set that column's role. Roles are otherwise inferred
    /// per file, so a month where a numeric column holds only 0s and 1s would load as yes/no and score
    /// as missing; the card, not the file, says what a column is. The card's types are expectations
    /// (`LoadOptions.expectedRoles`): a feature the file lacks or a value that does not fit is left to the
    /// card ↔ data checks to report, not a load error. Every command that reads a card with data loads
    /// through this one path (evaluate, compare, report, monitor, recalibrate, diff).
    public func typed(for cards: ScoreCard...) -> LoadOptions { typed(for: cards) }

    /// The same as the variadic form, for a list of cards (compare reads two).
    public func typed(for cards: [ScoreCard]) -> LoadOptions {
        var options = self
        for card in cards {
            for criterion in card.criteria where options.roles[criterion.feature] == nil && options.expectedRoles[criterion.feature] == nil {
                switch criterion.type {
                case .numeric: options.expectedRoles[criterion.feature] = .numeric
                case .categorical: options.expectedRoles[criterion.feature] = .categorical
                case .boolean: options.expectedRoles[criterion.feature] = .boolean
                }
            }
        }
        return options
    }
}
