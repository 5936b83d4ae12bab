/// A file that cannot be read as CSV. The description names the file, the line (and column where it
/// applies), the offending text, and what the user can do about it.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a value a caller can switch on; `description` turns it into the message with
    /// the file, line and what to do.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist, is a directory, or cannot be read; `reason` is the system's message.
        case cannotOpen(reason: String)
        /// Reading failed part-way; `reason` is the system's message.
        case readFailed(reason: String)
        /// No bytes, or only a byte-order mark and blank lines.
        case empty
        /// A header row but no data row.
        case headerOnly
        /// Starts with a UTF-16 byte-order mark.
        case utf16
        /// A byte sequence that is not UTF-8 (typically a Latin-1 or Windows-1252 export).
        case invalidUTF8(byte: UInt8)
        /// A quoted field never closed before the end of the file.
        case unterminatedQuote
        /// `"abc"def`: text between a closing quote and the next delimiter.
        case textAfterClosingQuote
        /// A record whose field count differs from the header's.
        case fieldCount(expected: Int, found: Int)
        /// A header name used twice; `firstColumn` is the 1-based position of its first use.
        case duplicateHeader(firstColumn: Int)
        /// One record over `limitBytes`: almost always a quote that is never closed.
        case recordTooLong(limitBytes: Int)
        /// The file ended after `endedAt` bytes though it had `openedBytes` when opened: another program
        /// truncated or rewrote it while it was read, so what was read is not the file.
        case shrank(openedBytes: Int, endedAt: Int)
        /// A pipe or socket (`cat x | leadscore inspect /dev/stdin`, `<(…)`) given where the file is read twice.
        case readOnlyOnce(what: String)
    }

    /// What went wrong, for a caller that reacts to the kind (the CLI maps some to its flags).
    public var kind: Kind
    /// The file, line and column of the problem.
    public var location: SourceLocation
    /// The offending text, when there is one (a header name, the start of a field).
    public var value: String?

    /// An error of `kind` at `location`; `value` is the offending text when there is one.
    public init(_ kind: Kind, _ location: SourceLocation, value: String? = nil) {
        self.kind = kind
        self.location = location
        self.value = value
    }

    public var description: String { "\(location): \(message)" }

    /// What is wrong and what to do about it, without the location.
    public var message: String {
        switch kind {
        case .cannotOpen(let reason):
            return "cannot open the file (\(reason)); check the path and that the file is readable"
        case .readFailed(let reason):
            return "reading the file failed (\(reason)); check the disk and try again"
        case .empty:
            return "the file is empty; a CSV file needs a header row naming the columns and at least one data row"
        case .headerOnly:
            return "the file has a header row but no data rows; export the leads again with their rows"
        case .utf16:
            return "the file is UTF-16 encoded; save it as UTF-8 (in Excel: Save As › CSV UTF-8) and try again"
        case .invalidUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x\(hex.count == 1 ? "0" + hex : hex) is not valid UTF-8\(quotedValue(prefix: " in "))"
                + "; the file is probably Latin-1 or Windows-1252 encoded: save it as CSV UTF-8, or convert it with"
                + " `iconv -f WINDOWS-1252 -t UTF-8 IN.csv > OUT.csv`"
        case .unterminatedQuote:
            return "a quoted field starts here\(quotedValue(prefix: " with ")) but its closing quote never comes;"
                + " close the quote, and double every quote inside a quoted field (\"\")"
        case .textAfterClosingQuote:
            return "text follows the closing quote of a field\(quotedValue(prefix: ": ")); a quote inside a quoted"
                + " field must be doubled (\"\"), and a field must end right after its closing quote"
        case .fieldCount(let expected, let found):
            if found > expected {
                return "this row has \(found) fields but the header has \(expected); a value probably contains the"
                    + " delimiter without being quoted: put that value in double quotes, or remove the extra fields"
            }
            return "this row has \(found) field\(found == 1 ? "" : "s") but the header has \(expected); add the"
                + " missing fields (empty ones are fine, e.g. `a,,c`) or check that the row was not cut short"
        case .duplicateHeader(let firstColumn):
            return "the column name\(quotedValue(prefix: " ")) is used twice (columns \(firstColumn) and"
                + " \(location.column ?? 0)); rename one so that every column can be named on the command line"
        case .recordTooLong(let limit):
            return "one record runs over \(limit >> 20) MiB, which almost always means a quote that is never"
                + " closed; check the quotes from this line on"
        case .shrank(let opened, let ended):
            return "the file ended after \(ended) bytes but had \(opened) bytes when it was opened; it changed while"
                + " being read (is another program writing it?): wait until it is complete, or copy it, and try again"
        case .readOnlyOnce(let what):
            return "this is \(what), which can be read only once, and loading leads reads the file twice (column"
                + " types, then values); a pipe is not supported here: save it to a file first"
                + " (e.g. `… > leads.csv`) and name that file"
        }
    }

    private func quotedValue(prefix: String) -> String {
        guard let value else { return "" }
        return "\(prefix)\"\(value)\""
    }
}
