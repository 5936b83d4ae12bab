#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 reader: one record at a time, straight from the file's bytes.
///
/// - Quoted fields may hold the delimiter, doubled quotes (`""`) and line breaks; a quote inside an unquoted
///   field is kept as text. Records end with LF, CRLF or a lone CR; blank lines are skipped.
/// - A UTF-8 byte-order mark is skipped; every record is checked to be UTF-8.
/// - The delimiter (`,` `;` tab) is detected from the first lines unless given.
/// - The first record is the header; every later record must have as many fields.
///
/// The file is read in large chunks into one buffer that fields point into, so reading a field costs no
/// allocation: `field(_:)` is a view of the buffer, valid until the next `nextRecord()`. Non-copyable
/// because it owns the file descriptor and the buffer.
public struct CSVReader: ~Copyable {
    /// The largest record accepted. A longer one is nearly always a quote that is never closed, and
    /// stopping there keeps a broken file from being read into memory whole.
    public static let recordLimit = 64 << 20

    /// The file read, as given (for messages).
    public let path: String
    /// Column names from the first record, trimmed of surrounding spaces; an empty name becomes `column N`.
    public private(set) var header: [String] = []
    /// The field separator: given, or detected from the first lines.
    public private(set) var delimiter: UInt8
    /// Size of the file in bytes when it was opened.
    public let fileSize: Int
    /// Physical line (1-based) on which the current record starts.
    public internal(set) var line = 0
    /// Data records returned so far.
    public private(set) var recordCount = 0

    private let descriptor: Int32
    @usableFromInline var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    /// The unread bytes are `buffer[start..<end]`; `buffer[end]` is always a line feed, a sentinel that
    /// stops the unquoted-field scan without a bounds check, and `padding` bytes after it can be read, so
    /// that scan can load eight bytes at a time.
    var start = 0, end = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    var atEndOfFile = false
    var nextLine = 1
    /// `bounds[2i]..<bounds[2i+1]`: the bytes of field i of the current record in `buffer`.
    @usableFromInline var bounds: UnsafeMutablePointer<Int>
    var boundsCapacity = 64
    var fieldsFound = 0
    /// Where the current record's first field starts in `buffer`.
    var recordStart = 0
    static let padding = 8

    /// Opens `path`, skips a byte-order mark, detects the delimiter unless `delimiter` is given, and reads
    /// the header. `chunkSize` is the read size (tests use tiny ones to split records across reads).
    public init(path: String, delimiter: UInt8? = nil, chunkSize: Int = 4 << 20) throws(CSVError) {
        // A non-copyable value may only throw from its initialiser once it exists (then `deinit` closes the
        // file and frees the buffers), so a failure to open is carried in and thrown right after.
        let opened = Result { () throws(CSVError) in try FileInput.openForReading(path) }
        let (descriptor, size) = (try? opened.get()) ?? (-1, 0)
        self.init(path: path, descriptor: descriptor, fileSize: size, delimiter: delimiter ?? UInt8(ascii: ","), chunkSize: chunkSize)
        _ = try opened.get()
        try readHeader(detectingDelimiter: delimiter == nil)
    }

    private init(path: String, descriptor: Int32, fileSize: Int, delimiter: UInt8, chunkSize: Int) {
        self.path = path
        self.descriptor = descriptor
        self.fileSize = fileSize
        self.delimiter = delimiter
        // No bigger than a regular file needs: a small file then costs no 4 MiB of zeroed buffer per open.
        // (A pipe or device reports size 0 and gets the full chunk; a file that grows still reads whole.)
        let needed = fileSize > 0 ? min(chunkSize, fileSize + 1) : chunkSize
        capacity = min(max(needed, 16), Self.recordLimit)
        buffer = Self.allocateBuffer(capacity: capacity)
        bounds = .allocate(capacity: 2 * boundsCapacity)
    }

    private mutating func readHeader(detectingDelimiter: Bool) throws(CSVError) {
        while end < capacity, try refill() {}
        try skipByteOrderMark()
        if detectingDelimiter {
            delimiter = detectDelimiter(in: UnsafeRawBufferPointer(start: buffer + start, count: end - start))
        }
        guard try readRecord() else { throw CSVError(.empty, SourceLocation(path: path)) }
        header = try headerNames()
    }

    /// Throws when `path` is a pipe or socket, which give their bytes only once: for callers that read a
    /// file twice (the loader reads column types, then values), so they say so plainly instead of finding
    /// the second reading empty.
    public static func requireRereadable(_ path: String) throws(CSVError) {
        try FileInput.requireRereadable(path)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
        bounds.deallocate()
    }

    /// Advances to the next data record; `false` at the end of the file. Throws if the file has no data
    /// record at all, and for any record that is malformed or has the wrong number of fields.
    public mutating func nextRecord() throws(CSVError) -> Bool {
        guard try readRecord() else {
            try checkSomeRecordWasRead()
            return false
        }
        try acceptRecord()
        return true
    }

    /// Counts the record just scanned as data, if it has the header's number of fields.
    mutating func acceptRecord() throws(CSVError) {
        guard fieldsFound == header.count else {
            throw CSVError(.fieldCount(expected: header.count, found: fieldsFound), SourceLocation(path: path, line: line))
        }
        recordCount += 1
    }

    /// At the end of the file: a header without data is an error, not an empty dataset.
    func checkSomeRecordWasRead() throws(CSVError) {
        if recordCount == 0 { throw CSVError(.headerOnly, SourceLocation(path: path, line: nextLine)) }
    }

    /// The bytes of field `index` of the current record, quotes removed and `""` undoubled. Valid until the
    /// next call to `nextRecord()`.
    @inlinable
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + bounds[2 &* index], count: bounds[2 &* index &+ 1] &- bounds[2 &* index])
    }

    /// Field `index` of the current record as a `String`: a copy, for the rare caller that keeps it.
    public func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    /// Every field of the current record as text.
    public var record: [String] {
        var fields: [String] = []
        for index in 0..<fieldsFound { fields.append(string(index)) }
        return fields
    }

    /// Where field `index` (0-based) of the current record is, for error messages.
    public func location(ofField index: Int) -> SourceLocation {
        SourceLocation(path: path, line: line, column: index + 1, columnName: index < header.count ? header[index] : nil)
    }

    /// Bytes of the file consumed so far, up to the end of the current record.
    public var bytesConsumed: Int { bufferOffset + start }

    /// Moves the unread bytes to the front of the buffer and reads more after them, growing the buffer when
    /// a single record fills it. Returns `false` at the end of the file.
    mutating func refill() throws(CSVError) -> Bool {
        if start > 0 {
            memmove(buffer, buffer + start, end - start)
            bufferOffset += start
            end -= start
            start = 0
        }
        if end == capacity {
            guard capacity < Self.recordLimit else {
                throw CSVError(.recordTooLong(limitBytes: Self.recordLimit), SourceLocation(path: path, line: nextLine))
            }
            let grown = Self.allocateBuffer(capacity: min(2 * capacity, Self.recordLimit))
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity = min(2 * capacity, Self.recordLimit)
        }
        let count = try FileInput.readChunk(descriptor, into: buffer + end, count: capacity - end, path: path)
        end += count
        buffer[end] = UInt8(ascii: "\n")
        atEndOfFile = count == 0
        // The end came before the size the file had when opened (a pipe's size is 0, so never for a pipe):
        // it was truncated or rewritten while read, and the records read are not the file's.
        if atEndOfFile, bufferOffset + end < fileSize {
            throw CSVError(.shrank(openedBytes: fileSize, endedAt: bufferOffset + end), SourceLocation(path: path))
        }
        return count > 0
    }

    /// A buffer for `capacity` bytes, the sentinel and the padding, zeroed so the padding is never garbage.
    private static func allocateBuffer(capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 1 + padding)
        buffer.initialize(repeating: 0, count: capacity + 1 + padding)
        buffer[0] = UInt8(ascii: "\n")
        return buffer
    }

    private mutating func skipByteOrderMark() throws(CSVError) {
        let available = end - start
        if available >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            start = 3
        } else if available >= 2, (buffer[0], buffer[1]) == (0xFF, 0xFE) || (buffer[0], buffer[1]) == (0xFE, 0xFF) {
            throw CSVError(.utf16, SourceLocation(path: path, line: 1))
        }
    }

    private func headerNames() throws(CSVError) -> [String] {
        var names: [String] = []
        var firstUse: [String: Int] = [:]
        for index in 0..<fieldsFound {
            let trimmed = field(index).trimmingSpaces()
            let name = trimmed.isEmpty ? "column \(index + 1)" : String(decoding: trimmed, as: UTF8.self)
            if let first = firstUse[name] {
                throw CSVError(.duplicateHeader(firstColumn: first + 1), SourceLocation(path: path, line: line, column: index + 1, columnName: name), value: name)
            }
            firstUse[name] = index
            names.append(name)
        }
        return names
    }
}
