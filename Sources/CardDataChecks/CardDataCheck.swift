import LeadCSV
import LeadData
import RuleScoring
import ScoreCardFormat

/// The finding type lives beside the streaming scorer, which reports the same findings while it scores a
/// file (`CSVScoringReport.findings`); this name keeps `import CardDataChecks` callers whole.
public typealias CardDataFinding = RuleScoring.CardDataFinding

extension ScoreCard {
    /// Checks each criterion against `data`: that its column exists (else the closest name), that its
    /// values are readable as the criterion's type, and that its categories occur. Empty when all fit.
    public func findings(against data: Dataset) -> [CardDataFinding] {
        let names = data.columns.map(\.name)
        return criteria.flatMap { criterion -> [CardDataFinding] in
            guard let column = data.column(named: criterion.feature), column.hasValues else {
                let present = data.column(named: criterion.feature) != nil
                // A column present but kept without values (an identifier, excluded) is absent to a scorer too.
                return [CardDataFinding(feature: criterion.feature, kind: .absentFeature(suggestion: present ? nil : Closest.name(criterion.feature, among: names)))]
            }
            let values = DistinctValues(column)
            var found: [CardDataFinding] = []
            switch criterion.type {
            case .numeric, .boolean:
                let missing = Set(missingValues)
                let unreadable = values.counts.indices.filter {
                    !missing.contains(values.texts[$0]) && !readable(values.texts[$0], as: criterion.type, decimalSeparator: decimalSeparator)
                }
                if let first = unreadable.max(by: { values.counts[$0] < values.counts[$1] }) {
                    found.append(CardDataFinding(feature: criterion.feature, kind: .unreadableValues(
                        type: criterion.type, unreadable: unreadable.map { values.counts[$0] }.reduce(0, +),
                        of: values.counts.reduce(0, +), example: values.texts[first])))
                }
            case .categorical:
                let present = Set(values.texts)
                let listed = criterion.conditions.flatMap { condition -> [String] in
                    if case .categories(let categories) = condition.match { return categories } else { return [] }
                }
                let unknown = listed.filter { !present.contains($0) }
                if !unknown.isEmpty {
                    found.append(CardDataFinding(feature: criterion.feature, kind: .unknownCategories(unknown.map {
                        .init(category: $0, suggestion: Closest.name($0, among: values.texts))
                    })))
                }
            }
            return found
        }
    }
}

/// The distinct non-missing values of a column as text, with how often each occurs: the levels of a
/// categorical column, else the values as a scorer would see them written.
struct DistinctValues {
    var texts: [String] = []
    var counts: [Int] = []

    init(_ column: DataColumn) {
        if case .categorical(let codes, let levels) = column.values {
            counts = [Int](repeating: 0, count: levels.count)
            for code in codes where code >= 0 { counts[Int(code)] += 1 }
            texts = levels
            return
        }
        var index: [String: Int] = [:]
        for row in 0..<(column.values.count ?? 0) {
            let text = column.formattedValue(row: row)
            guard !text.isEmpty else { continue }
            if let at = index[text] {
                counts[at] += 1
            } else {
                index[text] = texts.count
                texts.append(text)
                counts.append(1)
            }
        }
    }
}
