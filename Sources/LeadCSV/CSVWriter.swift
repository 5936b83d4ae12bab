import OutputFiles

/// Writes CSV records to an `OutputFile`: a regular file appears only when complete (written beside it,
/// then renamed over the old one), a device or FIFO is written through, and standard output is streamed.
/// A writer dropped without `finish()` removes its partial file, so a failure never leaves half an output.
public final class CSVWriter {
    /// Where the CSV goes (for messages).
    public let path: String
    private let output: OutputFile
    private let delimiter: UInt8
    private let style: CSVStyle
    // Unchecked exclusivity: the writer is used from one thread, and `append` runs once per field
    // written; the runtime's access tracking on these two properties was a seventh of `score`'s
    // instructions (the regression gate, issue 21).
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    /// Fields appended to the record being written, so the next one knows to add a delimiter.
    @exclusivity(unchecked) private var fieldsInRecord = 0

    /// Opens `path` as an `OutputFile`. Throws `OutputError` for a directory, a missing or unwritable folder.
    public convenience init(path: String, delimiter: Character = ",", style: CSVStyle = .standard) throws {
        try self.init(output: OutputFile(path: path), delimiter: delimiter, style: style)
    }

    /// Writes to an output opened by the caller, e.g. `OutputFile.standardOutput()`.
    /// With `style` `.excel` the file starts with a UTF-8 byte order mark, records end in CR LF and cells
    /// that a spreadsheet would run as a formula are written as text (see `CSVStyle`).
    public init(output: OutputFile, delimiter: Character = ",", style: CSVStyle = .standard) {
        self.output = output
        path = output.path
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        self.style = style
        buffer.reserveCapacity(1 << 20)
        if style.byteOrderMark { buffer += [0xEF, 0xBB, 0xBF] }
    }

    /// Appends one record, quoting fields that contain the delimiter, a quote or a line break.
    public func write(_ fields: [String]) throws {
        for field in fields { append(field) }
        try endRecord()
    }

    /// Appends one field to the current record (closed by `endRecord()`), quoted when it contains the
    /// delimiter, a quote or a line break. Field by field and from bytes, a record costs no allocation:
    /// scoring a file copies each input field straight from the reader's buffer.
    public func append(_ field: UnsafeBufferPointer<UInt8>) {
        if fieldsInRecord > 0 { buffer.append(delimiter) }
        fieldsInRecord += 1
        if style.neutralisesFormulas, CSVStyle.startsFormula(field) {
            // A leading apostrophe: the spreadsheet shows the cell as text and runs nothing.
            buffer.append(UInt8(ascii: "\""))
            buffer.append(UInt8(ascii: "'"))
            for byte in field {
                if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
            return
        }
        let needsQuotes = field.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else {
            buffer.append(contentsOf: field)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in field {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends one field to the current record, quoted when it holds the delimiter, a quote or a line break.
    public func append(_ field: String) {
        var field = field
        field.withUTF8 { append($0) }
    }

    /// Ends the current record.
    public func endRecord() throws {
        if style.crlf { buffer.append(UInt8(ascii: "\r")) }
        buffer.append(UInt8(ascii: "\n"))
        fieldsInRecord = 0
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Flushes and commits the output (for a file: synced and renamed into place).
    public func finish() throws {
        try flush()
        try output.commit()
    }

    private func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        try output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A file that cannot be fingerprinted (`SHA256.hexDigest(ofFile:)`).
public struct CSVWriteError: Error, CustomStringConvertible {
    /// The file that could not be read.
    public var path: String
    /// The system's reason.
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
