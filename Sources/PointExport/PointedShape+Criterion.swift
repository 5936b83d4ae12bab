import Foundation
import LeadData
import ModelCore
import ScoreCardFormat

extension PointedShape {
    /// The criterion as the card states it, with labels a person reads ("3+", "1–2", "referral, partner").
    /// `integerValued`: the column holds whole numbers only, so `2 < x ≤ 5` reads "3–5"; `smallest`, its
    /// least value, so the first range of a count reads "0–2" rather than "2 or less".
    func criterion(integerValued: Bool, smallest: Double? = nil) -> Criterion {
        criterion(integerValued: integerValued, smallest: smallest, cutForm: false)
    }

    /// The criterion with numeric ranges written as cuts, `atLeast a, lessThan b` — the form of the round
    /// cut points `EdgeRounding` leaves (`lower < x ≤ upper` with `upper` just below a round `b` is exactly
    /// `x < b`) — and labels "10–24", "25+", "under 2.5", "2.5 to under 5"; the missing-value condition
    /// reads "unknown", or "missing (no value)" when a real category is named "unknown".
    func cardCriterion(integerValued: Bool, smallest: Double?) -> Criterion {
        criterion(integerValued: integerValued, smallest: smallest, cutForm: role == .numeric)
    }

    private func criterion(integerValued: Bool, smallest: Double?, cutForm: Bool) -> Criterion {
        let type: FeatureType = role == .boolean ? .boolean : role == .categorical ? .categorical : .numeric
        var conditions: [Condition] = []
        let categories = pieces.flatMap { piece -> [String] in
            if case .categories(let labels) = piece.condition { return labels }
            return []
        }
        // A learned category holding a control character (a NUL, a line break…) must never reach a card, whose
        // text ends up in SQL and reports: such values are left out of their conditions and score as "any other
        // value" (an `otherwise` condition is added with the points of the first condition that lost one).
        var unnamedPoints: Int?
        for piece in pieces {
            switch piece.condition {
            case .categories(let labels) where labels.contains(where: Self.holdsControlCharacter):
                unnamedPoints = unnamedPoints ?? piece.points
                let kept = labels.filter { !Self.holdsControlCharacter($0) }
                guard !kept.isEmpty else { continue }
                let names = kept.map { Self.distinctName($0, among: categories) }
                conditions.append(Condition(.categories(kept), points: piece.points, label: names.joined(separator: ", ")))
            case .interval(let lower, let upper) where role == .boolean:
                // Booleans are 0/1 in training: an interval stands for the values it holds.
                for value in [false, true] where lower < (value ? 1 : 0) && Double(value ? 1 : 0) <= upper {
                    conditions.append(Condition(.value(value), points: piece.points, label: value ? "yes" : "no"))
                }
            case .interval(let lower, let upper) where cutForm:
                let from = lower.isFinite ? lower.nextUp : nil, below = upper.isFinite ? upper.nextUp : nil
                conditions.append(Condition(.range(NumericRange(atLeast: from, lessThan: below)), points: piece.points,
                                            label: Self.cutLabel(from: from, below: below, integerValued: integerValued, smallest: smallest)))
            case .interval(let lower, let upper):
                conditions.append(Condition(.range(NumericRange(greaterThan: lower, atMost: upper)), points: piece.points,
                                            label: Self.rangeLabel(lower: lower, upper: upper, integerValued: integerValued, smallest: smallest)))
            case .categories(let labels):
                let names = labels.map { Self.distinctName($0, among: categories) }
                conditions.append(Condition(.categories(labels), points: piece.points, label: names.joined(separator: ", ")))
            case .missing:
                let unknownTaken = categories.contains { $0.lowercased() == "unknown" }
                conditions.append(Condition(.missing, points: piece.points, label: unknownTaken ? "missing (no value)" : "unknown"))
            case .otherwise:
                conditions.append(Condition(.otherwise, points: piece.points, label: Self.otherwiseLabel(piece.foldedCategories ?? [], among: categories)))
            }
        }
        if let unnamedPoints, !pieces.contains(where: { if case .otherwise = $0.condition { true } else { false } }) {
            conditions.append(Condition(.otherwise, points: unnamedPoints, label: "any other value"))
        }
        return Criterion(feature: feature, label: Self.readableName(feature), type: type, conditions: conditions)
    }

    /// "any other value", or with categories folded in "paid_search, unknown or any other value".
    static func otherwiseLabel(_ folded: [String], among categories: [String]) -> String {
        guard !folded.isEmpty else { return "any other value" }
        let unknownTaken = (categories + folded).contains { $0.lowercased() == "unknown" }
        let names = folded.map { $0 == missingMarker ? (unknownTaken ? "missing (no value)" : "unknown") : distinctName($0, among: categories + folded) }
        let shown = names.count > 12 ? Array(names.prefix(12)) + ["\(names.count - 12) more"] : names
        return shown.joined(separator: ", ") + " or any other value"
    }

    /// Whether `text` holds a C0 control character or DEL, which a card refuses (`docs/score-card.md`).
    static func holdsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// A category as a label, told apart from a canonically equivalent spelling among `categories`:
    /// categories are exact spellings (see `FeatureBins.Kind.categorical`), so "café" typed as é and as
    /// e + U+0301 are two conditions, and their labels name the code points that differ, "café (U+00E9)"
    /// and "café (U+0301)", or a reader would see the same word twice.
    static func distinctName(_ category: String, among categories: [String]) -> String {
        guard categories.contains(where: { $0 == category && !$0.utf8.elementsEqual(category.utf8) }) else { return category }
        let codePoints = category.unicodeScalars.filter { !$0.isASCII }.map { "U+" + String(format: "%04X", $0.value) }
        return "\(category) (\(codePoints.joined(separator: " ")))"
    }

    static func readableName(_ feature: String) -> String {
        let spaced = feature.replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }

    static func rangeLabel(lower: Double, upper: Double, integerValued: Bool, smallest: Double? = nil) -> String {
        if integerValued {
            let floor = smallest.flatMap { $0.isFinite && $0 <= upper ? Int($0) : nil }
            let first = lower.isFinite ? Int((lower + 1).rounded(.down)) : floor
            let last = upper.isFinite ? Int(upper.rounded(.down)) : nil
            switch (first, last) {
            case let (first?, last?): return first == last ? "\(first)" : "\(first)–\(last)"
            case let (first?, nil): return "\(first)+"
            case let (nil, last?): return "\(last) or less"
            case (nil, nil): return "any"
            }
        }
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): return "over \(format(lower)) up to \(format(upper))"
        case (true, false): return "over \(format(lower))"
        case (false, true): return "up to \(format(upper))"
        case (false, false): return "any"
        }
    }

    /// A label for `from ≤ x < below` (`nil`: unbounded): "10–24", "25+", "0–9" (from the column's least
    /// value), "under 2.5", "2.5 to under 5", "5 or more"; numbers as a person writes them.
    static func cutLabel(from: Double?, below: Double?, integerValued: Bool, smallest: Double? = nil) -> String {
        if integerValued {
            let first = from.map { Int($0.rounded(.up)) } ?? smallest.flatMap { value in
                value.isFinite && below.map { value < $0 } ?? true ? Int(value.rounded(.up)) : nil
            }
            let last = below.map { Int($0.rounded(.up)) - 1 }
            switch (first, last) {
            case let (first?, last?): return first == last ? "\(first)" : first > last ? "under \(RoundNumbers.text(below!))" : "\(first)–\(last)"
            case let (first?, nil): return "\(first)+"
            case (nil, _?): return "under \(RoundNumbers.text(below!))"
            case (nil, nil): return "any"
            }
        }
        switch (from, below) {
        case let (from?, below?): return "\(RoundNumbers.text(from)) to under \(RoundNumbers.text(below))"
        case let (from?, nil): return "\(RoundNumbers.text(from)) or more"
        case let (nil, below?): return "under \(RoundNumbers.text(below))"
        case (nil, nil): return "any"
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%g", value)
    }
}

extension DataColumn {
    /// Whole numbers only (counts, days): ranges then read as "3–5" rather than "over 2 up to 5".
    var isIntegerValued: Bool {
        guard case .numeric(let values) = values else { return false }
        return values.allSatisfy { $0.isNaN || $0 == $0.rounded() }
    }

    /// The least non-missing number, for reading the first range of a count.
    var smallestValue: Double? {
        guard case .numeric(let values) = values else { return nil }
        return values.lazy.filter { !$0.isNaN }.min()
    }
}
