import Foundation

/// A plain-text table with aligned columns: text columns left-aligned, number columns right-aligned so
/// decimal points line up. Internal: reports own their layout, this only pads.
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "a table row needs one cell per column")
        rows.append(row)
    }

    func render(indent: String = "") -> String {
        let widths = headers.indices.map { c in ([headers] + rows).map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.indices.map { c -> String in
                let padding = String(repeating: " ", count: widths[c] - cells[c].count)
                return alignments[c] == .left ? cells[c] + padding : padding + cells[c]
            }
            // Trailing spaces of a left-aligned last column would only clutter diffs.
            return indent + padded.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Fixed-point formatting independent of the user's locale (always a decimal point).
func fixed(_ value: Double, _ digits: Int = 4) -> String {
    String(format: "%.\(digits)f", value)
}

/// Weights print as integers when they are whole (the unweighted case), else with two decimals.
func quantity(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : fixed(value, 2)
}
