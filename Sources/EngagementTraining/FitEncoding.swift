import Engagement
import LeadData
import ScoreCardFormat

/// A fit attribute (who the lead is) as a categorical code per lead, with the card criterion each code
/// becomes: categorical levels seen on at least `minimumCount` training leads keep their own code (the rest
/// share "other"); numeric attributes are cut at training quantiles into ranges; empty is "missing".
struct FitEncoding {
    let name: String
    let isNumeric: Bool
    /// Code per lead into `labels`.
    let codes: [Int32]
    let labels: [String]
    /// Numeric: upper edges of all but the last bin (ascending).
    let edges: [Double]
    /// Categorical: the levels that kept their own code, in `labels` order after "missing" and "other".
    let levels: [String]

    static let missingLabel = "(missing)", otherLabel = "(other)"

    init(_ column: LeadTimeline.FitColumn, trainingLeads: [Int], bins: Int, minimumCount: Int = 10) {
        name = column.name
        isNumeric = column.isNumeric
        if column.isNumeric {
            let values = trainingLeads.compactMap { Double(column.values[$0]) }.sorted()
            var cuts: [Double] = []
            if !values.isEmpty, bins > 1 {
                for part in 1..<bins {
                    let cut = values[min(values.count - 1, values.count * part / bins)]
                    if cut < values[values.count - 1], cuts.last.map({ cut > $0 }) ?? true { cuts.append(cut) }
                }
            }
            edges = cuts
            levels = []
            labels = [Self.missingLabel] + (0...cuts.count).map { "bin\($0)" }
            codes = column.values.map { text in
                guard let value = Double(text) else { return 0 }
                return Int32(1 + (cuts.firstIndex { value <= $0 } ?? cuts.count))
            }
        } else {
            var counts: [String: Int] = [:]
            for lead in trainingLeads where !column.values[lead].isEmpty { counts[column.values[lead], default: 0] += 1 }
            let kept = counts.filter { $0.value >= minimumCount }.keys.sorted()
            edges = []
            levels = kept
            labels = [Self.missingLabel, Self.otherLabel] + kept
            let codeOf = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, Int32($0 + 2)) })
            codes = column.values.map { $0.isEmpty ? 0 : codeOf[$0] ?? 1 }
        }
    }

    /// The column for the given snapshots' leads.
    func column(leads: [Int32]) -> DataColumn {
        let values = leads.map { codes[Int($0)] }
        return DataColumn(name: name, role: .categorical, values: .categorical(codes: values, levels: labels),
                          missingCount: 0, distinctCount: labels.count)
    }

    /// The card criterion with `points[code]` per code (already scaled, rounded and shifted).
    func criterion(points: [Int], group: String) -> Criterion {
        var conditions: [Condition] = []
        if isNumeric {
            for bin in 0...edges.count {
                let lower = bin == 0 ? nil : NumericRange.Bound(edges[bin - 1], inclusive: false)
                let upper = bin == edges.count ? nil : NumericRange.Bound(edges[bin], inclusive: true)
                let text = [lower.map { "above \(RawValue.format($0.value))" }, upper.map { "up to \(RawValue.format($0.value))" }]
                    .compactMap { $0 }.joined(separator: ", ")
                conditions.append(Condition(.range(NumericRange(lower: lower, upper: upper)), points: points[bin + 1], label: text.isEmpty ? "any" : text))
            }
            conditions.append(Condition(.missing, points: points[0], label: "unknown"))
        } else {
            for (offset, level) in levels.enumerated() {
                conditions.append(Condition(.categories([level]), points: points[offset + 2], label: level))
            }
            conditions.append(Condition(.missing, points: points[0], label: "unknown"))
            conditions.append(Condition(.otherwise, points: points[1], label: "other"))
        }
        return Criterion(feature: name, label: name, group: group, type: isNumeric ? .numeric : .categorical, conditions: conditions)
    }
}
