import Foundation
import ScoreCardFormat

/// A deliberately plain scorer for tests: it walks each criterion's conditions with the format's own
/// predicates (`NumericRange.contains`, list membership) and reads numbers with `NSRegularExpression` and
/// `Double(_:)`. Nothing compiled, nothing shared with RuleScoring, so agreement means something.
struct ReferenceScorer {
    let card: ScoreCard
    private let decimal = try! NSRegularExpression(pattern: "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$")

    /// The condition each criterion matches, then the card's total rule.
    func score(_ lead: [String: String]) -> (total: Int, conditions: [Int]) {
        let conditions = card.criteria.map { condition(of: $0, raw: lead[$0.feature]) }
        let points = zip(card.criteria, conditions).map { $0.conditions[$1].points }
        return (card.total(criterionPoints: points), conditions)
    }

    private func condition(of criterion: Criterion, raw: String?) -> Int {
        let missing = criterion.conditions.firstIndex { $0.match == .missing } ?? criterion.conditions.firstIndex { $0.match == .otherwise }!
        let otherwise = criterion.conditions.firstIndex { $0.match == .otherwise }
        guard let raw else { return missing }
        let value = String(RawValue.trimmed(raw))
        if value.isEmpty || card.missingValues.contains(value) { return missing }
        switch criterion.type {
        case .numeric:
            guard let number = self.number(value) else { return missing }
            return criterion.conditions.firstIndex { condition in
                if case .range(let range) = condition.match { return range.contains(number) }
                return false
            } ?? otherwise!
        case .categorical:
            return criterion.conditions.firstIndex { condition in
                if case .categories(let labels) = condition.match { return labels.contains(value) }
                return false
            } ?? otherwise!
        case .boolean:
            let flag: Bool?
            if RawValue.trueWords.contains(value.lowercased()) || number(value) == 1 {
                flag = true
            } else if RawValue.falseWords.contains(value.lowercased()) || number(value) == 0 {
                flag = false
            } else {
                flag = nil
            }
            guard let flag else { return missing }
            return criterion.conditions.firstIndex { $0.match == .value(flag) } ?? otherwise!
        }
    }

    /// With a decimal comma, `1,5` is a number and `1.5` is not.
    private func number(_ written: String) -> Double? {
        if card.decimalSeparator == ",", written.contains(".") { return nil }
        let text = card.decimalSeparator == "," ? written.replacingOccurrences(of: ",", with: ".") : written
        let range = NSRange(text.startIndex..., in: text)
        return decimal.firstMatch(in: text, range: range) == nil ? nil : Double(text)
    }
}
