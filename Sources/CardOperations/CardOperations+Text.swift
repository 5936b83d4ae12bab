import Foundation

/// Plain-text renderings, for the command line and for logs of a scheduled job.
extension MonitorReport {
    /// The report as text: verdict and reasons first, then totals, tiers, criteria and outcomes.
    public func text() -> String {
        var lines: [String] = []
        let percent = { (value: Double) in String(format: "%.1f%%", value * 100) }
        let psi = { (value: Double?) in value.map { String(format: "%.3f", $0) } ?? "–" }
        lines.append("Card \(card) on \(rows) new leads, against \(baseline).")
        lines.append("")
        lines.append("PSI of the total: \(psi(totalPSI))   (below \(thresholds.psiRecalibrate) stable, \(thresholds.psiRecalibrate)–\(thresholds.psiRetrain) moderate, \(thresholds.psiRetrain)+ major)")
        lines.append(TextGrid.render([["points", "then", "now"]] + totalBuckets.map { bucket in
            [bucket.to.map { $0 == bucket.from ? "\(bucket.from)" : "\(bucket.from)–\($0)" } ?? "\(bucket.from)+", percent(bucket.then), percent(bucket.now)]
        }, indent: 2))
        if !tiers.isEmpty {
            lines.append("")
            lines.append("Tiers:")
            var rows = [["tier", "share then", "share now"] + (outcomes == nil ? [] : ["converted then", "converted now"])]
            for tier in tiers {
                rows.append([tier.name, percent(tier.then), percent(tier.now)]
                    + (outcomes == nil ? [] : [tier.conversionThen.map(percent) ?? "–", tier.conversionNow.map(percent) ?? "–"]))
            }
            lines.append(TextGrid.render(rows, indent: 2))
        }
        lines.append("")
        lines.append("Criteria (PSI of the share of leads per condition):")
        var rows = [["criterion", "PSI", "unseen categories", "outside training range", "largest move (share of leads)"]]
        for criterion in criteria.sorted(by: { ($0.psi ?? -1) > ($1.psi ?? -1) }) {
            let move = criterion.conditions.compactMap { condition in condition.then.map { (condition.label, condition.now - $0) } }
                .max { abs($0.1) < abs($1.1) }
            rows.append([criterion.feature, psi(criterion.psi),
                         criterion.unseenCategories == 0 ? "" : "\(criterion.unseenCategories) (\(criterion.unseenExamples.map { "\"\(TextGrid.printable($0))\"" }.joined(separator: ", ")))",
                         criterion.outOfRange == 0 ? "" : "\(criterion.outOfRange)",
                         move.map { String(format: "%@ %+.1f pp", $0.0, $0.1 * 100) } ?? ""])
        }
        lines.append(TextGrid.render(rows, indent: 2))
        if let outcomes {
            lines.append("")
            lines.append("With outcomes (\(outcomes.rows) leads):")
            let then = { (value: Double?) in value.map { String(format: "%.3f", $0) } ?? "–" }
            lines.append(TextGrid.render([
                ["", "then", "now"],
                ["converted", outcomes.positiveRateThen.map(percent) ?? "–", percent(outcomes.positiveRate)],
                ["AUC (points)", then(outcomes.aucThen), String(format: "%.3f ± %.3f", outcomes.auc, outcomes.aucStandardError)],
                ["calibration error", then(outcomes.eceThen), String(format: "%.3f", outcomes.ece)],
                ["mean probability", "", percent(outcomes.meanProbability)],
            ], indent: 2))
        }
        for note in notes { lines.append("Note: \(note).") }
        lines.append("")
        lines.append("Verdict: \(verdict.rawValue)")
        for reason in reasons { lines.append("  - [\(reason.verdict.rawValue)] \(reason.text)") }
        if reasons.isEmpty { lines.append("  no threshold reached") }
        return TextGrid.printableLines(lines)
    }
}

extension CardDiff {
    /// The diff as text: header changes, criteria, tiers and who changes tier.
    public func text() -> String {
        var lines = ["\(oldCard) → \(newCard)"]
        for line in header { lines.append("  \(line)") }
        let signed = { (value: Int?) in value.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "–" }
        for criterion in criteria where criterion.status != .unchanged {
            lines.append("")
            lines.append("\(criterion.feature): \(criterion.status.rawValue)\(criterion.notes.isEmpty ? "" : " (" + criterion.notes.joined(separator: "; ") + ")")")
            var rows = [["values", "old", "new", ""]]
            for condition in criterion.conditions {
                let note: String
                switch condition.status {
                case .unchanged: note = ""
                case .added: note = "new condition"
                case .removed: note = "removed"
                case .changed:
                    note = condition.oldPoints == condition.newPoints ? "label \"\(condition.oldLabel ?? "")\" → \"\(condition.newLabel ?? "")\""
                        : "\(signed((condition.newPoints ?? 0) - (condition.oldPoints ?? 0))) points"
                }
                rows.append([condition.values, signed(condition.oldPoints), signed(condition.newPoints), note])
            }
            lines.append(TextGrid.render(rows, indent: 2))
        }
        let unchanged = criteria.filter { $0.status == .unchanged }.map(\.feature)
        if !unchanged.isEmpty {
            lines.append("")
            lines.append("Unchanged criteria: \(unchanged.joined(separator: ", ")).")
        }
        lines.append("")
        lines.append("Tiers:")
        lines.append(TextGrid.render([["tier", "old minimum", "new minimum", ""]] + tiers.map { tier in
            [tier.name, tier.oldMinimum.map(String.init) ?? "–", tier.newMinimum.map(String.init) ?? "–", tier.status == .unchanged ? "" : tier.status.rawValue]
        }, indent: 2))
        if let transitions {
            lines.append("")
            lines.append(String(format: "On %d leads: %d (%.1f%%) change tier, %d change total.", transitions.rows, transitions.changedTier,
                                Double(transitions.changedTier) / Double(max(transitions.rows, 1)) * 100, transitions.changedTotal))
            lines.append("Old tier (rows) → new tier (columns):")
            var rows = [[""] + transitions.newTiers]
            for (index, name) in transitions.oldTiers.enumerated() { rows.append([name] + transitions.counts[index].map(String.init)) }
            lines.append(TextGrid.render(rows, indent: 2))
        }
        if isEmpty { lines.append("The cards score every lead the same.") }
        return TextGrid.printableLines(lines)
    }
}

/// Left-aligned columns separated by two spaces.
enum TextGrid {
    /// Text from a data file made safe for a terminal: control characters (escape sequences, carriage
    /// returns, line breaks) shown as `\u{1B}` rather than acted on.
    /// Lines joined by line breaks, each made printable (a grid's cells already are).
    static func printableLines(_ lines: [String]) -> String {
        lines.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { printable(String($0)) }.joined(separator: "\n") }
            .joined(separator: "\n")
    }

    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }.joined())
    }

    static func render(_ rows: [[String]], indent: Int = 0) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        let pad = String(repeating: " ", count: indent)
        return rows.map { row in
            pad + row.map(printable).enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
