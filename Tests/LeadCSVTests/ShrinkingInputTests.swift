import Foundation
import XCTest
@testable import LeadCSV

/// Issue 15 item 11: a file cut short while it is read (another program truncating or rewriting it) must
/// fail with the file's name and both sizes, not be taken as complete with its last field cut.
final class ShrinkingInputTests: XCTestCase {
    func testAFileThatShrinksWhileReadFailsAgainstTheSizeItWasOpenedWith() throws {
        var text = "id,name,amount\n"
        for row in 1...200 { text += "\(row),lead number \(row),\(row * 7)\n" }
        let path = try temporaryFile(text)
        // Cut inside the last field of a record (its final digit), so what is left still looks like CSV.
        let bytes = Array(text.utf8)
        let cut = bytes[1_000...].firstIndex(of: UInt8(ascii: "\n"))! - 1
        // Small reads: the header is read from the first chunk, the rest after the file was cut.
        var reader = try CSVReader(path: path, chunkSize: 64)
        XCTAssertEqual(reader.fileSize, text.utf8.count)
        XCTAssertEqual(truncate(path, off_t(cut)), 0)
        var records = 0
        do {
            while try reader.nextRecord() { records += 1 }
            XCTFail("read \(records) records of a file cut from \(text.utf8.count) to \(cut) bytes as if complete")
        } catch {
            XCTAssertEqual(error.description, "\(path): the file ended after \(cut) bytes but had \(text.utf8.count) bytes when it was opened;"
                           + " it changed while being read (is another program writing it?): wait until it is complete, or copy it, and try again")
        }
        XCTAssertLessThan(records, 60, "records read before the cut was seen")
    }

    /// A file that grows (still being appended to) is read as far as it goes: only a shortfall is an error.
    func testAFileThatGrowsWhileReadIsReadToItsNewEnd() throws {
        let rows = (1...10).map { ["\($0)", "\($0 * 2)"] }
        let path = try temporaryFile("id,amount\n" + rows.map { $0.joined(separator: ",") + "\n" }.joined())
        var reader = try CSVReader(path: path, chunkSize: 16)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("11,22\n".utf8))
        try handle.close()
        var read: [[String]] = []
        while try reader.nextRecord() { read.append(reader.record) }
        XCTAssertEqual(read, rows + [["11", "22"]])
    }
}
