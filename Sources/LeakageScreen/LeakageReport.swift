import Foundation

/// What the leakage screen found: every candidate column ranked by its single-column strength on held-out
/// leads, the flagged ones with reasons, and placeholder values to read as missing.
public struct LeakageReport: Sendable, Equatable, Encodable {
    /// Every candidate column, strongest (held-out AUC) first.
    public var columns: [ColumnScreening]
    /// Values that look like "no answer" placeholders, to be read as missing.
    public var placeholders: [PlaceholderFinding]
    /// Leads the value rates were fitted on.
    public var trainingRows: Int
    /// Leads the strengths were measured on (never used to fit the value rates).
    public var heldOutRows: Int
    /// The thresholds the verdicts used, so a report can state them.
    public var thresholds: LeakageThresholds

    private enum Key: String, CodingKey { case columns, flagged, placeholders, trainingRows, heldOutRows, thresholds, excludeOption, warning }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(flagged.map(\.column), forKey: .flagged)
        try container.encode(columns, forKey: .columns)
        try container.encode(placeholders, forKey: .placeholders)
        try container.encode(trainingRows, forKey: .trainingRows)
        try container.encode(heldOutRows, forKey: .heldOutRows)
        try container.encode(thresholds, forKey: .thresholds)
        try container.encodeIfPresent(excludeOption, forKey: .excludeOption)
        try container.encodeIfPresent(warning, forKey: .warning)
    }

    /// The columns with a verdict, likely leaks first.
    public var flagged: [ColumnScreening] {
        columns.filter { $0.verdict != .none }.sorted { $0.verdict > $1.verdict }
    }

    /// The advice that leaves every flagged column out, in the library's terms
    /// (`add "Tags" and "Lead Quality" to the excluded columns (LoadOptions.excluded)`); `nil` when none is flagged.
    public var excludeOption: String? { excludeOption(leavingOut: LeakageAdvice.loadOptions) }

    /// The advice that leaves every flagged column out, worded by `leavingOut` (a tool's flag).
    public func excludeOption(leavingOut: LeakageAdvice.LeaveOut) -> String? {
        let names = flagged.map(\.column)
        return names.isEmpty ? nil : leavingOut(names)
    }

    /// A loud, specific warning for people: which columns, why, their single-column AUC and what to do
    /// (in the library's terms); `nil` when nothing is flagged.
    public var warning: String? { warning(leavingOut: LeakageAdvice.loadOptions) }

    /// The warning, with what to do worded by `leavingOut` (a tool's flag).
    public func warning(leavingOut: LeakageAdvice.LeaveOut) -> String? {
        let flagged = self.flagged
        guard !flagged.isEmpty else { return nil }
        let likely = flagged.count { $0.verdict == .likelyLeak }
        let columns = "\(flagged.count) column\(flagged.count == 1 ? "" : "s")"
        let verb = likely == flagged.count ? "likely leak\(flagged.count == 1 ? "s" : "")" : "may leak" + (likely > 0 ? " (\(likely) likely)" : "")
        var lines = ["WARNING: \(columns) \(verb) the outcome: a field recorded by sales or at or after the outcome makes"
                     + " the card look better on test than it will be on new leads."]
        for finding in flagged {
            let auc = finding.heldOutAUC.map { LeakageReason.fixed($0) } ?? "–"
            lines.append("  \(finding.column) — \(finding.verdict.rawValue); alone: held-out AUC \(auc), information value \(String(format: "%.2f", finding.informationValue))")
            lines += finding.reasons.map { "      · \($0.text)" }
        }
        if let exclude = excludeOption(leavingOut: leavingOut) {
            lines.append("  What to do: unless each is known before the outcome, train without them: \(exclude)")
        }
        return lines.joined(separator: "\n")
    }
}
