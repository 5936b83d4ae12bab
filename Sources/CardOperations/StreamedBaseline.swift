import FeatureEncoding
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
func streamedBaseline(_ card: ScoreCard, leads: Dataset, description: String?,
                      chunkRows: Int = baselineChunkRows) throws(CardError) -> Baseline {
    let scorer = try RuleScorer(card: card)
    // Only the columns the criteria read: the scorer ignores the rest, and formatting every column of
    // every lead as text was most of the work (a fifth of `train` at 1 000 000 leads, issue 21).
    let features = Set(card.criteria.map(\.feature))
    let columns = leads.columns.filter { $0.hasValues && features.contains($0.name) }
    let criteria = card.criteria
    let chunks = max(1, (leads.rowCount + chunkRows - 1) / chunkRows)
    // Each chunk of leads counted on its own (in parallel), then merged in chunk order: the same counts,
    // and the first of equal extremes kept, as one pass in lead order gives.
    let rowScorer = scorer.rowScorer(header: columns.map(\.name))
    var parts = [BaselineCounts?](repeating: nil, count: chunks)
    parts.withUnsafeMutableBufferPointer { buffer in
        let output = SharedPointer(buffer)
        concurrentForEach(chunks, threads: availableCores) { chunk in
            let rows = (chunk * chunkRows)..<min((chunk + 1) * chunkRows, leads.rowCount)
            output.pointer[chunk] = BaselineCounts(card: card, rowScorer: rowScorer, columns: columns, rows: rows)
        }
    }
    var counts = parts[0]!
    for part in parts.dropFirst() { counts.merge(part!) }
    let rows = max(leads.rowCount, 1)
    let totals = counts.totals.keys.sorted().map { TotalShare(points: $0, share: Double(counts.totals[$0]!) / Double(rows)) }
    let baselines = criteria.indices.map { index -> CriterionBaseline in
        var baseline = CriterionBaseline(feature: criteria[index].feature, shares: counts.conditions[index].map { Double($0) / Double(rows) })
        switch criteria[index].type {
        case .numeric:
            (baseline.minimum, baseline.maximum) = (counts.minimum[index], counts.maximum[index])
        case .categorical:
            guard counts.otherwise[index] != nil else { break }
            let sorted = counts.seen[index].sorted()
            baseline.otherwiseCategories = Array(sorted.prefix(Baseline.otherwiseCategoryLimit))
            if sorted.count > Baseline.otherwiseCategoryLimit || counts.leftOut[index] { baseline.otherwiseCategoriesTruncated = true }
        case .boolean:
            break
        }
        return baseline
    }
    return Baseline(rows: leads.rowCount, leads: description, totals: totals, criteria: baselines)
}

/// Leads per unit of parallel work in `streamedBaseline`.
let baselineChunkRows = 16_384

/// What `streamedBaseline` counts over some leads: totals, conditions, numeric extremes and the categories
/// that fell to "otherwise" (by the rules `CardLeads.init` and `baselineDistribution(CardLeads:)` apply).
private struct BaselineCounts {
    var totals: [Int: Int] = [:]
    var conditions: [[Int]]
    var minimum: [Double?], maximum: [Double?]
    var seen: [Set<String>]
    var leftOut: [Bool]
    let otherwise: [Int?]

    init(card: ScoreCard, rowScorer: RowScorer, columns: [DataColumn], rows: Range<Int>) {
        let criteria = card.criteria
        let columnOfFeature = Dictionary(columns.enumerated().map { ($1.name, $0) }) { first, _ in first }
        let missing = Set(card.missingValues.map { String(RawValue.trimmed($0)) })
        conditions = criteria.map { [Int](repeating: 0, count: $0.conditions.count) }
        minimum = [Double?](repeating: nil, count: criteria.count)
        maximum = minimum
        otherwise = criteria.map { criterion in
            criterion.type == .categorical ? criterion.conditions.firstIndex { $0.match == .otherwise } : nil
        }
        seen = [Set<String>](repeating: [], count: criteria.count)
        leftOut = [Bool](repeating: false, count: criteria.count)
        let columnOfCriterion = criteria.map { columnOfFeature[$0.feature] }
        var matched = [Int32](repeating: 0, count: criteria.count)
        for row in rows {
            let fields = columns.map { $0.formattedValue(row: row) }
            let total = matched.withUnsafeMutableBufferPointer { rowScorer.total(fields, conditions: $0) }
            totals[total, default: 0] += 1
            for index in criteria.indices {
                conditions[index][Int(matched[index])] += 1
                // The value as text, as CardLeads keeps it: trimmed, neither empty nor a missing-value text.
                guard let column = columnOfCriterion[index] else { continue }
                let value = String(RawValue.trimmed(fields[column]))
                guard !value.isEmpty, !missing.contains(value) else { continue }
                switch criteria[index].type {
                case .numeric:
                    // CardLeads.numbers(criterion:): the text as a number, finite ones only.
                    guard let number = Double(card.decimalSeparator == "," ? value.replacingOccurrences(of: ",", with: ".") : value),
                          number.isFinite else { continue }
                    // The first of equal values stays, as `Array.min()`/`max()` keep it (0 and −0 print differently).
                    if minimum[index].map({ number < $0 }) ?? true { minimum[index] = number }
                    if maximum[index].map({ number > $0 }) ?? true { maximum[index] = number }
                case .categorical:
                    guard Int(matched[index]) == otherwise[index] else { continue }
                    if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { leftOut[index] = true } else { seen[index].insert(value) }
                case .boolean:
                    break
                }
            }
        }
    }

    /// Adds the counts of the leads after these; an extreme replaces the current one only when strictly
    /// beyond it, so the first of equal values (in lead order) stays.
    mutating func merge(_ later: BaselineCounts) {
        totals.merge(later.totals, uniquingKeysWith: +)
        for index in conditions.indices {
            for condition in conditions[index].indices { conditions[index][condition] += later.conditions[index][condition] }
            if let number = later.minimum[index], minimum[index].map({ number < $0 }) ?? true { minimum[index] = number }
            if let number = later.maximum[index], maximum[index].map({ number > $0 }) ?? true { maximum[index] = number }
            seen[index].formUnion(later.seen[index])
            leftOut[index] = leftOut[index] || later.leftOut[index]
        }
    }
}
