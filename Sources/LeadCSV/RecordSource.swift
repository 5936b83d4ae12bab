/// Records one at a time, each field as bytes: what a CSV file and a database query both give the loader
/// (`Dataset`) and the scorer, so neither needs to know where the rows live.
///
/// A missing value is an empty field (a database's NULL). Non-copyable conformers are allowed because a
/// reader owns a file descriptor or a connection.
package protocol RecordSource: ~Copyable {
    /// Column names, in order.
    var header: [String] { get }
    /// Records returned so far.
    var recordCount: Int { get }
    /// Where the current record starts, for error messages: a file's physical line, a table's row number.
    var line: Int { get }
    /// Advances to the next record; `false` after the last.
    mutating func nextRecord() throws -> Bool
    /// Field `index` of the current record, valid until the next `nextRecord()`.
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8>
    /// Fills `batch` with the next records; `false` when none is left. The default copies `field(_:)` of
    /// each record; `CSVReader` copies its buffer in one go.
    mutating func nextBatch(_ batch: CSVBatch) throws -> Bool
}

extension RecordSource where Self: ~Copyable {
    package mutating func nextBatch(_ batch: CSVBatch) throws -> Bool {
        precondition(batch.columnCount == header.count, "a batch needs one column per header field")
        batch.removeAll()
        while batch.count < batch.capacity, try nextRecord() {
            batch.append(copying: { field($0) }, line: line)
        }
        return batch.count > 0
    }
}

extension CSVReader: RecordSource {}
