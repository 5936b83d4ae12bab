import LeadData
import RuleScoring
import ScoreCardFormat

/// `baselineDistribution(CardLeads:)` without the table: the same counts, ranges and categories taken
/// lead by lead while scoring, so nothing per lead is kept.
///
/// Why: `CardLeads` keeps per lead and criterion the matched condition (8 bytes) and the value as text
/// (16), which on the training leads of a large file was the peak of `train` (issue 21: ≈ 24 bytes × the
/// card's criteria per training lead, after the model was fitted). Scoring and the rules that count are
/// the ones `CardLeads.init` and `baselineDistribution(CardLeads:)` apply, in the same order, so the
/// baseline is equal (`StreamedBaselineTests`).
func streamedBaseline(_ card: ScoreCard, leads: Dataset, description: String?) throws(CardError) -> Baseline {
    let scorer = try RuleScorer(card: card)
    let columns = leads.columns.filter(\.hasValues)
    let rowScorer = scorer.rowScorer(header: columns.map(\.name))
    let columnOfFeature = Dictionary(columns.enumerated().map { ($1.name, $0) }) { first, _ in first }
    let missing = Set(card.missingValues.map { String(RawValue.trimmed($0)) })
    let criteria = card.criteria
    var totalCounts: [Int: Int] = [:]
    var conditionCounts = criteria.map { [Int](repeating: 0, count: $0.conditions.count) }
    var minimum = [Double?](repeating: nil, count: criteria.count), maximum = minimum
    let otherwise = criteria.map { criterion in
        criterion.type == .categorical ? criterion.conditions.firstIndex { $0.match == .otherwise } : nil
    }
    var seen = [Set<String>](repeating: [], count: criteria.count)
    var leftOut = [Bool](repeating: false, count: criteria.count)
    var matched = [Int](repeating: 0, count: criteria.count)
    var text = [String?](repeating: nil, count: criteria.count)
    for row in 0..<leads.rowCount {
        let fields = columns.map { $0.formattedValue(row: row) }
        let scored = rowScorer.score(fields)
        totalCounts[scored.points, default: 0] += 1
        for index in criteria.indices { (matched[index], text[index]) = (0, nil) }  // as CardLeads' defaults
        for contribution in scored.contributions {
            matched[contribution.criterion] = contribution.condition
            if let column = columnOfFeature[criteria[contribution.criterion].feature] {
                let value = String(RawValue.trimmed(fields[column]))
                if !value.isEmpty, !missing.contains(value) { text[contribution.criterion] = value }
            }
        }
        for index in criteria.indices {
            conditionCounts[index][matched[index]] += 1
            guard let value = text[index] else { continue }
            switch criteria[index].type {
            case .numeric:
                // CardLeads.numbers(criterion:): the text as a number, finite ones only.
                guard let number = Double(card.decimalSeparator == "," ? value.replacingOccurrences(of: ",", with: ".") : value),
                      number.isFinite else { continue }
                // The first of equal values stays, as `Array.min()`/`max()` keep it (0 and −0 print differently).
                if minimum[index].map({ number < $0 }) ?? true { minimum[index] = number }
                if maximum[index].map({ number > $0 }) ?? true { maximum[index] = number }
            case .categorical:
                guard matched[index] == otherwise[index] else { continue }
                if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { leftOut[index] = true } else { seen[index].insert(value) }
            case .boolean:
                break
            }
        }
    }
    let rows = max(leads.rowCount, 1)
    let totals = totalCounts.keys.sorted().map { TotalShare(points: $0, share: Double(totalCounts[$0]!) / Double(rows)) }
    let baselines = criteria.indices.map { index -> CriterionBaseline in
        var baseline = CriterionBaseline(feature: criteria[index].feature, shares: conditionCounts[index].map { Double($0) / Double(rows) })
        switch criteria[index].type {
        case .numeric:
            (baseline.minimum, baseline.maximum) = (minimum[index], maximum[index])
        case .categorical:
            guard otherwise[index] != nil else { break }
            let sorted = seen[index].sorted()
            baseline.otherwiseCategories = Array(sorted.prefix(Baseline.otherwiseCategoryLimit))
            if sorted.count > Baseline.otherwiseCategoryLimit || leftOut[index] { baseline.otherwiseCategoriesTruncated = true }
        case .boolean:
            break
        }
        return baseline
    }
    return Baseline(rows: leads.rowCount, leads: description, totals: totals, criteria: baselines)
}
