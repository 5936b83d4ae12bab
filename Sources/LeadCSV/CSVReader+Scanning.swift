private let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

/// `byte` in each of the eight bytes of a word.
@inline(__always)
private func repeatedByte(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

/// The high bit set in each zero byte of `word`. Bits above the lowest zero byte may be wrong (a borrow
/// runs on), but the lowest set bit always marks the first zero byte, which is all the scan asks.
@inline(__always)
private func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
}

extension CSVReader {
    /// What one attempt to scan a record in the buffered bytes found.
    enum Scan {
        case record
        /// The record (or a line ending) continues past the buffered bytes.
        case needMore
        case endOfInput
    }

    /// Reads the next record, header or data, into `bounds`; `false` at the end of the input.
    mutating func readRecord() throws(CSVError) -> Bool {
        while true {
            switch try scanRecord() {
            case .record: return true
            case .endOfInput: return false
            case .needMore: _ = try refill()  // at the end of the file this sets atEndOfFile for the next scan
            }
        }
    }

    /// The hot loop: splits the record at `start` into fields without copying them. It starts over from
    /// the record's first byte after a refill, so nothing here changes the buffer before the record is
    /// complete (doubled quotes are undone only then).
    mutating func scanRecord() throws(CSVError) -> Scan {
        let bytes = buffer, delimiter = self.delimiter
        let delimiters = repeatedByte(delimiter), lineFeeds = repeatedByte(lineFeed), carriageReturns = repeatedByte(carriageReturn)
        let end = self.end, atEndOfFile = self.atEndOfFile
        var position = start
        var recordLine = nextLine
        // Blank lines are skipped and committed at once, so a refill does not count them twice.
        while position < end, bytes[position] == lineFeed || bytes[position] == carriageReturn {
            if bytes[position] == carriageReturn, position + 1 < end, bytes[position + 1] == lineFeed { position += 1 }
            if bytes[position] == carriageReturn, position + 1 == end, !atEndOfFile { break }
            position += 1
            recordLine += 1
        }
        (start, nextLine) = (position, recordLine)
        guard position < end else { return atEndOfFile ? .endOfInput : .needMore }
        if bytes[position] == carriageReturn { return .needMore }  // a lone CR at the end of the buffer

        let firstByte = position
        var fieldCount = 0, quotedLineBreaks = 0, hasDoubledQuotes = false
        while true {
            if fieldCount == boundsCapacity { growBounds() }
            var fieldStart = position, fieldEnd: Int
            if bytes[position] == quote {
                fieldStart += 1
                let fieldLine = recordLine + quotedLineBreaks
                var scan = fieldStart, doubled = false
                while true {
                    while scan < end, bytes[scan] != quote {
                        if bytes[scan] == lineFeed { quotedLineBreaks += 1 }
                        scan += 1
                    }
                    if scan + 1 >= end, !atEndOfFile { return .needMore }
                    guard scan < end else {
                        let shown = UnsafeBufferPointer(start: bytes + fieldStart, count: min(end - fieldStart, 40))
                        throw CSVError(.unterminatedQuote, location(line: fieldLine, field: fieldCount), value: String(decoding: shown, as: UTF8.self))
                    }
                    guard scan + 1 < end, bytes[scan + 1] == quote else { break }
                    doubled = true
                    scan += 2
                }
                fieldEnd = scan
                position = scan + 1
                if position < end, bytes[position] != delimiter, bytes[position] != lineFeed, bytes[position] != carriageReturn {
                    // Shown: the field from its opening quote to the end of the stray text (at most 40 bytes
                    // of it), read in full first so the message does not depend on where a read stopped.
                    let limit = min(position + 40, end)
                    var stray = position
                    while stray < limit, bytes[stray] != delimiter, bytes[stray] != lineFeed, bytes[stray] != carriageReturn { stray += 1 }
                    if stray == end, !atEndOfFile { return .needMore }
                    let shown = UnsafeBufferPointer(start: bytes + fieldStart - 1, count: stray - fieldStart + 1)
                    throw CSVError(.textAfterClosingQuote, location(line: recordLine + quotedLineBreaks, field: fieldCount), value: String(decoding: shown, as: UTF8.self))
                }
                if doubled {
                    hasDoubledQuotes = true
                    fieldStart = ~fieldStart  // marked for undoubling once the record is complete
                }
            } else {
                // Eight bytes at a time: the first delimiter, CR or LF ends the field. The sentinel line feed
                // at `end` stops the scan, and the padding after it keeps the loads inside the buffer.
                while true {
                    let word = UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self)
                    let hits = zeroBytes(word ^ delimiters) | zeroBytes(word ^ lineFeeds) | zeroBytes(word ^ carriageReturns)
                    if hits != 0 {
                        position &+= hits.trailingZeroBitCount &>> 3
                        break
                    }
                    position &+= 8
                }
                fieldEnd = position
            }
            bounds[2 &* fieldCount] = fieldStart
            bounds[2 &* fieldCount &+ 1] = fieldEnd
            fieldCount += 1
            if position >= end {
                if !atEndOfFile { return .needMore }
                break  // the last record of a file without a final line break
            }
            let byte = bytes[position]
            position += 1
            if byte == delimiter { continue }
            if byte == carriageReturn {
                if position == end, !atEndOfFile { return .needMore }
                if position < end, bytes[position] == lineFeed { position += 1 }
            }
            quotedLineBreaks += 1  // the record's own line ending
            break
        }

        if let invalid = firstInvalidUTF8(UnsafeRawBufferPointer(start: bytes + firstByte, count: position - firstByte)) {
            throw invalidUTF8Error(at: firstByte + invalid, recordStart: firstByte, line: recordLine, fieldCount: fieldCount)
        }
        if hasDoubledQuotes { undoubleQuotes(fieldCount: fieldCount) }
        (recordStart, start, line, nextLine, fieldsFound) = (firstByte, position, recordLine, recordLine + quotedLineBreaks, fieldCount)
        return .record
    }

    /// Rewrites each marked field in place with `""` turned into `"`; the result is never longer.
    private func undoubleQuotes(fieldCount: Int) {
        for index in 0..<fieldCount where bounds[2 * index] < 0 {
            let fieldStart = ~bounds[2 * index], fieldEnd = bounds[2 * index + 1]
            var read = fieldStart, write = fieldStart
            while read < fieldEnd {
                buffer[write] = buffer[read]
                read += buffer[read] == quote ? 2 : 1
                write += 1
            }
            bounds[2 * index] = fieldStart
            bounds[2 * index + 1] = write
        }
    }

    private func invalidUTF8Error(at offset: Int, recordStart: Int, line: Int, fieldCount: Int) -> CSVError {
        var field = 0
        while field < fieldCount - 1, offset >= bounds[2 * field + 1] { field += 1 }
        let lineBreaks = UnsafeBufferPointer(start: buffer + recordStart, count: offset - recordStart).count { $0 == lineFeed }
        let fieldStart = bounds[2 * field] < 0 ? ~bounds[2 * field] : bounds[2 * field]
        let shown = UnsafeBufferPointer(start: buffer + fieldStart, count: min(bounds[2 * field + 1] - fieldStart, 60))
        return CSVError(.invalidUTF8(byte: buffer[offset]), location(line: line + lineBreaks, field: field),
                        value: String(decoding: shown, as: UTF8.self))
    }

    private func location(line: Int, field: Int) -> SourceLocation {
        SourceLocation(path: path, line: line, column: field + 1, columnName: field < header.count ? header[field] : nil)
    }

    private mutating func growBounds() {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: 4 * boundsCapacity)
        grown.update(from: bounds, count: 2 * boundsCapacity)
        bounds.deallocate()
        bounds = grown
        boundsCapacity *= 2
    }
}
