/// A criterion's rules: its conditions fit its type, do not overlap, and cover every value — numbers,
/// labels, true/false and missing — with an `otherwise` only where something is left for it.
extension Criterion {
    func check(index: Int, missingValues: [String], groups: [CriterionGroup], into list: inout ProblemList) {
        let location = CardLocation.criterion(index, self)
        if feature.isEmpty { list.add(location + ".feature", "must not be empty") }
        if label.isEmpty { list.add(location + ".label", "must not be empty") }
        if let group, !groups.contains(where: { $0.name == group }) {
            let declared = groups.isEmpty ? "none are declared" : "declared: " + groups.map(\.name).joined(separator: ", ")
            list.add(location + ".group", "\(CardLocation.quoted(group)) is not in \"groups\" (\(declared))")
        }
        guard !conditions.isEmpty else {
            list.add(location + ".conditions", "a criterion needs at least one condition")
            return
        }
        let before = list.problems.count
        for (conditionIndex, condition) in conditions.enumerated() {
            checkCondition(condition, at: CardLocation.condition(conditionIndex, of: index, self), into: &list)
        }
        checkSingle(.missing, "missing", index: index, into: &list)
        checkSingle(.otherwise, "otherwise", index: index, into: &list)
        guard list.problems.count == before else { return }
        switch type {
        case .numeric: RangeCoverage(criterion: self, index: index).check(into: &list)
        case .categorical: checkCategories(index: index, missingValues: Set(missingValues.map { Array(RawValue.trimmed($0).utf8) }), into: &list)
        case .boolean: checkBooleans(index: index, into: &list)
        }
    }

    private func checkCondition(_ condition: Condition, at location: String, into list: inout ProblemList) {
        if condition.label.isEmpty { list.add(location + ".label", "must not be empty: reasons show it") }
        if abs(condition.points) > ScoreCard.pointsLimit {
            list.add(location + ".points", "must be between −\(ScoreCard.pointsLimit) and \(ScoreCard.pointsLimit); found \(condition.points)")
        }
        let allowed: Bool
        switch (condition.match, type) {
        case (.range, .numeric), (.categories, .categorical), (.value, .boolean), (.missing, _), (.otherwise, _): allowed = true
        default: allowed = false
        }
        if !allowed {
            let kinds = ["numeric": "\"range\"", "categorical": "\"categories\"", "boolean": "\"is\""][type.rawValue] ?? ""
            list.add(location, "a \(type.rawValue) criterion takes \(kinds), \"missing\" and \"otherwise\" conditions, not \(condition.match.jsonKey)")
        }
    }

    private func checkSingle(_ match: Match, _ name: String, index: Int, into list: inout ProblemList) {
        let positions = conditions.indices.filter { conditions[$0].match == match }
        for position in positions.dropFirst() {
            list.add(CardLocation.condition(position, of: index, self), "a second \"\(name)\" condition (the first is conditions[\(positions[0])])")
        }
    }

    /// Categories are compared as the scorer and SQL compare them, byte for byte (`RawValue` rule 5): keyed
    /// by `String`, "café" spelt NFC and NFD would count as one category listed twice.
    /// - Parameter missingValues: the card's missing-value tokens, trimmed, as UTF-8 bytes.
    private func checkCategories(index: Int, missingValues: Set<[UInt8]>, into list: inout ProblemList) {
        var owner: [[UInt8]: Int] = [:]
        for (position, condition) in conditions.enumerated() {
            guard case .categories(let labels) = condition.match else { continue }
            let location = CardLocation.condition(position, of: index, self) + ".categories"
            if labels.isEmpty { list.add(location, "lists no category") }
            for label in labels {
                let bytes = Array(label.utf8)
                if label.isEmpty || missingValues.contains(bytes) {
                    list.add(location, "\(CardLocation.quoted(label)) is a missing value, not a category; use a \"missing\" condition")
                } else if !RawValue.trimmed(label).utf8.elementsEqual(label.utf8) {
                    list.add(location, "\(CardLocation.quoted(label)) starts or ends with a space or tab, so it can never match: values are trimmed before they are compared")
                } else if let first = owner[bytes] {
                    list.add(location, "\(CardLocation.quoted(label)) is also in conditions[\(first)]")
                } else {
                    owner[bytes] = position
                }
            }
        }
        if !conditions.contains(where: { $0.match == .otherwise }) {
            list.add(CardLocation.criterion(index, self) + ".conditions",
                     "a categorical criterion needs an \"otherwise\" condition for categories it does not list (new, rare or misspelt values)")
        }
    }

    private func checkBooleans(index: Int, into list: inout ProblemList) {
        for value in [true, false] {
            let positions = conditions.indices.filter { conditions[$0].match == .value(value) }
            for position in positions.dropFirst() {
                list.add(CardLocation.condition(position, of: index, self), "a second \"is\": \(value) condition (the first is conditions[\(positions[0])])")
            }
        }
        let covers = { (match: Match) in self.conditions.contains { $0.match == match } }
        let uncovered = [(Match.value(true), "true"), (.value(false), "false"), (.missing, "missing")].filter { !covers($0.0) }.map(\.1)
        checkOtherwise(leftOver: uncovered, index: index, into: &list)
    }

    /// Whatever the specific conditions leave over must go to `otherwise`, and `otherwise` must have
    /// something left over: a condition that can never match would make unreachable totals look reachable.
    func checkOtherwise(leftOver: [String], index: Int, into list: inout ProblemList) {
        let location = CardLocation.criterion(index, self)
        let hasOtherwise = conditions.contains { $0.match == .otherwise }
        if hasOtherwise, leftOver.isEmpty {
            list.add(location + ".conditions", "the \"otherwise\" condition can never match: the other conditions cover every value; remove it")
        } else if !hasOtherwise, !leftOver.isEmpty {
            list.add(location + ".conditions", "no condition covers \(leftOver.joined(separator: ", ")) values; add conditions for them or an \"otherwise\" condition")
        }
    }
}

extension Match {
    /// The JSON field that introduces this kind of condition, for messages.
    var jsonKey: String {
        switch self {
        case .range: return "\"range\""
        case .categories: return "\"categories\""
        case .value: return "\"is\""
        case .missing: return "\"missing\""
        case .otherwise: return "\"otherwise\""
        }
    }
}
