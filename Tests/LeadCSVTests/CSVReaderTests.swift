import XCTest
@testable import LeadCSV

/// Everything a reader returns for a file: header, records, the line each record starts on, the delimiter.
struct ReadFile: Equatable {
    var header: [String]
    var records: [[String]]
    var lines: [Int]
    var delimiter: UInt8

    init(_ path: String, delimiter: UInt8? = nil, chunkSize: Int = 4 << 20) throws {
        var reader = try CSVReader(path: path, delimiter: delimiter, chunkSize: chunkSize)
        header = reader.header
        self.delimiter = reader.delimiter
        records = []
        lines = []
        while try reader.nextRecord() {
            records.append(reader.record)
            lines.append(reader.line)
        }
    }
}

final class CSVReaderTests: XCTestCase {
    func testQuotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() throws {
        let path = try temporaryFile("id,note,amount\r\n1,\"Banking, Investment\",3\r\n2,\"She said \"\"yes\"\"\",4\r\n3,\"two\r\nlines\",5\r\n4,plain,6\r\n")
        let file = try ReadFile(path)
        XCTAssertEqual(file.header, ["id", "note", "amount"])
        XCTAssertEqual(file.records, [["1", "Banking, Investment", "3"], ["2", "She said \"yes\"", "4"],
                                      ["3", "two\r\nlines", "5"], ["4", "plain", "6"]])
        XCTAssertEqual(file.lines, [2, 3, 4, 6], "a record's line is the physical line it starts on")
    }

    func testLFCRLFAndCRLineEndingsReadAlike() throws {
        let rows = ["a,b", "1,\"x\"", "2,y", "\"3\",z"]
        let expected = try ReadFile(try temporaryFile(rows.joined(separator: "\n") + "\n"))
        XCTAssertEqual(expected.records, [["1", "x"], ["2", "y"], ["3", "z"]])
        for ending in ["\r\n", "\r"] {
            for final in ["", ending] {
                XCTAssertEqual(try ReadFile(try temporaryFile(rows.joined(separator: ending) + final)), expected, "ending \(ending.debugDescription)")
            }
        }
    }

    func testByteOrderMarkIsSkipped() throws {
        let file = try ReadFile(try temporaryFile([0xEF, 0xBB, 0xBF] + Array("Lead Number,Converted\n1,0\n".utf8)))
        XCTAssertEqual(file.header, ["Lead Number", "Converted"])
        XCTAssertEqual(file.records, [["1", "0"]])
    }

    func testDelimiterIsDetectedFromTheHeaderAndFirstLines() throws {
        let semicolon = try ReadFile(try temporaryFile("name;amount;city\nAnna;1,5;\"Paris; France\"\nBen;2,25;Rome\n"))
        XCTAssertEqual(semicolon.delimiter, UInt8(ascii: ";"), "decimal commas must not make it comma-separated")
        XCTAssertEqual(semicolon.records, [["Anna", "1,5", "Paris; France"], ["Ben", "2,25", "Rome"]])

        let tab = try ReadFile(try temporaryFile("a\tb\tc\n1\t2,5\t3\n"))
        XCTAssertEqual(tab.delimiter, UInt8(ascii: "\t"))
        XCTAssertEqual(tab.records, [["1", "2,5", "3"]])

        let comma = try ReadFile(try temporaryFile("source,note\n\"a;b;c\",\"x;y\"\nweb,z\n"))
        XCTAssertEqual(comma.delimiter, UInt8(ascii: ","), "quoted semicolons do not count")

        let single = try ReadFile(try temporaryFile("email\na@example.com\n"))
        XCTAssertEqual(single.header, ["email"])

        let forced = try ReadFile(try temporaryFile("a|b\n1|2\n"), delimiter: UInt8(ascii: "|"))
        XCTAssertEqual(forced.records, [["1", "2"]])
    }

    func testDetectionPrefersTheCandidateConsistentOnEveryLine() {
        let text = Array("a,b;c\n1,2;3\n4,5,6;7\n".utf8)
        let detected = text.withUnsafeBytes { detectDelimiter(in: $0) }
        XCTAssertEqual(detected, UInt8(ascii: ";"), "the comma count varies from line to line, the semicolon's does not")
        let tie = Array("a,b;c\n".utf8).withUnsafeBytes { detectDelimiter(in: $0) }
        XCTAssertEqual(tie, UInt8(ascii: ","), "a tie goes to the comma")
    }

    func testBlankLinesAreSkippedAndTheLastLineNeedsNoBreak() throws {
        let file = try ReadFile(try temporaryFile("a,b\n\n1,2\r\n\r\n\n3,4"))
        XCTAssertEqual(file.records, [["1", "2"], ["3", "4"]])
        XCTAssertEqual(file.lines, [3, 6])
    }

    func testEmptyAndQuotedEmptyFields() throws {
        let file = try ReadFile(try temporaryFile("a,b,c\n,,\n\"\",\"\",\"\"\nx,,\"\"\n"))
        XCTAssertEqual(file.records, [["", "", ""], ["", "", ""], ["x", "", ""]])
    }

    func testHeaderNamesAreTrimmedAndUnnamedColumnsNumbered() throws {
        let file = try ReadFile(try temporaryFile(",Lead Source , Converted\n1,web,0\n"))
        XCTAssertEqual(file.header, ["column 1", "Lead Source", "Converted"])
    }

    func testAQuoteInsideAnUnquotedFieldIsText() throws {
        let file = try ReadFile(try temporaryFile("height,name\n5'10\",O\"Brien\n"))
        XCTAssertEqual(file.records, [["5'10\"", "O\"Brien"]])
    }

    /// Every way a record can straddle two reads (inside a quote, between CR and LF, on a doubled quote)
    /// must give the same records as one big read.
    func testRecordsSplitAcrossReadsAtAnyPointReadTheSame() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["plain", "", "with, comma", "quote \" inside", "line\nbreak", "crlf\r\nbreak", "ünïcødé €", "\"\"", ";", " padded "]
        var rows: [[String]] = []
        for _ in 0..<60 { rows.append((0..<4).map { _ in pieces.randomElement(using: &generator)! }) }
        let path = try temporaryFile(csvText(header: ["a", "b", "c", "d"], rows: rows, lineEnding: "\r\n"))
        let whole = try ReadFile(path, delimiter: UInt8(ascii: ","))
        XCTAssertEqual(whole.records, rows)
        for chunkSize in [16, 17, 19, 23, 31, 64, 100] {
            XCTAssertEqual(try ReadFile(path, delimiter: UInt8(ascii: ","), chunkSize: chunkSize), whole, "chunk size \(chunkSize)")
        }
    }

    /// Random text from CSV's special characters, well-formed or not: reading it in tiny chunks must give
    /// the same records, or the same error at the same place, as reading it whole.
    func testRandomInputReadsTheSameInAnyChunkSize() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("a,\"\n\r;é ".utf8)
        func outcome(_ path: String, _ chunkSize: Int) -> String {
            do { return "\(try ReadFile(path, delimiter: UInt8(ascii: ","), chunkSize: chunkSize))" } catch { return "\(error)" }
        }
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 1...120, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let path = try temporaryFile(bytes)
            let whole = outcome(path, 4 << 20)
            for chunkSize in [16, 21] { XCTAssertEqual(outcome(path, chunkSize), whole, "\(bytes)") }
        }
    }

    /// Batches hold the same records, with their lines, as reading record by record, however the batch
    /// and read sizes cut the file.
    func testBatchesHoldTheSameRecords() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["x", "", "a,b", "q\"q", "two\nlines", "ü", "12.5"]
        let rows = (0..<80).map { _ in (0..<3).map { _ in pieces.randomElement(using: &generator)! } }
        let path = try temporaryFile(csvText(header: ["a", "b", "c"], rows: rows, lineEnding: "\n"))
        let expected = try ReadFile(path, delimiter: UInt8(ascii: ","))
        for (chunkSize, capacity) in [(16, 3), (40, 7), (4 << 20, 5), (4 << 20, 4096)] {
            var reader = try CSVReader(path: path, delimiter: UInt8(ascii: ","), chunkSize: chunkSize)
            let batch = CSVBatch(columnCount: 3, capacity: capacity)
            var records: [[String]] = [], lines: [Int] = []
            while try reader.nextBatch(batch) {
                for row in 0..<batch.count {
                    records.append((0..<3).map { String(decoding: batch.column($0)[row], as: UTF8.self) })
                    lines.append(batch.line(ofRow: row))
                }
            }
            XCTAssertEqual(records, expected.records, "chunk \(chunkSize), batch \(capacity)")
            XCTAssertEqual(lines, expected.lines, "chunk \(chunkSize), batch \(capacity)")
        }
    }

    func testWhatTheWriterWritesTheReaderReads() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab ,;\"\n\r\té1")
        let rows = (0..<200).map { _ in
            (0..<3).map { _ in String((0..<Int.random(in: 1...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        }
        let folder = try temporaryFile("", name: "placeholder")
        let path = URL(fileURLWithPath: folder).deletingLastPathComponent().appendingPathComponent("written.csv").path
        let writer = try CSVWriter(path: path)
        try writer.write(["x", "y", "z"])
        for row in rows { try writer.write(row) }
        try writer.finish()
        let file = try ReadFile(path, delimiter: UInt8(ascii: ","), chunkSize: 29)
        // Blank-looking records are skipped only when the whole line is empty; every row here has text.
        XCTAssertEqual(file.records, rows)
    }

    func testBytesConsumedReachesTheFileSize() throws {
        let path = try temporaryFile("a,b\n1,2\n3,4\n")
        var reader = try CSVReader(path: path)
        while try reader.nextRecord() {}
        XCTAssertEqual(reader.bytesConsumed, reader.fileSize)
        XCTAssertEqual(reader.recordCount, 2)
    }

    /// RFC 4180 text for `rows`, quoting every field that needs it.
    private func csvText(header: [String], rows: [[String]], lineEnding: String) -> String {
        func quoted(_ field: String) -> String {
            // Bytes, not Characters: "\r\n" is a single Character and would hide a lone "\n".
            field.utf8.contains(where: { Array(",\"\r\n".utf8).contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        return ([header] + rows).map { $0.map(quoted).joined(separator: ",") }.joined(separator: lineEnding) + lineEnding
    }
}
