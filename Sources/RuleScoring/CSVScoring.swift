import LeadCSV
import ScoreCardFormat

/// What scoring a file did: how many leads, where they landed, and which card features the file lacked.
public struct CSVScoringReport: Sendable, Equatable {
    public var rows: Int
    /// Leads per tier, in the card's tier order.
    public var leadsPerTier: [Int]
    public var pointsSum: Int
    /// One sentence per card feature the file has no column for (scored as missing on every lead).
    public var absenceNotes: [String]

    public var meanPoints: Double { rows == 0 ? 0 : Double(pointsSum) / Double(rows) }
}

/// A file that cannot be scored for a reason of its own (not a CSV or card error).
public struct ScoringError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
}

extension RuleScorer {
    /// The columns scoring appends: `points`, `points_max`, `points_<group>` per group, `tier`,
    /// `probability`, and `reasons` when reasons are asked for.
    public func appendedColumns(withReasons: Bool) -> [String] {
        ["points", "points_max"] + card.groups.map { "points_\($0.name)" } + ["tier", "probability"]
            + (withReasons ? ["reasons"] : [])
    }

    /// Streams `input` to `output`: every input column unchanged, then the appended columns. With
    /// `explain` > 0 the `reasons` column lists up to that many gains and that many costs, separated by
    /// "; ". The output appears only when complete (written beside it, then renamed).
    /// - Throws: `CSVError` for an unreadable input, `CSVWriteError` for an unwritable output,
    ///   `ScoringError` when the input already has a column scoring would add.
    public func scoreCSV(input: String, output: String, explain: Int = 0) throws -> CSVScoringReport {
        var reader = try CSVReader(path: input)
        let rows = rowScorer(header: reader.header)
        let added = appendedColumns(withReasons: explain > 0)
        if let clash = added.first(where: reader.header.contains) {
            throw ScoringError(description: "\(input) already has a column named \"\(clash)\", which scoring adds; rename it first")
        }
        let writer = try CSVWriter(path: output)
        try writer.write(reader.header + added)
        var report = CSVScoringReport(
            rows: 0, leadsPerTier: [Int](repeating: 0, count: card.tiers.count), pointsSum: 0, absenceNotes: rows.absenceNotes)
        let subtotals = UnsafeMutableBufferPointer<Int>.allocate(capacity: card.groups.count + 1)
        defer { subtotals.deallocate() }
        // Text per reachable total, made once: the loop below then allocates nothing per lead (without reasons).
        let maximum = String(card.maximumPoints)
        let probabilityText = compiled.probabilityOfTotal.map { $0.map { "\($0)" } ?? "" }
        let tierText = compiled.tierOfTotal.map { $0 < 0 ? "" : card.tiers[$0].name }
        let inputFields = reader.header.count
        while try reader.nextRecord() {
            let total = rows.tally(fieldAt: { reader.field($0) }, subtotals: subtotals)
            let tier = compiled.tierOfTotal[total]
            for index in 0..<inputFields { writer.append(reader.field(index)) }
            writer.append(String(total))
            writer.append(maximum)
            for subtotal in subtotals.prefix(card.groups.count) { writer.append(String(subtotal)) }
            writer.append(tierText[total])
            writer.append(probabilityText[total])
            if explain > 0 {
                let lead = rows.score(fieldAt: { reader.field($0) })
                writer.append(lead.reasons(limit: explain).map(\.description).joined(separator: "; "))
            }
            try writer.endRecord()
            report.rows += 1
            report.pointsSum += total
            if tier >= 0 { report.leadsPerTier[tier] += 1 }
        }
        try writer.finish()
        return report
    }
}
