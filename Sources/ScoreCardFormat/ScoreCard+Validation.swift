/// What a card must satisfy beyond its JSON shape. Every rule is stated in `docs/score-card.md`.
extension ScoreCard {
    /// The largest magnitude of any points value or `maximumPoints`: far beyond any real card, small
    /// enough that reachable totals can be enumerated.
    public static let pointsLimit = 10_000

    /// Throws every problem `problems()` finds.
    public func validate() throws(CardError) {
        let found = problems()
        if !found.isEmpty { throw CardError(problems: found) }
    }

    /// Every problem with the card, in the order of its fields; empty when the card is valid.
    public func problems() -> [CardProblem] {
        var list = ProblemList()
        checkHeader(&list)
        checkGroups(&list)
        let criteriaStart = list.problems.count
        for (index, criterion) in criteria.enumerated() {
            criterion.check(index: index, missingValues: missingValues, groups: groups, into: &list)
        }
        checkDuplicateFeatures(&list)
        checkEventCriteria(&list)
        checkControlCharacters(&list)
        // Tiers and calibration are judged against the reachable totals, which mean nothing while a
        // criterion is broken; report the criteria first.
        guard list.problems.count == criteriaStart else { return list.problems }
        let totals = reachableTotals()
        checkTiers(reachable: totals, into: &list)
        calibration?.check(reachable: totals, maximumPoints: maximumPoints, into: &list)
        metrics?.check(into: &list)
        provenance?.check(criteria: criteria, maximumPoints: maximumPoints, into: &list)
        return list.problems
    }

    private func checkHeader(_ list: inout ProblemList) {
        if !Self.supportedVersions.contains(version) {
            list.add("version", "card version \(version) is not supported; this LeadScore reads versions 1 and 2")
        }
        if name.isEmpty { list.add("name", "must not be empty") }
        if maximumPoints < 1 || maximumPoints > Self.pointsLimit {
            list.add("maximumPoints", "must be between 1 and \(Self.pointsLimit); found \(maximumPoints)")
        }
        if abs(basePoints) > Self.pointsLimit {
            list.add("basePoints", "must be between −\(Self.pointsLimit) and \(Self.pointsLimit); found \(basePoints)")
        }
        for (index, token) in missingValues.enumerated() where !RawValue.trimmed(token).utf8.elementsEqual(token.utf8) {
            list.add("missingValues[\(index)]", "\(CardLocation.quoted(token)) starts or ends with a space or tab, so it can never match: values are trimmed before they are compared")
        }
        if decimalSeparator != "." && decimalSeparator != "," {
            list.add("decimalSeparator", "must be \".\" or \",\"; found \(CardLocation.quoted(decimalSeparator))")
        }
        if criteria.isEmpty { list.add("criteria", "a card needs at least one criterion") }
    }

    private func checkGroups(_ list: inout ProblemList) {
        for (index, group) in groups.enumerated() {
            let location = CardLocation.group(index, group)
            if group.name.isEmpty { list.add("groups[\(index)].name", "must not be empty") }
            if let first = groups.firstIndex(where: { $0.name == group.name }), first < index {
                list.add(location, "is declared twice (also groups[\(first)])")
            }
            if let low = group.minimumPoints, let high = group.maximumPoints, low > high {
                list.add(location + ".minimumPoints", "\(low) is above maximumPoints \(high)")
            }
            if !criteria.contains(where: { $0.group == group.name }), !eventCriteria.contains(where: { $0.group == group.name }) {
                list.add(location, "no criterion belongs to it; remove it or set \"group\": \(CardLocation.quoted(group.name)) on its criteria")
            }
        }
    }

    private func checkDuplicateFeatures(_ list: inout ProblemList) {
        var firstIndex: [String: Int] = [:]
        for (index, criterion) in criteria.enumerated() {
            if let first = firstIndex[criterion.feature] {
                list.add(CardLocation.criterion(index, criterion) + ".feature",
                         "\(CardLocation.quoted(criterion.feature)) is already scored by criteria[\(first)]; put all its conditions in one criterion")
            } else {
                firstIndex[criterion.feature] = index
            }
        }
    }
}

/// Problems collected while checking, with helpers for the numeric rules that recur.
struct ProblemList {
    var problems: [CardProblem] = []

    mutating func add(_ location: String, _ message: String) {
        problems.append(CardProblem(location, message))
    }

    /// A share, rate or probability: finite and within 0…1.
    mutating func fraction(_ value: Double?, at location: String) {
        guard let value else { return }
        if !(value >= 0 && value <= 1) { add(location, "must be a number from 0 to 1; found \(value)") }
    }

    mutating func finite(_ value: Double?, at location: String) {
        guard let value else { return }
        if !value.isFinite { add(location, "must be a finite number; found \(value)") }
    }

    mutating func nonNegative(_ value: Int?, at location: String) {
        guard let value else { return }
        if value < 0 { add(location, "must not be negative; found \(value)") }
    }

    /// A table by total (the calibration's probabilities, the baseline's shares): each `value` within 0…1,
    /// each total within the score range, totals ascending and listed once, so a reader can look a total
    /// up without guessing which of two entries counts. `location` is the table's, `field` the value's key.
    mutating func totalsTable(_ entries: [(points: Int, value: Double)], at location: String, field: String, maximumPoints: Int) {
        for (index, entry) in entries.enumerated() {
            let at = "\(location)[\(index)]"
            fraction(entry.value, at: "\(at).\(field)")
            if entry.points < 0 || entry.points > maximumPoints {
                add("\(at).points", "\(entry.points) is outside the score range 0…\(maximumPoints)")
            }
            if index > 0, entry.points <= entries[index - 1].points {
                add("\(at).points", "\(entry.points) does not follow \(entries[index - 1].points); list totals once each, ascending")
            }
        }
    }
}
