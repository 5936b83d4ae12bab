import Foundation
import LeadData

/// What `inspect` reports about a dataset, rendered as an aligned table or as JSON (same content).
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

    struct Column: Encodable {
        var name: String
        var role: String
        var missing: Int
        var distinct: Int
        /// Range of a numeric or date column, share of yes, or the most frequent levels.
        var values: String
    }

    var source: String
    var rows: Int
    var outcome: OutcomeBalance?
    var columns: [Column]
    var notes: [String]

    init(_ dataset: Dataset) {
        source = dataset.source
        rows = dataset.rowCount
        if let outcome = dataset.outcome, let labels = dataset.labels {
            let converted = labels.reduce(0) { $0 + Int($1) }
            self.outcome = OutcomeBalance(
                column: outcome.column, positive: outcome.positiveLabel, negative: outcome.negativeLabel,
                converted: converted, lost: labels.count - converted,
                convertedRate: labels.isEmpty ? 0 : Double(converted) / Double(labels.count), leftOut: outcome.droppedMissing)
        }
        columns = dataset.columns.map { column in
            Column(name: column.name, role: column.role.rawValue, missing: column.missingCount,
                   distinct: column.distinctCount, values: Self.values(of: column))
        }
        notes = dataset.notes
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    func table() -> String {
        var lines = ["\(source): \(rows) rows, \(columns.count) columns\(outcome == nil ? "" : " besides the target")"]
        if let outcome {
            lines.append("outcome \"\(outcome.column)\": \(outcome.converted) converted (\"\(outcome.positive)\"), "
                         + "\(outcome.lost) lost (\"\(outcome.negative)\"), \(percent(outcome.convertedRate)) converted")
        }
        lines.append("")
        let rows = columns.enumerated().map { index, column in
            ["\(index + 1)", column.name, column.role, "\(column.missing)",
             percent(self.rows == 0 ? 0 : Double(column.missing) / Double(self.rows)), "\(column.distinct)", column.values]
        }
        lines += aligned([["#", "column", "role", "missing", "", "distinct", "values"]] + rows, rightAligned: [0, 3, 4, 5])
        if !notes.isEmpty {
            lines.append("")
            lines.append("notes:")
            lines += notes.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// Rows of cells padded to each column's widest cell, two spaces apart.
    private func aligned(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    private func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }

    private static func values(of column: DataColumn) -> String {
        switch column.values {
        case .numeric(let values):
            return range(values).map { "\(number($0.min)) – \(number($0.max))" } ?? ""
        case .date(let values):
            return range(values).map { "\(date($0.min)) – \(date($0.max))" } ?? ""
        case .boolean(let values):
            let present = values.filter { !$0.isNaN }
            guard !present.isEmpty else { return "" }
            return String(format: "yes %.1f %%", present.reduce(0, +) / Double(present.count) * 100)
        case .categorical(let codes, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            for code in codes where code >= 0 { counts[Int(code)] += 1 }
            let top = levels.indices.sorted { counts[$0] > counts[$1] }.prefix(3)
            let text = top.map { "\(levels[$0]) (\(counts[$0]))" }.joined(separator: ", ")
            return levels.count > 3 ? text + ", …" : text
        case .none:
            return ""
        }
    }

    private static func range(_ values: [Double]) -> (min: Double, max: Double)? {
        var low = Double.infinity, high = -Double.infinity
        for value in values where !value.isNaN {
            low = min(low, value)
            high = max(high, value)
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
