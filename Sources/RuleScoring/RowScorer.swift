import ScoreCardFormat

/// A scorer bound to a table's header: each criterion's column found once, then rows scored by position.
/// Card features the header lacks score as missing on every row; `absentCriteria` and `absenceNotes` say
/// which, so the caller can tell the user.
public struct RowScorer: Sendable {
    let compiled: CompiledCard
    /// The table's column names, as given; each criterion's column was looked up in it once.
    public let header: [String]
    /// The column of each criterion's feature, -1 when the header lacks it.
    private let columnOfCriterion: [Int]

    init(compiled: CompiledCard, header: [String]) {
        self.compiled = compiled
        self.header = header
        var columnOfName: [String: Int] = [:]
        for (column, name) in header.enumerated() where columnOfName[name] == nil { columnOfName[name] = column }
        columnOfCriterion = compiled.card.criteria.map { columnOfName[$0.feature] ?? -1 }
    }

    /// The card the scorer was compiled from.
    public var card: ScoreCard { compiled.card }

    /// Indices in `card.criteria` of the criteria whose feature is not a column.
    public var absentCriteria: [Int] { columnOfCriterion.indices.filter { columnOfCriterion[$0] < 0 } }

    /// For each absent feature, a sentence saying how it is scored: as missing, on every lead.
    public var absenceNotes: [String] {
        absentCriteria.map { index in
            let criterion = card.criteria[index]
            let condition = criterion.conditions[Int(compiled.criteria[index].missingCondition)]
            let points = condition.points < 0 ? "−\(-condition.points)" : "+\(condition.points)"
            return "the data has no column \"\(criterion.feature)\" (criteria[\(index)] \"\(criterion.label)\"); every lead scores it as missing: \(points) \(condition.label)"
        }
    }

    // The scoring methods below copy the stored references into locals first: a closure that captured
    // `self` would copy the whole struct, with its reference counting, on every row.

    /// The total of a row of raw fields in header order.
    public func total(_ row: [String]) -> Int {
        let (compiled, columns) = (compiled, columnOfCriterion)
        return compiled.total { index in
            let column = columns[index]
            guard column >= 0, column < row.count else { return compiled.condition(index, field: nil) }
            return row[column].utf8.withContiguousStorageIfAvailable { compiled.condition(index, field: $0) }
                ?? compiled.condition(index, text: row[column])
        }
    }

    /// The total of a row of fields in header order, writing the condition each criterion matched into
    /// `conditions` (one slot per criterion): `score(_:)`'s total and conditions without building its
    /// labels and reasons, for callers that count conditions over many rows (a card's baseline).
    public func total(_ row: [String], conditions: UnsafeMutableBufferPointer<Int32>) -> Int {
        let (compiled, columns) = (compiled, columnOfCriterion)
        for index in columns.indices {
            conditions[index] = compiled.condition(index, text: columns[index] >= 0 && columns[index] < row.count ? row[columns[index]] : nil)
        }
        return compiled.total { conditions[$0] }
    }

    /// The full score of a row of fields in header order: total, tier, probability and every criterion's contribution.
    public func score(_ row: [String]) -> ScoredLead {
        let (compiled, columns) = (compiled, columnOfCriterion)
        return compiled.scoredLead(conditions: columns.indices.map { index in
            compiled.condition(index, text: columns[index] >= 0 && columns[index] < row.count ? row[columns[index]] : nil)
        })
    }

    /// The total of a row whose field in column `c` is `fieldAt(c)` — e.g. a `CSVReader`'s buffer,
    /// valid for the duration of the call.
    @inline(__always)
    public func total(fieldAt: (Int) -> UnsafeBufferPointer<UInt8>) -> Int {
        let (compiled, columns) = (compiled, columnOfCriterion)
        return compiled.total { index in compiled.condition(index, field: columns[index] < 0 ? nil : fieldAt(columns[index])) }
    }

    /// The total, and each group's capped subtotal in `subtotals` (one slot per group, plus one).
    @inline(__always)
    public func tally(fieldAt: (Int) -> UnsafeBufferPointer<UInt8>, subtotals: UnsafeMutableBufferPointer<Int>) -> Int {
        let (compiled, columns) = (compiled, columnOfCriterion)
        return compiled.tally({ index in compiled.condition(index, field: columns[index] < 0 ? nil : fieldAt(columns[index])) },
                              subtotals: subtotals)
    }

    /// The full score of a row read in place (`fieldAt(c)` valid during the call), as `score(_:)` on strings.
    public func score(fieldAt: (Int) -> UnsafeBufferPointer<UInt8>) -> ScoredLead {
        let (compiled, columns) = (compiled, columnOfCriterion)
        return compiled.scoredLead(conditions: columns.indices.map { index in
            compiled.condition(index, field: columns[index] < 0 ? nil : fieldAt(columns[index]))
        })
    }
}
