import Foundation
import LeadData

/// What `inspect` reports about a dataset, as an aligned table or as JSON (the same facts).
struct DatasetSummary: Encodable {
    struct OutcomeBalance: Encodable {
        var column: String
        var positive: String
        var negative: String
        var converted: Int
        var lost: Int
        var convertedRate: Double
        /// Rows whose outcome was missing, left out of `rows`.
        var leftOut: Int
    }

    struct Level: Encodable {
        var level: String
        var count: Int
    }

    struct Column: Encodable {
        var name: String
        var role: String
        var missing: Int
        var distinct: Int
        /// Numeric columns: the smallest and largest value.
        var min: Double?
        var max: Double?
        /// Date columns: the earliest and latest, ISO 8601.
        var first: String?
        var last: String?
        /// Yes/no columns: rows that say yes.
        var yes: Int?
        /// Categorical columns: the three most frequent levels.
        var topLevels: [Level]?
    }

    var source: String
    var rows: Int
    var outcome: OutcomeBalance?
    var columns: [Column]
    var notes: [String]
    /// Bytes a lead the loaded values take in memory (`Dataset.bytesPerLead`), for the scale benchmark.
    var bytesPerLead: Int

    init(_ dataset: Dataset) {
        source = dataset.source
        rows = dataset.rowCount
        bytesPerLead = dataset.bytesPerLead
        if let outcome = dataset.outcome, let labels = dataset.labels {
            let converted = labels.reduce(0) { $0 + Int($1) }
            self.outcome = OutcomeBalance(
                column: outcome.column, positive: outcome.positiveLabel, negative: outcome.negativeLabel,
                converted: converted, lost: labels.count - converted,
                convertedRate: labels.isEmpty ? 0 : Double(converted) / Double(labels.count), leftOut: outcome.droppedMissing)
        }
        columns = dataset.columns.map(Self.summary)
        notes = dataset.notes.map(CLIFlagText.flags(in:))
    }

    private static func summary(of column: DataColumn) -> Column {
        var summary = Column(name: column.name, role: column.role.rawValue, missing: column.missingCount, distinct: column.distinctCount)
        switch column.values {
        case .numeric(let values):
            (summary.min, summary.max) = range(values).map { ($0.min, $0.max) } ?? (nil, nil)
        case .date(let values):
            (summary.first, summary.last) = range(values).map { (date($0.min), date($0.max)) } ?? (nil, nil)
        case .boolean(let values):
            summary.yes = values.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        case .categorical(let codes, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            for code in codes where code >= 0 { counts[Int(code)] += 1 }
            summary.topLevels = levels.indices.sorted { counts[$0] > counts[$1] }.prefix(3).map { Level(level: levels[$0], count: counts[$0]) }
        case .none:
            break
        }
        return summary
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    func table() -> String {
        let described = outcome == nil ? "" : " besides the target"
        var lines = ["\(source): \(count(rows, "row")), \(count(columns.count, "column"))\(described)"]
        if let outcome {
            lines.append("outcome \"\(outcome.column)\": \(outcome.converted) converted (\"\(outcome.positive)\"), "
                         + "\(outcome.lost) lost (\"\(outcome.negative)\"), \(percent(outcome.convertedRate)) converted")
        }
        lines.append("")
        let cells = columns.enumerated().map { index, column in
            ["\(index + 1)", Self.cell(column.name), column.role, "\(column.missing)", percent(share(column.missing)),
             "\(column.distinct)", values(column)]
        }
        lines += aligned([["#", "column", "role", "missing", "", "distinct", "values"]] + cells, rightAligned: [0, 3, 4, 5])
        if !notes.isEmpty {
            lines += ["", "notes:"] + notes.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// The table's last column: a range, the share of yes, or the most frequent levels.
    private func values(_ column: Column) -> String {
        if let min = column.min, let max = column.max { return "\(Self.number(min)) – \(Self.number(max))" }
        if let first = column.first, let last = column.last { return "\(first) – \(last)" }
        if let yes = column.yes {
            return "yes \(yes) (\(percent(share(yes, of: rows - column.missing))))"
        }
        if let levels = column.topLevels {
            let text = levels.map { "\(Self.cell($0.level)) (\($0.count))" }.joined(separator: ", ")
            return column.distinct > levels.count ? text + ", …" : text
        }
        return ""
    }

    /// Rows of cells padded to each column's widest cell, two spaces apart.
    private func aligned(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { cells in
            let padded = cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        }
    }

    private func share(_ part: Int, of whole: Int? = nil) -> Double {
        let whole = whole ?? rows
        return whole == 0 ? 0 : Double(part) / Double(whole)
    }

    private func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }

    private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// Text from the data on one line of the table: line breaks and tabs shown as escapes.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
    }

    private static func range(_ values: some Collection<Double>) -> (min: Double, max: Double)? {
        var low = Double.infinity, high = -Double.infinity
        for value in values where !value.isNaN {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        return low <= high ? (low, high) : nil
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.6g", value)
    }

    private static func date(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = seconds.truncatingRemainder(dividingBy: 86_400) == 0 ? [.withFullDate] : [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
