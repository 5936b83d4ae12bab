#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Up to `capacity` consecutive records of a file, with a copy of their bytes, so a loader can parse one
/// column over thousands of rows at a time, different columns on different threads, and one batch while
/// the reader fills the next.
///
/// A reference type so that threads share one batch without copying it; it owns its memory. Its fields
/// are valid until it is filled again. `@unchecked Sendable` because threads only read it, and only the
/// reader writes it, between uses.
package final class CSVBatch: @unchecked Sendable {
    package let columnCount: Int
    package let capacity: Int
    /// Records in the batch.
    package internal(set) var count = 0
    /// The records' bytes, copied out of the reader's buffer, with `CSVColumnSlice.padding` readable bytes
    /// after them so numbers can be read eight bytes at a time.
    private var bytes: UnsafeMutablePointer<UInt8>
    private var bytesCapacity: Int
    /// Row after row, each field's start and end in `bytes`: one contiguous run per record.
    private let bounds: UnsafeMutablePointer<Int32>
    private let lines: UnsafeMutablePointer<Int>
    /// Where the batch's first record starts in the reader's buffer.
    private var origin = 0
    /// Bytes filled by `append(copying:line:)`.
    private var used = 0

    package init(columnCount: Int, capacity: Int = 4096) {
        self.columnCount = columnCount
        self.capacity = capacity
        bytesCapacity = 1 << 20
        bytes = Self.allocateBytes(bytesCapacity)
        bounds = .allocate(capacity: 2 * columnCount * capacity)
        lines = .allocate(capacity: capacity)
    }

    deinit {
        bytes.deallocate()
        bounds.deallocate()
        lines.deallocate()
    }

    /// Field `column` of every record in the batch.
    package func column(_ column: Int) -> CSVColumnSlice {
        CSVColumnSlice(base: bytes, bounds: bounds + 2 * column, stride: 2 * columnCount, count: count)
    }

    /// The physical line on which record `row` of the batch starts.
    package func line(ofRow row: Int) -> Int { lines[row] }

    /// Appends the offsets of the reader's current record.
    func append(_ reader: borrowing CSVReader) {
        if count == 0 { origin = reader.recordStart }
        let row = bounds + 2 &* columnCount &* count
        for index in 0..<2 &* columnCount { row[index] = Int32(truncatingIfNeeded: reader.bounds[index] &- origin) }
        lines[count] = reader.line
        count += 1
    }

    /// Empties the batch, for a source that appends records one by one (`append(copying:line:)`).
    package func removeAll() {
        count = 0
        used = 0
    }

    /// Appends a record by copying each field's bytes (`field(column)`), for sources whose records do not
    /// lie in one buffer, such as a database's rows; `line` is where errors say the record is.
    package func append(copying field: (Int) -> UnsafeBufferPointer<UInt8>, line: Int) {
        let row = bounds + 2 &* columnCount &* count
        for column in 0..<columnCount {
            let bytesOfField = field(column)
            if used + bytesOfField.count > bytesCapacity {
                let grown = Self.allocateBytes(max(used + bytesOfField.count, 2 * bytesCapacity))
                grown.update(from: bytes, count: used)
                bytes.deallocate()
                bytes = grown
                bytesCapacity = max(used + bytesOfField.count, 2 * bytesCapacity)
            }
            if let base = bytesOfField.baseAddress { (bytes + used).update(from: base, count: bytesOfField.count) }
            row[2 * column] = Int32(truncatingIfNeeded: used)
            used += bytesOfField.count
            row[2 * column + 1] = Int32(truncatingIfNeeded: used)
        }
        lines[count] = line
        count += 1
    }

    private static func allocateBytes(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + CSVColumnSlice.padding)
        bytes.initialize(repeating: 0, count: capacity + CSVColumnSlice.padding)
        return bytes
    }

    /// Copies the bytes of the appended records, which end where the reader's unread bytes start.
    func copyBytes(_ reader: borrowing CSVReader) {
        let length = reader.start - origin
        if length > bytesCapacity {
            bytes.deallocate()
            bytesCapacity = max(length, 2 * bytesCapacity)
            bytes = Self.allocateBytes(bytesCapacity)
        }
        memcpy(bytes, reader.buffer + origin, length)
    }
}

/// One column of a batch: `slice[row]` is the field's bytes. A value, so a parsing loop holds it in
/// registers instead of reaching into the batch object for every field.
package struct CSVColumnSlice {
    /// Bytes readable after the end of every field.
    static let padding = 8

    @usableFromInline let base: UnsafePointer<UInt8>
    /// The field's start in row 0; its end follows, and row r's pair is `stride * r` further on.
    @usableFromInline let bounds: UnsafePointer<Int32>
    @usableFromInline let stride: Int
    package let count: Int

    init(base: UnsafePointer<UInt8>, bounds: UnsafePointer<Int32>, stride: Int, count: Int) {
        self.base = base
        self.bounds = bounds
        self.stride = stride
        self.count = count
    }

    @inlinable
    package subscript(row: Int) -> UnsafeBufferPointer<UInt8> {
        let pair = bounds + row &* stride
        let start = Int(pair[0])
        return UnsafeBufferPointer(start: base + start, count: Int(pair[1]) &- start)
    }

    /// The number in field `row`, surrounding spaces ignored: `DecimalNumber.parse`'s result, found faster,
    /// since the batch's padding lets short numbers be read eight bytes at once.
    @inlinable
    package func number(_ row: Int, decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Double? {
        DecimalNumber.parse(padded: self[row].trimmingSpaces(), decimalSeparator: decimalSeparator)
    }
}

extension CSVReader {
    /// Fills `batch` with the next records, as many as fit or as the buffered bytes hold; `false` when no
    /// record is left. The checks and errors are those of `nextRecord()`.
    package mutating func nextBatch(_ batch: CSVBatch) throws(CSVError) -> Bool {
        precondition(batch.columnCount == header.count, "a batch needs one column per header field")
        batch.count = 0
        filling: while batch.count < batch.capacity {
            switch try scanRecord() {
            case .record:
                try acceptRecord()
                batch.append(self)
            case .needMore:
                // Offsets in the batch refer to the buffer as it is: stop before a refill moves it.
                guard batch.count == 0 else { break filling }
                _ = try refill()
            case .endOfInput:
                if batch.count == 0 { try checkSomeRecordWasRead() }
                break filling
            }
        }
        if batch.count > 0 { batch.copyBytes(self) }
        return batch.count > 0
    }
}
