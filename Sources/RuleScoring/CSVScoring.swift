import LeadCSV
import OutputFiles
import ScoreCardFormat

/// What scoring a file did: how many leads, where they landed, and which card features the file lacked.
public struct CSVScoringReport: Sendable, Equatable {
    /// Leads scored (records after the header).
    public var rows: Int
    /// Leads per tier, in the card's tier order.
    public var leadsPerTier: [Int]
    /// Sum of all leads' totals (for the mean), kept as an integer so it is exact.
    public var pointsSum: Int
    /// One sentence per card feature the file has no column for (scored as missing on every lead).
    public var absenceNotes: [String]
    /// The card ↔ data checks made while streaming (`CardDataCheckPolicy`): absent features with the
    /// closest column, values a criterion cannot read, card categories no lead has. Empty when all fit
    /// or when the checks were turned off.
    public var findings: [CardDataFinding] = []

    /// The mean total per lead: a first check that a month's leads look like the card's training leads.
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

    /// An error with its full message.
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
    /// `explain` > 0 the `reasons` column lists up to that many gains and that many costs, one reason per
    /// criterion, separated by "; ". The probability is written rounded to 4 decimals (the card's table
    /// keeps full precision; `ScoredLead.probability` gives it). `output` is an `OutputFile`: a file appears
    /// only when complete (synced, renamed over the old one), a device or FIFO is written through, a
    /// directory is refused.
    /// - Parameter excel: writes for a spreadsheet (`CSVStyle.excel`: byte order mark, CR LF, cells that
    ///   could run as formulas neutralised) with ASCII minus signs in the reasons, which Excel reads as
    ///   numbers where "−" (U+2212) would not.
    /// - Throws: `CSVError` for an unreadable input (also one that shrinks while read), `OutputError` for
    ///   an output that cannot be written, `ScoringError` when the input already has a column scoring adds.
    ///   With `checks: .strict`, card ↔ data findings throw `CardDataMismatch`: those in the header before
    ///   the output is opened, those counted while streaming before the file is committed (no file appears).
    public func scoreCSV(input: String, output: String, explain: Int = 0, excel: Bool = false,
                         checks: CardDataCheckPolicy = .report) throws -> CSVScoringReport {
        try scoreCSV(input: input, explain: explain, excel: excel, checks: checks) { try OutputFile(path: output) }
    }

    /// Streams `input` to an output the caller opened, e.g. `OutputFile.standardOutput()` (no file at all),
    /// and commits it when every lead is written. A reader of standard output that goes away makes it throw
    /// `OutputError` with kind `.closedPipe`.
    /// With `checks: .strict`, header findings throw before anything is written; findings counted while
    /// streaming throw before the output is committed (a file is then discarded; standard output has
    /// already received the leads).
    public func scoreCSV(input: String, to output: OutputFile, explain: Int = 0, excel: Bool = false,
                         checks: CardDataCheckPolicy = .report) throws -> CSVScoringReport {
        try scoreCSV(input: input, explain: explain, excel: excel, checks: checks) { output }
    }

    /// A probability as the `probability` column writes it: rounded to 4 decimals, always 4 digits after
    /// the point ("0.0420"), so the column lines up and no float noise ("0.30000000000000004") shows.
    public static func probabilityText(_ probability: Double) -> String {
        let tenThousandths = Int((min(max(probability, 0), 1) * 10_000).rounded())
        let fraction = String(tenThousandths % 10_000)
        return "\(tenThousandths / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// The output is opened only once the input's header is read and checked, so a bad input leaves no trace.
    private func scoreCSV(input: String, explain: Int, excel: Bool, checks policy: CardDataCheckPolicy,
                          opening output: () throws -> OutputFile) throws -> CSVScoringReport {
        var reader = try CSVReader(path: input)
        return try score(records: &reader, name: input, explain: explain, excel: excel, checks: policy, opening: output)
    }

    /// Scores any record source (a database query's rows) as `scoreCSV` scores a file, `input` naming it.
    package func score<Records: RecordSource & ~Copyable>(records reader: inout Records, name input: String, explain: Int,
                                                         excel: Bool = false, checks policy: CardDataCheckPolicy = .report,
                                                         opening output: () throws -> OutputFile) throws -> CSVScoringReport {
        let rows = rowScorer(header: reader.header)
        let added = appendedColumns(withReasons: explain > 0)
        if let clash = added.first(where: reader.header.contains) {
            throw ScoringError(description: "\(input) already has a column named \"\(clash)\", which scoring adds; rename it first")
        }
        let checks = policy == .ignore ? nil : StreamingCardChecks(card: card, header: reader.header, reader: compiled.reader)
        if policy == .strict, let found = checks?.headerFindings, !found.isEmpty {
            throw CardDataMismatch(source: input, findings: found)
        }
        let writer = CSVWriter(output: try output(), style: excel ? .excel : .standard)
        try writer.write(reader.header + added)
        var report = CSVScoringReport(
            rows: 0, leadsPerTier: [Int](repeating: 0, count: card.tiers.count), pointsSum: 0, absenceNotes: rows.absenceNotes)
        let subtotals = UnsafeMutableBufferPointer<Int>.allocate(capacity: card.groups.count + 1)
        defer { subtotals.deallocate() }
        // Text per reachable total, made once: the loop below then allocates nothing per lead (without reasons).
        let maximum = String(card.maximumPoints)
        let probabilityText = compiled.probabilityOfTotal.map { $0.map(Self.probabilityText) ?? "" }
        let minus = excel ? "-" : "−"
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
                writer.append(lead.reasons(limit: explain).map { $0.text(minus: minus) }.joined(separator: "; "))
            }
            try writer.endRecord()
            checks?.observe { reader.field($0) }
            report.rows += 1
            report.pointsSum += total
            if tier >= 0 { report.leadsPerTier[tier] += 1 }
        }
        report.findings = checks?.findings ?? []
        if policy == .strict, !report.findings.isEmpty {
            // Thrown before `finish`, so a file output is never committed (the partial file is removed).
            throw CardDataMismatch(source: input, findings: report.findings)
        }
        try writer.finish()
        return report
    }
}
