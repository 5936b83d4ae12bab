import ScoreCardFormat

/// A scorer bound to a table's header: each criterion's column found once, then rows scored by position.
/// Card features the header lacks score as missing on every row; `absentFeatures` names them so the
/// caller can say so.
public struct RowScorer: Sendable {
    public let scorer: RuleScorer
    public let header: [String]
    /// The column of each criterion's feature, -1 when the header lacks it.
    private let columnOfCriterion: [Int]

    init(scorer: RuleScorer, header: [String]) {
        self.scorer = scorer
        self.header = header
        var columnOfName: [String: Int] = [:]
        for (column, name) in header.enumerated() where columnOfName[name] == nil { columnOfName[name] = column }
        columnOfCriterion = scorer.card.criteria.map { columnOfName[$0.feature] ?? -1 }
    }

    /// Indices in `card.criteria` of the criteria whose feature is not a column.
    public var absentCriteria: [Int] { columnOfCriterion.indices.filter { columnOfCriterion[$0] < 0 } }

    /// For each absent feature, a sentence saying how it is scored: as missing, on every lead.
    public var absenceNotes: [String] {
        absentCriteria.map { index in
            let criterion = scorer.card.criteria[index]
            let condition = criterion.conditions[Int(scorer.compiled[index].missingCondition)]
            let points = condition.points < 0 ? "−\(-condition.points)" : "+\(condition.points)"
            return "the data has no column \"\(criterion.feature)\" (criteria[\(index)] \"\(criterion.label)\"); every lead scores it as missing: \(points) \(condition.label)"
        }
    }

    /// The total of a row of raw fields in header order.
    public func total(_ row: [String]) -> Int {
        scorer.total { index in
            guard let column = column(index), column < row.count else { return scorer.condition(index, field: nil) }
            return row[column].utf8.withContiguousStorageIfAvailable { scorer.condition(index, field: $0) }
                ?? scorer.condition(index, text: row[column])
        }
    }

    public func score(_ row: [String]) -> ScoredLead {
        scorer.scoredLead(conditions: scorer.card.criteria.indices.map { index in scorer.condition(index, text: text(row, index)) })
    }

    /// The total of a row whose field in column `c` is `fieldAt(c)` — e.g. a `CSVReader`'s buffer,
    /// valid for the duration of the call.
    @inline(__always)
    public func total(fieldAt: (Int) -> UnsafeBufferPointer<UInt8>) -> Int {
        scorer.total { index in scorer.condition(index, field: column(index).map(fieldAt)) }
    }

    /// The total, and each group's capped subtotal in `subtotals` (one slot per group, plus one).
    @inline(__always)
    public func tally(fieldAt: (Int) -> UnsafeBufferPointer<UInt8>, subtotals: UnsafeMutableBufferPointer<Int>) -> Int {
        scorer.tally({ index in scorer.condition(index, field: column(index).map(fieldAt)) }, subtotals: subtotals)
    }

    public func score(fieldAt: (Int) -> UnsafeBufferPointer<UInt8>) -> ScoredLead {
        scorer.scoredLead(conditions: scorer.card.criteria.indices.map { index in
            scorer.condition(index, field: column(index).map(fieldAt))
        })
    }

    @inline(__always)
    private func column(_ criterion: Int) -> Int? {
        let column = columnOfCriterion[criterion]
        return column < 0 ? nil : column
    }

    @inline(__always)
    private func text(_ row: [String], _ criterion: Int) -> String? {
        guard let column = column(criterion), column < row.count else { return nil }
        return row[column]
    }
}

extension RuleScorer {
    /// A scorer for rows with this header.
    public func rowScorer(header: [String]) -> RowScorer { RowScorer(scorer: self, header: header) }
}
