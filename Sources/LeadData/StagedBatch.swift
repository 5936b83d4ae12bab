import LeadCSV

/// A batch of records and which of its rows have an outcome: what the reading step leaves for the parsing
/// step. A class because the two steps run on different threads; one fills it while the other waits for it.
final class StagedBatch: @unchecked Sendable {
    let batch: CSVBatch
    private let rows: UnsafeMutableBufferPointer<Int32>
    private var kept = 0
    /// The row of a third outcome value, which stops the batch: rows before it are still parsed, so an
    /// error earlier in the file is reported first.
    private(set) var thirdOutcome: Int?

    init(columnCount: Int) {
        // A thousand rows keep a batch's bytes and offsets in a core's L2 cache while its columns are parsed
        // one after another; wide files get fewer rows, at most about a million field offsets (8 MB).
        batch = CSVBatch(columnCount: columnCount, capacity: min(1024, max(16, (1 << 20) / max(columnCount, 1))))
        rows = .allocate(capacity: batch.capacity)
    }

    deinit { rows.deallocate() }

    /// The rows to parse, in order.
    var keptRows: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(rebasing: rows[..<kept]) }

    /// Reads the next batch and its outcomes; `false` at the end of the file. Rows whose outcome is missing
    /// are counted by `outcome` and not kept.
    func fill<Records: RecordSource & ~Copyable>(from reader: inout Records, outcome: inout OutcomeParser?, target: Int?) throws -> Bool {
        (kept, thirdOutcome) = (0, nil)
        guard try reader.nextBatch(batch) else { return false }
        guard let target, outcome != nil else {
            for row in 0..<batch.count { rows[row] = Int32(row) }
            kept = batch.count
            return true
        }
        let fields = batch.column(target)
        for row in 0..<batch.count {
            switch outcome!.read(fields[row].trimmingSpaces()) {
            case .outcome:
                rows[kept] = Int32(row)
                kept += 1
            case .missing:
                continue
            case .thirdValue:
                thirdOutcome = row
                return true
            }
        }
        return true
    }
}
