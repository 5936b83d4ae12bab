import LeadCSV
import LeadData
import ScoreCardFormat

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
                    !missing.contains(values.texts[$0]) && !Self.readable(values.texts[$0], as: criterion.type, decimalSeparator: decimalSeparator)
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

    /// Whether a value reads as the type by the card format's rules (`RawValue`): a decimal number with
    /// the card's mark; for yes/no, the yes/no words in any case or a number equal to 0 or 1.
    static func readable(_ text: String, as type: FeatureType, decimalSeparator: String) -> Bool {
        let trimmed = String(RawValue.trimmed(text))
        let mark = decimalSeparator == "," ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var bytes = trimmed
        let number = bytes.withUTF8 { DecimalNumber.parse($0, decimalSeparator: mark) }
        switch type {
        case .numeric: return number != nil
        case .boolean:
            return number == 0 || number == 1 || (RawValue.trueWords + RawValue.falseWords).contains(trimmed.lowercased())
        case .categorical: return true
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

/// The closest name to a misspelt one: the same ignoring case, else one that contains it or is contained
/// in it, else the nearest by edit distance (at most a third of the name's length).
enum Closest {
    static func name(_ wanted: String, among names: [String]) -> String? {
        let lower = wanted.lowercased()
        if let same = names.first(where: { $0.lowercased() == lower }) { return same }
        if lower.count >= 3, let containing = names.first(where: { $0.lowercased().contains(lower) || (lower.contains($0.lowercased()) && $0.count >= 3) }) {
            return containing
        }
        let limit = max(1, wanted.count / 3)
        let scored = names.lazy.map { ($0, distance(lower, $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count), current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
