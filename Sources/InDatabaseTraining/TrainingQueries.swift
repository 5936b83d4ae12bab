import RuleScoring

/// The SQL of one in-database training run. Each query reads the source once, nested as `(…) AS lead`,
/// and returns aggregates only. The row's part (0 training, 1 validation, 2 test) is a hash of the split
/// key (or of the whole row) with the seed, so every query, every run with the same seed and every
/// worker of a distributed table agree on it without storing anything.
struct TrainingQueries {
    /// The user's table or query as a SELECT.
    var select: String
    /// 0/1 outcome of the row `lead`, NULL when missing.
    var outcome: String
    /// The row's fifth (0…4) by the hash: 4 is test; with one model, 0–2 train and 3 validates; with
    /// four (cross-fitting), model j learns from every fifth but j and 4 and is judged on j.
    var part: String
    /// The row's place within its fifth (0…199), from the same hash: a row with `slot < k` belongs to a
    /// sample of k/200 of every part, the same in every query and on every worker.
    var slot: String
    /// How many models are fitted at once: 1 (a validation split) or 4 (cross-fitting).
    var models: Int
    /// The part number of the test rows.
    let testPart = 4

    init(select: String, outcome: String, splitKey: String?, seed: UInt64, models: Int) throws {
        precondition(models == 1 || models == 4, "one model on a split, or four cross-fitted")
        self.select = select
        self.outcome = outcome
        self.models = models
        let key = try splitKey.map { "CAST(lead.\(try SQLName.quoted($0)) AS text)" } ?? "CAST(lead AS text)"
        let bucket = "MOD(MOD(hashtextextended(\(key), \(Int64(bitPattern: seed))), 1000) + 1000, 1000)"
        part = "\(bucket) / 200"
        slot = "MOD(\(bucket), 200)"
    }

    /// Rows model `model` learns from.
    func trains(_ model: Int) -> String { models == 1 ? "part < 3" : "part <> \(model)" }
    /// Rows model `model` is judged on.
    func validates(_ model: Int) -> String { models == 1 ? "part = 3" : "part = \(model)" }

    /// `(SELECT part, y, extra… FROM (source) AS lead) AS rows`, rows without an outcome left out.
    func rows(_ extra: [String]) -> String {
        let columns = (["\(part) AS part", "\(outcome) AS y"] + extra).joined(separator: ",\n    ")
        return "(SELECT \(columns)\n  FROM (\(select)) AS lead) AS rows"
    }

    /// The rows of one part as the source's own columns, for a caller that reads them (an in-memory
    /// comparison on the same test leads, `evaluate --query`).
    func rowsOfPart(_ which: Int, below: Bool = false) -> String {
        "SELECT lead.* FROM (\(select)) AS lead WHERE \(part) \(below ? "<" : "=") \(which) AND (\(outcome)) IS NOT NULL"
    }

    /// Leads and conversions per part, with the rows whose outcome is missing.
    func partCounts() -> String {
        "SELECT part, count(*) FILTER (WHERE y IS NOT NULL), sum(y), count(*) FILTER (WHERE y IS NULL)\nFROM \(rows([]))\nGROUP BY part"
    }

    /// Every numeric feature's quantile edges, smallest and largest value on the training rows: one scan.
    func quantiles(_ values: [String], bins: Int) -> String {
        let fractions = (1..<bins).map { "\(Double($0) / Double(bins))" }.joined(separator: ",")
        var columns: [String] = []
        for index in values.indices {
            let value = "v\(index)", real = "v\(index) <> CAST('NaN' AS double precision)"
            columns.append("percentile_disc(ARRAY[\(fractions)]) WITHIN GROUP (ORDER BY \(value)) FILTER (WHERE \(real))")
            columns.append("min(\(value)) FILTER (WHERE \(real))")
            columns.append("max(\(value)) FILTER (WHERE \(real))")
        }
        let extra = values.enumerated().map { "\($1) AS v\($0)" }
        return "SELECT " + columns.joined(separator: ",\n  ") + "\nFROM \(rows(extra))\nWHERE part < \(testPart) AND y IS NOT NULL"
    }

    /// Every categorical feature's values and training counts: one scan, a grouping set per column.
    func categories(_ values: [String]) -> String {
        let which = "CASE " + values.indices.map { "WHEN GROUPING(c\($0)) = 0 THEN \($0)" }.joined(separator: " ") + " END"
        let value = values.count == 1 ? "c0" : "COALESCE(" + values.indices.map { "c\($0)" }.joined(separator: ", ") + ")"
        let sets = values.indices.map { "(c\($0))" }.joined(separator: ", ")
        let extra = values.enumerated().map { "\($1) AS c\($0)" }
        return "SELECT \(which) AS feature, \(value) AS value, count(*)\nFROM \(rows(extra))\nWHERE part < \(testPart) AND y IS NOT NULL\n"
            + "GROUP BY GROUPING SETS (\(sets))"
    }

    /// Training and validation rows with every feature's bin as `b0, b1, …`; with `sampleSlots` below 200,
    /// only the rows whose `slot` is below it (that share of every part).
    func binned(_ bins: [String], sampleSlots: Int = 200) -> String {
        let sampled = sampleSlots < 200
        let extra = bins.enumerated().map { "\($1) AS b\($0)" } + (sampled ? ["\(slot) AS slot"] : [])
        let columns = (["part", "y"] + bins.indices.map { "b\($0)" }).joined(separator: ", ")
        return "(SELECT \(columns) FROM \(rows(extra)) WHERE part < \(testPart) AND y IS NOT NULL"
            + (sampled ? " AND slot < \(sampleSlots)" : "") + ") AS binned"
    }

    /// `binned` grouped by part, outcome and every bin, with the leads of each combination as `n`: the
    /// bins are computed once per row, and the passes' margins once per combination. PostgreSQL computes
    /// it as a hash aggregate and never pulls it apart into the outer query (which would evaluate every
    /// bin's `CASE` again inside every margin).
    /// With one model (many leads, where the combinations approach the rows in number and grouping them
    /// would cost a hash table of nearly every row each pass) the rows themselves, `n` = 1, their bins
    /// computed once per row (`OFFSET 0`).
    func cells(_ bins: [String]) -> String {
        if models == 1 { return "(SELECT *, 1 AS n FROM \(binned(bins)) OFFSET 0) AS cells" }
        let names = (["part", "y"] + bins.indices.map { "b\($0)" }).joined(separator: ", ")
        return "(SELECT \(names), count(*) AS n FROM \(binned(bins)) GROUP BY \(names)) AS cells"
    }

    // The margins are computed once per combination (`OFFSET 0` keeps PostgreSQL from substituting each
    // margin's `CASE`s into every place the probability and the loss read it).

    /// One boosting pass for every model at once: with each model so far as a margin `m0, m1, …` (the
    /// model as SQL), every feature's gradient and Hessian sums per bin over that model's training rows
    /// (a grouping set per feature), and each model's log loss on its validation rows (the grand total
    /// set, feature -1): a single scan.
    func histograms(bins: [String], margins: [String]) -> String {
        let which = "CASE " + bins.indices.map { "WHEN GROUPING(b\($0)) = 0 THEN \($0)" }.joined(separator: " ") + " ELSE -1 END"
        let bin = bins.count == 1 ? "b0" : "COALESCE(" + bins.indices.map { "b\($0)" }.joined(separator: ", ") + ")"
        let sets = (["()"] + bins.indices.map { "(b\($0))" }).joined(separator: ", ")
        let names = bins.indices.map { "b\($0)" }.joined(separator: ", ")
        var sums: [String] = []
        for model in margins.indices {
            let (m, p) = ("m\(model)", "p\(model)")
            sums.append("sum(n * (y - \(p))) FILTER (WHERE \(trains(model)))")
            sums.append("sum(n * \(p) * (1 - \(p))) FILTER (WHERE \(trains(model)))")
            sums.append("sum(n) FILTER (WHERE \(trains(model)))")
            sums.append("sum(n * (ln(1 + exp(-abs(\(m)))) + CASE WHEN y = 1 THEN GREATEST(-\(m), 0) ELSE GREATEST(\(m), 0) END)) FILTER (WHERE \(validates(model)))")
            sums.append("sum(n) FILTER (WHERE \(validates(model)))")
        }
        let probabilities = margins.indices.map { "m\($0), \(Self.probability(ofMargin: "m\($0)")) AS p\($0)" }.joined(separator: ", ")
        let marginColumns = margins.enumerated().map { "\($1) AS m\($0)" }.joined(separator: ",\n    ")
        return """
        SELECT \(which) AS feature, \(bins.isEmpty ? "0" : bin) AS bin,
          \(sums.joined(separator: ",\n  "))
        FROM (SELECT part, y, n, \(names), \(probabilities)
              FROM (SELECT part, y, n, \(names),
                      \(marginColumns)
                    FROM \(cells(bins)) OFFSET 0) AS margins) AS scored
        GROUP BY GROUPING SETS (\(sets))
        """
    }

    /// The sigmoid of a margin column in SQL, the margin clamped to ±50 so `exp` cannot overflow.
    static func probability(ofMargin margin: String) -> String {
        "1 / (1 + exp(-LEAST(GREATEST(\(margin), -50), 50)))"
    }

    /// Newton's step along each model's direction `d0, d1, …` from its margin: Σ g·d and Σ h·d² over
    /// the model's training rows, one scan for all models.
    func lineSearch(bins: [String], margins: [String], directions: [String]) -> String {
        var sums: [String] = [], columns: [String] = [], inner: [String] = []
        for model in margins.indices {
            let (p, d) = ("p\(model)", "d\(model)")
            sums.append("sum(n * (y - \(p)) * \(d)) FILTER (WHERE \(trains(model)))")
            sums.append("sum(n * \(p) * (1 - \(p)) * \(d) * \(d)) FILTER (WHERE \(trains(model)))")
            columns.append("\(d), \(Self.probability(ofMargin: "m\(model)")) AS \(p)")
            inner.append("\(margins[model]) AS m\(model), \(directions[model]) AS \(d)")
        }
        return """
        SELECT \(sums.joined(separator: ", "))
        FROM (SELECT part, y, n, \(columns.joined(separator: ", "))
              FROM (SELECT part, y, n, \(inner.joined(separator: ",\n      ")) FROM \(cells(bins)) OFFSET 0) AS margins) AS scored
        """
    }

    /// Leads and conversions per combination of bins and part: what the card's rounding, criterion
    /// selection, shapes, calibration and tiers read. On a large table nearly every lead is its own
    /// combination, so only the sample `slot < sampleSlots` is grouped: the result is bounded by the
    /// sample's size, not the table's.
    func combinations(_ bins: [String], sampleSlots: Int = 200) -> String {
        let names = (["part"] + bins.indices.map { "b\($0)" }).joined(separator: ", ")
        return "SELECT \(names), count(*), sum(y)\nFROM \(binned(bins, sampleSlots: sampleSlots))\nGROUP BY \(names)"
    }

    /// The share of each part (in 200ths) that holds about `leads` of `development` leads before test:
    /// every part whole (200) when they fit.
    static func sampleSlots(leads: Int, development: Int) -> Int {
        guard development > leads, development > 0 else { return 200 }
        return max(1, min(200, Int((200 * Double(leads) / Double(development)).rounded(.up))))
    }

    /// The card's totals on the test rows (`points` as `export-sql` writes it): leads and conversions per total.
    func testTotals(points: String) -> String {
        "SELECT points, count(*), sum(y)\nFROM (SELECT \(part) AS part, \(outcome) AS y, \(points) AS points FROM (\(select)) AS lead) AS scored\n"
            + "WHERE part = \(testPart) AND y IS NOT NULL\nGROUP BY points"
    }
}

/// An additive model over bins as SQL: `intercept + CASE b0 WHEN 0 THEN … END + …`, as `export-sql`
/// writes a card's criteria (bins with value 0 left out).
func additiveSQL(intercept: Double, values: [[Double]]) -> String {
    var terms = [SQLNumber.literal(intercept)]
    for (feature, bins) in values.enumerated() {
        let branches = bins.enumerated().filter { $0.element != 0 }.map { "WHEN \($0.offset) THEN \(SQLNumber.literal($0.element))" }
        if !branches.isEmpty { terms.append("(CASE b\(feature) " + branches.joined(separator: " ") + " ELSE CAST(0 AS double precision) END)") }
    }
    return terms.joined(separator: " + ")
}
