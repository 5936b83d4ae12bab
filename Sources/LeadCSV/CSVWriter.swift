import Foundation

/// Writes CSV records to a temporary file beside the destination and renames it into place on
/// `finish()`, so a failure or interruption never leaves a half-written output behind.
public final class CSVWriter {
    public let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    private var finished = false
    /// Fields appended to the record being written, so the next one knows to add a delimiter.
    private var fieldsInRecord = 0

    public init(path: String, delimiter: Character = ",") throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw CSVWriteError(path: path, reason: "cannot create a file there; check that the folder exists and is writable")
        }
        self.handle = handle
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
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

    public func append(_ field: String) {
        var field = field
        field.withUTF8 { append($0) }
    }

    /// Ends the current record.
    public func endRecord() throws {
        buffer.append(UInt8(ascii: "\n"))
        fieldsInRecord = 0
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Flushes, closes and moves the file into place.
    public func finish() throws {
        try flush()
        try handle.close()
        finished = true
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw CSVWriteError(path: path, reason: "cannot move the finished file into place (\(error.localizedDescription))")
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CSVWriteError(path: path, reason: "write failed (\(error.localizedDescription)); is the disk full?")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

public struct CSVWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
