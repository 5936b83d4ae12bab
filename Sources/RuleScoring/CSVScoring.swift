import LeadCSV
import OutputFiles
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

    /// A report of scoring done elsewhere (into a database table, say), for the same summary.
    public init(rows: Int, leadsPerTier: [Int], pointsSum: Int, absenceNotes: [String]) {
        self.rows = rows
        self.leadsPerTier = leadsPerTier
        self.pointsSum = pointsSum
        self.absenceNotes = absenceNotes
    }
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

    /// Streams `input` to the file `output`: every input column unchanged, then the appended columns. With
    /// `explain` > 0 the `reasons` column lists up to that many gains and that many costs, separated by
    /// "; ". `output` is an `OutputFile`: a file appears only when complete (synced, renamed over the old
    /// one), a device or FIFO is written through, a directory is refused.
    /// - Throws: `CSVError` for an unreadable input (also one that shrinks while read), `OutputError` for
    ///   an output that cannot be written, `ScoringError` when the input already has a column scoring adds.
    public func scoreCSV(input: String, output: String, explain: Int = 0) throws -> CSVScoringReport {
        try scoreCSV(input: input, explain: explain) { try OutputFile(path: output) }
    }

    /// Streams `input` to an output the caller opened, e.g. `OutputFile.standardOutput()` (no file at all),
    /// and commits it when every lead is written. A reader of standard output that goes away makes it throw
    /// `OutputError` with kind `.closedPipe`.
    public func scoreCSV(input: String, to output: OutputFile, explain: Int = 0) throws -> CSVScoringReport {
        try scoreCSV(input: input, explain: explain) { output }
    }

    /// The output is opened only once the input's header is read and checked, so a bad input leaves no trace.
    private func scoreCSV(input: String, explain: Int, opening output: () throws -> OutputFile) throws -> CSVScoringReport {
        var reader = try CSVReader(path: input)
        return try score(records: &reader, name: input, explain: explain, opening: output)
    }

    /// Scores any record source (a database query's rows) as `scoreCSV` scores a file, `input` naming it.
    package func score<Records: RecordSource & ~Copyable>(records reader: inout Records, name input: String, explain: Int,
                                                         opening output: () throws -> OutputFile) throws -> CSVScoringReport {
        let rows = rowScorer(header: reader.header)
        let added = appendedColumns(withReasons: explain > 0)
        if let clash = added.first(where: reader.header.contains) {
            throw ScoringError(description: "\(input) already has a column named \"\(clash)\", which scoring adds; rename it first")
        }
        let writer = CSVWriter(output: try output())
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
