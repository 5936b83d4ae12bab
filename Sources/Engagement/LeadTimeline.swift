import LeadCSV

/// The leads table of engagement training: per lead its id, creation time, outcome and when the outcome
/// happened, and the fit attributes (who the lead is) as text, by column.
///
/// Times are seconds since 1970 (`ISODate`: a date or an ISO 8601 date-time; no zone means UTC). The
/// outcome column reads `1`/`0`, `yes`/`no`, `true`/`false` (any case); empty means the lead is still open.
public struct LeadTimeline: Sendable {
    /// Which columns hold what.
    public struct Columns: Sendable, Equatable {
        /// Header names of the required columns: lead id, creation time and outcome.
        public var id = "lead_id", created = "created_at", outcome = "converted"
        /// Header names of the conversion and closing time columns; either may be absent (its times are then
        /// NaN), though a converted lead needs its conversion time.
        public var convertedAt = "converted_at", closedAt = "closed_at"
        /// The default names: `lead_id`, `created_at`, `converted`, `converted_at`, `closed_at`.
        public init() {}
    }

    /// A fit attribute: its values per lead (trimmed text, "" when empty) and whether every non-empty
    /// value is a number, so a trainer can bin it.
    public struct FitColumn: Sendable {
        /// The column's header name.
        public var name: String
        /// Per lead, in the table's order: the trimmed text, "" when empty.
        public var values: [String]
        /// Whether every non-empty value reads as a number.
        public var isNumeric: Bool
    }

    /// The path of the leads CSV, as given, for messages that name it.
    public var file: String
    /// Lead ids in the order of the file; a lead's index is its position here.
    public var ids: [String]
    /// Lead id bytes → index, for events to find their lead without making a `String` per event.
    package var idCodes: ByteInterner
    /// Per lead: when it was created, in seconds since 1970.
    public var created: [Double]
    /// `nil` for an open lead.
    public var converted: [Bool?]
    /// NaN when not known.
    public var convertedAt: [Double], closedAt: [Double]
    /// The fit attributes: every column other than the five named ones, in header order.
    public var fit: [FitColumn]
    /// The latest time in the table (creation, conversion or closing).
    public var latestTime: Double

    /// Number of leads.
    public var count: Int { ids.count }

    /// Index of the lead with this id.
    public func index(of id: String) -> Int? { idCodes.code(of: id) }

    /// Reads the leads CSV. Every column other than the five named ones is a fit attribute.
    /// - Throws: `EngagementError` naming the file, line and column of a missing column, a duplicate id,
    ///   an unreadable date or outcome, or a converted lead without a conversion time; `CSVError`.
    public init(csv path: String, columns: Columns = Columns()) throws {
        var reader = try CSVReader(path: path)
        let header = reader.header
        func position(_ name: String, required: Bool = true) throws(EngagementError) -> Int? {
            if let found = header.firstIndex(of: name) { return found }
            if !required { return nil }
            throw EngagementError(.missingColumn, file: path, line: 1, column: name,
                                  message: "the leads table has no column \"\(name)\"; the header is \(header.joined(separator: ","))")
        }
        let idColumn = try position(columns.id)!, createdColumn = try position(columns.created)!
        let outcomeColumn = try position(columns.outcome)!
        let convertedColumn = try position(columns.convertedAt, required: false)
        let closedColumn = try position(columns.closedAt, required: false)
        let special = Set([idColumn, createdColumn, outcomeColumn] + [convertedColumn, closedColumn].compactMap { $0 })
        let fitColumns = header.indices.filter { !special.contains($0) }
        file = path
        ids = []
        idCodes = ByteInterner()
        created = []
        converted = []
        convertedAt = []
        closedAt = []
        var fitValues = [[String]](repeating: [], count: fitColumns.count)
        var numeric = [Bool](repeating: true, count: fitColumns.count)
        var latest = -Double.infinity
        while try reader.nextRecord() {
            let line = reader.line
            func fail(_ column: Int, _ message: String) -> EngagementError {
                EngagementError(.badValue, file: path, line: line, column: header[column], message: "\"\(reader.string(column))\" \(message)")
            }
            func time(_ column: Int?, required: Bool) throws(EngagementError) -> Double {
                guard let column else { return .nan }
                let bytes = reader.field(column).trimmingSpaces()
                if bytes.isEmpty {
                    if required { throw fail(column, "is empty; every lead needs it") }
                    return .nan
                }
                guard let value = ISODate.parse(bytes) else { throw fail(column, "is not a date (write 2026-03-01 or 2026-03-01T10:22:31Z)") }
                latest = max(latest, value)
                return value
            }
            let id = reader.field(idColumn).trimmingSpaces()
            guard !id.isEmpty else { throw fail(idColumn, "is empty; every lead needs an id") }
            let (code, isNew) = idCodes.intern(id)
            guard isNew else {
                throw EngagementError(.duplicateLead, file: path, line: line, column: columns.id,
                                      message: "lead \"\(reader.string(idColumn))\" appears twice (first as lead \(code + 1)); ids must be unique")
            }
            ids.append(String(decoding: id, as: UTF8.self))
            created.append(try time(createdColumn, required: true))
            let outcomeBytes = reader.field(outcomeColumn).trimmingSpaces()
            let outcome: Bool?
            if outcomeBytes.isEmpty {
                outcome = nil
            } else if outcomeBytes.equalsIgnoringCase("1") || outcomeBytes.equalsIgnoringCase("yes") || outcomeBytes.equalsIgnoringCase("true") || outcomeBytes.equalsIgnoringCase("y") {
                outcome = true
            } else if outcomeBytes.equalsIgnoringCase("0") || outcomeBytes.equalsIgnoringCase("no") || outcomeBytes.equalsIgnoringCase("false") || outcomeBytes.equalsIgnoringCase("n") {
                outcome = false
            } else {
                throw fail(outcomeColumn, "is not an outcome; write 1 (converted), 0 (lost) or leave it empty (still open)")
            }
            converted.append(outcome)
            let convertedTime = try time(convertedColumn, required: false)
            if outcome == true, convertedTime.isNaN {
                throw EngagementError(.badValue, file: path, line: line, column: columns.convertedAt,
                                      message: "lead \"\(ids.last!)\" converted but has no conversion time; snapshots need it to label the weeks before")
            }
            convertedAt.append(outcome == true ? convertedTime : .nan)
            closedAt.append(try time(closedColumn, required: false))
            for (slot, column) in fitColumns.enumerated() {
                let bytes = reader.field(column).trimmingSpaces()
                if !bytes.isEmpty, numeric[slot], DecimalNumber.parse(bytes) == nil { numeric[slot] = false }
                fitValues[slot].append(String(decoding: bytes, as: UTF8.self))
            }
        }
        guard !ids.isEmpty else { throw EngagementError(.badSetting, file: path, message: "the leads table has no rows") }
        fit = fitColumns.indices.map { FitColumn(name: header[fitColumns[$0]], values: fitValues[$0], isNumeric: numeric[$0]) }
        latestTime = latest
    }

    /// The moment a lead's outcome happened (conversion, or closing when lost); NaN while open or unknown.
    public func outcomeTime(_ lead: Int) -> Double {
        switch converted[lead] {
        case true?: return convertedAt[lead]
        case false?: return closedAt[lead]
        case nil: return .nan
        }
    }
}
