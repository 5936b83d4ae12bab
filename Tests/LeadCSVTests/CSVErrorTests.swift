import XCTest
@testable import LeadCSV

/// Every malformed input gives a `CSVError` naming the file, the line and (where it applies) the column,
/// with a message that says what to do.
final class CSVErrorTests: XCTestCase {
    private func error(reading path: String, chunkSize: Int = 4 << 20) -> CSVError? {
        do {
            var reader = try CSVReader(path: path, chunkSize: chunkSize)
            while try reader.nextRecord() {}
            return nil
        } catch {
            return error as? CSVError
        }
    }

    func testMissingFile() throws {
        let path = try temporaryFile("a\n1\n") + ".missing"
        let error = try XCTUnwrap(error(reading: path))
        XCTAssertEqual(error.kind, .cannotOpen(reason: "No such file or directory"))
        XCTAssertEqual(error.location, SourceLocation(path: path))
        XCTAssertTrue(error.description.hasPrefix("\(path): cannot open the file (No such file or directory); check the path"))
    }

    func testDirectory() throws {
        let folder = URL(fileURLWithPath: try temporaryFile("")).deletingLastPathComponent().path
        XCTAssertEqual(error(reading: folder)?.kind, .cannotOpen(reason: "it is a directory"))
    }

    func testEmptyFile() throws {
        for contents in [[], [0xEF, 0xBB, 0xBF], Array("\r\n\n".utf8)] as [[UInt8]] {
            let path = try temporaryFile(contents)
            let error = try XCTUnwrap(error(reading: path))
            XCTAssertEqual(error.kind, .empty)
            XCTAssertEqual(error.location.path, path)
            XCTAssertTrue(error.message.contains("needs a header row"))
        }
    }

    func testHeaderOnly() throws {
        let path = try temporaryFile("Lead Number,Converted\r\n\r\n")
        let error = try XCTUnwrap(error(reading: path))
        XCTAssertEqual(error.kind, .headerOnly)
        XCTAssertEqual(error.location.path, path)
        XCTAssertTrue(error.message.contains("no data rows"))
    }

    func testUnterminatedQuoteNamesTheLineAndColumnWhereItStarts() throws {
        let path = try temporaryFile("id,note,score\n1,ok,3\n2,\"never closed,4\n3,x,5\n")
        for chunkSize in [16, 4 << 20] {
            let error = try XCTUnwrap(self.error(reading: path, chunkSize: chunkSize))
            XCTAssertEqual(error.kind, .unterminatedQuote)
            XCTAssertEqual(error.location, SourceLocation(path: path, line: 3, column: 2, columnName: "note"))
            XCTAssertEqual(error.value, "never closed,4\n3,x,5\n")
            XCTAssertTrue(error.description.hasPrefix("\(path), line 3, column 2 \"note\": a quoted field starts here"))
            XCTAssertTrue(error.message.contains("closing quote never comes"))
        }
    }

    func testTooManyFields() throws {
        let path = try temporaryFile("id,industry,score\n1,retail,3\n2,Banking, Investment,4\n")
        let error = try XCTUnwrap(error(reading: path))
        XCTAssertEqual(error.kind, .fieldCount(expected: 3, found: 4))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 3))
        XCTAssertTrue(error.message.contains("put that value in double quotes"))
    }

    func testTooFewFields() throws {
        let path = try temporaryFile("id,industry,score\r\n1,retail,3\r\n\"2\r\n\",retail\r\n")
        let error = try XCTUnwrap(error(reading: path))
        XCTAssertEqual(error.kind, .fieldCount(expected: 3, found: 2))
        XCTAssertEqual(error.location.line, 3)
        XCTAssertTrue(error.message.contains("has 2 fields but the header has 3"))
    }

    func testNonUTF8ByteNamesLineColumnAndByte() throws {
        // "Caf\xE9" is Latin-1 for Café; it sits on the second line of a record that spans two lines.
        let bytes = Array("id,note,city\n1,ok,Paris\n2,\"two\nlines\",Caf".utf8) + [0xE9] + Array("\n".utf8)
        let path = try temporaryFile(bytes)
        let error = try XCTUnwrap(error(reading: path))
        XCTAssertEqual(error.kind, .invalidUTF8(byte: 0xE9))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 4, column: 3, columnName: "city"))
        XCTAssertEqual(error.value, "Caf\u{FFFD}")
        XCTAssertTrue(error.message.contains("byte 0xE9 is not valid UTF-8"))
        XCTAssertTrue(error.message.contains("iconv"))
    }

    func testNonUTF8InTheHeader() throws {
        let path = try temporaryFile(Array("id,".utf8) + [0xFF, 0x41] + Array("\n1,2\n".utf8))
        let error = try XCTUnwrap(error(reading: path))
        XCTAssertEqual(error.kind, .invalidUTF8(byte: 0xFF))
        XCTAssertEqual(error.location.line, 1)
        XCTAssertEqual(error.location.column, 2)
    }

    func testUTF16File() throws {
        let path = try temporaryFile([0xFF, 0xFE] + Array("a\0,\0b\0".utf8))
        XCTAssertEqual(error(reading: path)?.kind, .utf16)
    }

    func testDuplicateHeaderName() throws {
        let path = try temporaryFile("Lead Source,Converted,City,Lead Source\n1,2,3,4\n")
        let error = try XCTUnwrap(error(reading: path))
        XCTAssertEqual(error.kind, .duplicateHeader(firstColumn: 1))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 1, column: 4, columnName: "Lead Source"))
        XCTAssertEqual(error.value, "Lead Source")
        XCTAssertTrue(error.message.contains("is used twice (columns 1 and 4); rename one"))
    }

    func testTextAfterAClosingQuote() throws {
        let path = try temporaryFile("a,b\n1,\"quoted\"tail\n")
        let error = try XCTUnwrap(error(reading: path))
        XCTAssertEqual(error.kind, .textAfterClosingQuote)
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 2, column: 2, columnName: "b"))
        XCTAssertEqual(error.value, "\"quoted\"tail")
    }

    func testLocationDescriptions() {
        XCTAssertEqual(SourceLocation(path: "a.csv").description, "a.csv")
        XCTAssertEqual(SourceLocation(path: "a.csv", line: 3).description, "a.csv, line 3")
        XCTAssertEqual(SourceLocation(path: "a.csv", line: 3, column: 2, columnName: "City").description, "a.csv, line 3, column 2 \"City\"")
        XCTAssertEqual(SourceLocation(path: "a.csv", columnName: "City").description, "a.csv, column \"City\"")
    }
}
