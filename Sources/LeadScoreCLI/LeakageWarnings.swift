import ArgumentParser
import Foundation
import LeadData
import LeakageScreen

/// `--strict`: fail instead of warning when a column looks like it leaks the outcome.
struct LeakageOptions: ParsableArguments {
    @Flag(help: "Fail instead of warning when a column looks like it leaks the outcome (rule: docs/leakage.md).")
    var strict = false
}

/// What `inspect` and `train` print about leakage, placeholders and left-out columns. The screening is
/// `LeakageScreen`'s; this only lays its findings out (kept apart from the commands so it can move with them).
struct LeakageWarnings {
    /// `nil` when the data has no outcome or too few leads; `problem` then says why.
    var report: LeakageReport?
    var problem: String?
    var placeholders: [PlaceholderFinding]
    var leftOut: [LeftOutColumn]

    /// Screens `rows` of `dataset` (the leads a trainer learns from; all rows by default).
    init(_ dataset: Dataset, rows: [Int]? = nil, seed: UInt64 = 1) {
        let screen = LeakageScreen()
        leftOut = dataset.leftOutColumns
        placeholders = screen.placeholders(in: dataset)
        guard dataset.labels != nil else { return }
        do {
            report = try screen.screen(dataset, rows: rows, seed: seed)
        } catch {
            problem = CLIFlagText.flags(in: "no leakage screen: \(error)")
        }
    }

    /// With `--strict`, the error that stops training when a column is flagged.
    func check(_ options: LeakageOptions) throws {
        guard options.strict, let warning = report?.warning(leavingOut: LeakageFlags.exclude) else { return }
        let finding = warning.hasPrefix("WARNING: ") ? String(warning.dropFirst("WARNING: ".count)) : warning
        throw ValidationErrorMessage(finding + "\n--strict: stopped before training; leave the columns out, or drop --strict to train anyway")
    }

    /// The block `train` prints first: the warning, placeholders, and the columns left out.
    var trainPreamble: String? {
        var blocks: [String] = []
        if let warning = report?.warning(leavingOut: LeakageFlags.exclude) { blocks.append(warning) }
        if let problem { blocks.append("note: \(problem)") }
        blocks += placeholders.map { "note: \($0.text(readingAsMissing: LeakageFlags.missing))" }
        if !leftOut.isEmpty {
            blocks.append((["Columns left out of the model:"] + leftOut.map { "  " + CLIFlagText.flags(in: $0.text) }).joined(separator: "\n"))
        }
        return blocks.isEmpty ? nil : blocks.joined(separator: "\n") + "\n"
    }

    /// What `inspect --target` adds: every column ranked by its strength alone on held-out leads, with
    /// its flags, then the warning and placeholders.
    var inspectText: String {
        var lines: [String] = []
        if let report {
            lines += ["", "Each column alone on held-out leads (\(report.heldOutRows) of \(report.heldOutRows + report.trainingRows);"
                      + " rates fitted on the rest), strongest first:"]
            var rows = [["column", "AUC", "IV", "verdict", "flags"]]
            for column in report.columns {
                rows.append([column.column, column.heldOutAUC.map { String(format: "%.3f", $0) } ?? "–",
                             String(format: "%.2f", column.informationValue), column.verdict == .none ? "" : column.verdict.rawValue,
                             column.reasons.map(\.label).joined(separator: ", ")])
            }
            lines.append(TextColumns.render(rows, indent: 2))
            if let warning = report.warning(leavingOut: LeakageFlags.exclude) { lines += ["", warning] }
        }
        if let problem { lines += ["", "note: \(problem)"] }
        if !placeholders.isEmpty { lines += [""] + placeholders.map { "note: \($0.text(readingAsMissing: LeakageFlags.missing))" } }
        return lines.joined(separator: "\n")
    }

    /// `summary` as JSON with `leakage`, `placeholders` and `leftOutColumns` added at its top level.
    func json<Summary: Encodable>(_ summary: Summary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(Extended(base: summary, warnings: self)), as: UTF8.self)
    }

    private struct Extended<Base: Encodable>: Encodable {
        var base: Base
        var warnings: LeakageWarnings
        enum Key: String, CodingKey { case leakage, leakageProblem, placeholders, leftOutColumns }

        func encode(to encoder: any Encoder) throws {
            try base.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encodeIfPresent(warnings.report.map(LeakageJSON.init), forKey: .leakage)
            try container.encodeIfPresent(warnings.problem, forKey: .leakageProblem)
            try container.encode(warnings.placeholders.map(PlaceholderJSON.init), forKey: .placeholders)
            try container.encode(warnings.leftOut, forKey: .leftOutColumns)
        }
    }

    /// The report's first section when a column is flagged: the warning and a table of the flagged columns.
    var reportSections: [ReportDocument.Section] {
        guard let report, !report.flagged.isEmpty else { return [] }
        let table = ReportDocument.Table(
            columns: [.init(title: "column"), .init(title: "verdict"), .init(title: "AUC alone", numeric: true),
                      .init(title: "IV", numeric: true), .init(title: "why")],
            rows: report.flagged.map { column in
                .cells([column.column, column.verdict.rawValue, column.heldOutAUC.map { String(format: "%.3f", $0) } ?? "–",
                        String(format: "%.2f", column.informationValue), column.reasons.map(\.text).joined(separator: "; ")])
            })
        var blocks: [ReportDocument.Block] = [
            .paragraph("Warning: \(report.flagged.count) column\(report.flagged.count == 1 ? "" : "s") may leak the outcome: a field recorded by"
                       + " sales or at or after the outcome makes the card look better on these leads than it will be on new ones."
                       + " Each column was measured alone on held-out training leads (rule: docs/leakage.md)."),
            .table(table),
        ]
        if let exclude = report.excludeOption(leavingOut: LeakageFlags.exclude) {
            blocks.append(.paragraph("Unless each is known before the outcome, train without them: \(exclude)"))
        }
        return [ReportDocument.Section(title: "Possible leakage", blocks: blocks)]
    }
}

/// The screen's advice in this tool's flags: the library words it in `LoadOptions` terms and takes these
/// closures to name the flags instead, built from the column names themselves (shell-quoted).
enum LeakageFlags {
    static let exclude: LeakageAdvice.LeaveOut = { names in "--exclude " + CLIFlagText.quoted(names.joined(separator: ",")) }
    static let missing: LeakageAdvice.ReadAsMissing = { value in "pass " + missingOption(value) }
    static func missingOption(_ value: String) -> String { "--missing " + CLIFlagText.quoted(value) }
}

/// `LeakageReport` as `--json` shows it: the library's fields, with the advice in flags.
private struct LeakageJSON: Encodable {
    var report: LeakageReport
    enum Key: String, CodingKey { case columns, flagged, placeholders, trainingRows, heldOutRows, thresholds, excludeOption, warning }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(report.columns.map(ColumnJSON.init), forKey: .columns)
        try container.encode(report.flagged.map(\.column), forKey: .flagged)
        try container.encode(report.placeholders.map(PlaceholderJSON.init), forKey: .placeholders)
        try container.encode(report.trainingRows, forKey: .trainingRows)
        try container.encode(report.heldOutRows, forKey: .heldOutRows)
        try container.encode(report.thresholds, forKey: .thresholds)
        try container.encodeIfPresent(report.excludeOption(leavingOut: LeakageFlags.exclude), forKey: .excludeOption)
        try container.encodeIfPresent(report.warning(leavingOut: LeakageFlags.exclude), forKey: .warning)
    }
}

/// `ColumnScreening` as `--json` shows it: `suggestedAction` names the flag.
private struct ColumnJSON: Encodable {
    var column: ColumnScreening
    enum Key: String, CodingKey { case column, role, heldOutAUC, informationValue, reasons, verdict, suggestedAction }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(column.column, forKey: .column)
        try container.encode(column.role, forKey: .role)
        try container.encodeIfPresent(column.heldOutAUC, forKey: .heldOutAUC)
        try container.encode(column.informationValue, forKey: .informationValue)
        try container.encode(column.reasons, forKey: .reasons)
        try container.encode(column.verdict, forKey: .verdict)
        try container.encodeIfPresent(column.suggestedAction(leavingOut: LeakageFlags.exclude), forKey: .suggestedAction)
    }
}

/// `PlaceholderFinding` as `--json` shows it, with the flag that reads the value as missing.
private struct PlaceholderJSON: Encodable {
    var finding: PlaceholderFinding
    enum Key: String, CodingKey { case value, columns, suggestedOption, text }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(finding.value, forKey: .value)
        try container.encode(finding.columns, forKey: .columns)
        try container.encode(LeakageFlags.missingOption(finding.value), forKey: .suggestedOption)
        try container.encode(finding.text(readingAsMissing: LeakageFlags.missing), forKey: .text)
    }
}
