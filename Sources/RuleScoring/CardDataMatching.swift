import LeadCSV
import ScoreCardFormat

extension ScoreCard {
    /// Whether a value reads as the type by the card format's rules (`RawValue`): a decimal number with
    /// the card's mark; for yes/no, the yes/no words in any case or a number equal to 0 or 1.
    package func readable(_ text: String, as type: FeatureType, decimalSeparator: String) -> Bool {
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

/// The closest name to a misspelt one: the same ignoring case, else one that contains it or is contained
/// in it, else the nearest by edit distance (at most a third of the name's length).
package enum Closest {
    package static func name(_ wanted: String, among names: [String]) -> String? {
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
    package static func distance(_ a: String, _ b: String) -> Int {
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
