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
///
/// A coded column (`DataColumn.formattedCodes`) is scored once per distinct value, and its leads are
/// counted per code: formatting every lead's value as text and looking it up was a tenth of `train` at
/// 1 000 000 leads (issue 21). Only columns without codes are formatted lead by lead.
func streamedBaseline(_ card: ScoreCard, leads: Dataset, description: String?,
                      chunkRows: Int = baselineChunkRows) throws(CardError) -> Baseline {
    let scorer = try RuleScorer(card: card)
    let criteria = card.criteria
    let sources = BaselineSources(scorer: scorer, columns: leads.columns)
    let chunks = max(1, (leads.rowCount + chunkRows - 1) / chunkRows)
    // Each chunk of leads counted on its own (in parallel), then merged in chunk order: the same counts,
    // and the first of equal extremes kept, as one pass in lead order gives.
    var parts = [BaselineCounts?](repeating: nil, count: chunks)
    parts.withUnsafeMutableBufferPointer { buffer in
        let output = SharedPointer(buffer)
        concurrentForEach(chunks, threads: availableCores) { chunk in
            let rows = (chunk * chunkRows)..<min((chunk + 1) * chunkRows, leads.rowCount)
            output.pointer[chunk] = BaselineCounts(sources: sources, rows: rows)
        }
    }
    var counts = parts[0]!
    for part in parts.dropFirst() { counts.merge(part!) }
    let values = counts.values(sources: sources)
    let rows = max(leads.rowCount, 1)
    let totals = counts.totals.keys.sorted().map { TotalShare(points: $0, share: Double(counts.totals[$0]!) / Double(rows)) }
    let baselines = criteria.indices.map { index -> CriterionBaseline in
        var baseline = CriterionBaseline(feature: criteria[index].feature, shares: counts.conditions[index].map { Double($0) / Double(rows) })
        switch criteria[index].type {
        case .numeric:
            (baseline.minimum, baseline.maximum) = (values[index].minimum, values[index].maximum)
        case .categorical:
            guard sources.otherwise[index] != nil else { break }
            let sorted = values[index].seen.sorted()
            baseline.otherwiseCategories = Array(sorted.prefix(Baseline.otherwiseCategoryLimit))
            if sorted.count > Baseline.otherwiseCategoryLimit || values[index].leftOut { baseline.otherwiseCategoriesTruncated = true }
        case .boolean:
            break
        }
        return baseline
    }
    return Baseline(rows: leads.rowCount, leads: description, totals: totals, criteria: baselines)
}

/// Leads per unit of parallel work in `streamedBaseline`.
let baselineChunkRows = 16_384

/// Where each criterion's value comes from, and what the baseline notes of a value.
private struct BaselineSources: Sendable {
    enum Source {
        /// The feature is not a column with values: every lead matches this condition (the missing one).
        case absent(Int32)
        /// A coded column: the codes, and the condition of each code's value.
        case coded(RowCodes, texts: [String], conditionOfCode: [Int32])
        /// A column without codes: each lead's value formatted and looked up.
        case formatted(DataColumn)
    }

    let scorer: RuleScorer
    let sources: [Source]
    /// The index of each categorical criterion's `otherwise` condition.
    let otherwise: [Int?]
    let missing: Set<String>

    init(scorer: RuleScorer, columns: [DataColumn]) {
        let card = scorer.card
        self.scorer = scorer
        var columnOfFeature: [String: DataColumn] = [:]
        for column in columns where column.hasValues && columnOfFeature[column.name] == nil { columnOfFeature[column.name] = column }
        sources = card.criteria.indices.map { index in
            guard let column = columnOfFeature[card.criteria[index].feature] else {
                return .absent(scorer.condition(criterion: index, value: nil))
            }
            guard let (codes, texts) = column.formattedCodes else { return .formatted(column) }
            return .coded(codes, texts: texts, conditionOfCode: texts.map { scorer.condition(criterion: index, value: $0) })
        }
        otherwise = card.criteria.map { criterion in
            criterion.type == .categorical ? criterion.conditions.firstIndex { $0.match == .otherwise } : nil
        }
        missing = Set(card.missingValues.map { String(RawValue.trimmed($0)) })
    }

    /// Notes the value of a lead of criterion `index` that matched `condition`, by the rules of `CardLeads`:
    /// the value as text, trimmed, neither empty nor a missing-value text; numbers finite only.
    func note(_ text: String, condition: Int32, criterion index: Int, into values: inout ValueSummary) {
        let card = scorer.card
        let value = String(RawValue.trimmed(text))
        guard !value.isEmpty, !missing.contains(value) else { return }
        switch card.criteria[index].type {
        case .numeric:
            guard let number = Double(card.decimalSeparator == "," ? value.replacingOccurrences(of: ",", with: ".") : value),
                  number.isFinite else { return }
            values.add(number)
        case .categorical:
            guard Int(condition) == otherwise[index] else { return }
            if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { values.leftOut = true } else { values.seen.insert(value) }
        case .boolean:
            break
        }
    }
}

/// A criterion's numeric extremes and the categories that fell to "otherwise".
private struct ValueSummary {
    var minimum: Double?, maximum: Double?
    var seen: Set<String> = []
    var leftOut = false

    /// The first of equal values stays, as `Array.min()`/`max()` keep it (0 and −0 print differently).
    mutating func add(_ number: Double) {
        if minimum.map({ number < $0 }) ?? true { minimum = number }
        if maximum.map({ number > $0 }) ?? true { maximum = number }
    }

    /// Adds the values of later leads; an extreme replaces the current one only when strictly beyond it.
    mutating func merge(_ later: ValueSummary) {
        if let number = later.minimum, minimum.map({ number < $0 }) ?? true { minimum = number }
        if let number = later.maximum, maximum.map({ number > $0 }) ?? true { maximum = number }
        seen.formUnion(later.seen)
        leftOut = leftOut || later.leftOut
    }
}

/// What `streamedBaseline` counts over some leads: totals and conditions; for a coded criterion the leads
/// and first lead of each code, for a formatted one its `ValueSummary`.
private struct BaselineCounts {
    var totals: [Int: Int] = [:]
    var conditions: [[Int]]
    /// Per coded criterion, leads per code and the first lead (`Int.max`: none) of each code.
    var leadsOfCode: [[Int]]
    var firstLeadOfCode: [[Int]]
    var formatted: [ValueSummary]

    init(sources: BaselineSources, rows: Range<Int>) {
        let criteria = sources.scorer.card.criteria
        conditions = criteria.map { [Int](repeating: 0, count: $0.conditions.count) }
        formatted = [ValueSummary](repeating: ValueSummary(), count: criteria.count)
        leadsOfCode = sources.sources.map { if case .coded(_, let texts, _) = $0 { [Int](repeating: 0, count: texts.count) } else { [] } }
        firstLeadOfCode = leadsOfCode.map { [Int](repeating: .max, count: $0.count) }
        // Criterion by criterion, each lead's condition into a table of the chunk's leads; then the totals.
        let width = criteria.count
        var matched = [Int32](repeating: 0, count: rows.count * max(width, 1))
        for index in criteria.indices {
            switch sources.sources[index] {
            case .absent(let condition):
                for k in 0..<rows.count { matched[k * width + index] = condition }
                conditions[index][Int(condition)] += rows.count
            case .coded(let codes, _, let conditionOfCode):
                codes.forEachCode(in: rows) { row, code in
                    let k = row - rows.lowerBound
                    matched[k * width + index] = conditionOfCode[code]
                    leadsOfCode[index][code] += 1
                    if firstLeadOfCode[index][code] == .max { firstLeadOfCode[index][code] = row }
                }
                for code in leadsOfCode[index].indices where leadsOfCode[index][code] > 0 {
                    conditions[index][Int(conditionOfCode[code])] += leadsOfCode[index][code]
                }
            case .formatted(let column):
                for row in rows {
                    let text = column.formattedValue(row: row)
                    let condition = sources.scorer.condition(criterion: index, value: text)
                    matched[(row - rows.lowerBound) * width + index] = condition
                    conditions[index][Int(condition)] += 1
                    sources.note(text, condition: condition, criterion: index, into: &formatted[index])
                }
            }
        }
        matched.withUnsafeBufferPointer { matched in
            for k in 0..<rows.count {
                let lead = matched.baseAddress! + k * width
                totals[sources.scorer.total { lead[$0] }, default: 0] += 1
            }
        }
    }

    /// Adds the counts of the leads after these.
    mutating func merge(_ later: BaselineCounts) {
        totals.merge(later.totals, uniquingKeysWith: +)
        for index in conditions.indices {
            for condition in conditions[index].indices { conditions[index][condition] += later.conditions[index][condition] }
            for code in leadsOfCode[index].indices {
                leadsOfCode[index][code] += later.leadsOfCode[index][code]
                firstLeadOfCode[index][code] = min(firstLeadOfCode[index][code], later.firstLeadOfCode[index][code])
            }
            formatted[index].merge(later.formatted[index])
        }
    }

    /// Every criterion's `ValueSummary`: a coded criterion's values noted once per code that occurs, in the
    /// order of their first leads, which keeps the same first of equal extremes as noting every lead.
    func values(sources: BaselineSources) -> [ValueSummary] {
        sources.sources.indices.map { index in
            guard case .coded(_, let texts, let conditionOfCode) = sources.sources[index] else { return formatted[index] }
            var summary = ValueSummary()
            let occurring = texts.indices.filter { leadsOfCode[index][$0] > 0 }.sorted { firstLeadOfCode[index][$0] < firstLeadOfCode[index][$1] }
            for code in occurring { sources.note(texts[code], condition: conditionOfCode[code], criterion: index, into: &summary) }
            return summary
        }
    }
}
