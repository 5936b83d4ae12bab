import Foundation
import LeadCSV

extension Dataset {
    /// Writes the dataset as CSV (booleans as yes/no, missing as empty, the outcome last as 0/1),
    /// atomically. Identifier columns are written as the row number, starting at 1.
    public func writeCSV(to path: String) throws {
        let writer = try CSVWriter(path: path)
        let outcomeName = outcome?.column
        try writer.write(columns.map(\.name) + (outcomeName.map { [$0] } ?? []))
        for row in 0..<rowCount {
            var fields = columns.map { $0.formattedValue(row: row) }
            if let labels { fields.append(labels[row] == 1 ? (outcome?.positiveLabel ?? "1") : (outcome?.negativeLabel ?? "0")) }
            try writer.write(fields)
        }
        try writer.finish()
    }
}

extension DataColumn {
    /// The value of `row` as text, in the form the loader reads back to the same value.
    public func formattedValue(row: Int) -> String {
        switch values {
        case .date(let values): Self.dateText(values[row])
        case .numeric(let values): Self.numberText(values[row])
        case .boolean(let values): Self.booleanText(values[row])
        case .categorical(let codes, let levels): codes[row] < 0 ? "" : levels[Int(codes[row])]
        case .none: String(row + 1)
        }
    }

    /// A date as ISO 8601, which the loader reads back as a date (seconds since 1970 would read as a number).
    static func dateText(_ value: Double) -> String {
        if value.isNaN { return "" }
        let days = Int((value / 86_400).rounded(.down)), seconds = Int(value - Double(days) * 86_400)
        let date = ISODate.text(daysSinceEpoch: days)
        guard seconds != 0 else { return date }
        return date + String(format: "T%02d:%02d:%02dZ", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// A number, whole ones without a decimal point.
    static func numberText(_ value: Double) -> String {
        if value.isNaN { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// A yes/no value (1, 0, NaN for missing).
    static func booleanText(_ value: Double) -> String {
        value.isNaN ? "" : (value == 1 ? "yes" : "no")
    }
}
