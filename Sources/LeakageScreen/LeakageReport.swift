import Foundation

/// What the leakage screen found: every candidate column ranked by its single-column strength on held-out
/// leads, the flagged ones with reasons, and placeholder values to read as missing.
public struct LeakageReport: Sendable, Equatable, Codable {
    /// Every candidate column, strongest (held-out AUC) first.
    public var columns: [ColumnScreening]
    public var placeholders: [PlaceholderFinding]
    public var trainingRows: Int
    public var heldOutRows: Int
    public var thresholds: LeakageThresholds

    /// The columns with a verdict, likely leaks first.
    public var flagged: [ColumnScreening] {
        columns.filter { $0.verdict != .none }.sorted { $0.verdict > $1.verdict }
    }

    /// The flag that leaves every flagged column out, e.g. `--exclude 'Tags,Lead Quality'`.
    public var excludeOption: String? {
        let names = flagged.map(\.column)
        return names.isEmpty ? nil : "--exclude \(shellQuoted(names.joined(separator: ",")))"
    }

    /// A loud, specific warning for people: which columns, why, their single-column AUC and what to do;
    /// `nil` when nothing is flagged.
    public var warning: String? {
        let flagged = self.flagged
        guard !flagged.isEmpty else { return nil }
        let likely = flagged.count { $0.verdict == .likelyLeak }
        var lines = ["WARNING: \(flagged.count) column\(flagged.count == 1 ? "" : "s") may leak the outcome"
                     + (likely > 0 ? " (\(likely) likely)" : "")
                     + ": filled in by sales or after the outcome, they make the card look better on test than it will be on new leads."]
        for finding in flagged {
            let auc = finding.heldOutAUC.map { LeakageReason.fixed($0) } ?? "–"
            lines.append("  \(finding.column) — \(finding.verdict.rawValue); alone: held-out AUC \(auc), information value \(String(format: "%.2f", finding.informationValue))")
            lines += finding.reasons.map { "      · \($0.text)" }
        }
        if let excludeOption {
            lines.append("  What to do: unless each is known before the outcome, train without them: \(excludeOption)")
        }
        return lines.joined(separator: "\n")
    }
}
