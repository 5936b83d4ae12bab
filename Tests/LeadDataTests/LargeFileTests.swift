import XCTest
import LeadCSV
@testable import LeadData

/// Files large enough for the parallel pass: batches, lanes on several threads, a batch parsed while the
/// next is read. Results and errors must be those of reading row after row.
final class LargeFileTests: XCTestCase {
    private let rows = 30_000

    /// Row r (0-based): id, a level from a cycle of seven, r / 2, yes every third row, and an outcome that
    /// is missing every 100th row and converted when r is divisible by 4.
    private func text(replacing replacements: [Int: String] = [:]) -> String {
        let levels = ["web", "event", "partner", "referral", "paid", "cold", "other"]
        var lines = ["id,source,score,webinar,converted"]
        lines.reserveCapacity(rows + 1)
        for row in 0..<rows {
            if let line = replacements[row] {
                lines.append(line)
                continue
            }
            let outcome = row % 100 == 99 ? "" : (row % 4 == 0 ? "1" : "0")
            lines.append("\(row + 1),\(levels[row % 7]),\(Double(row) / 2),\(row % 3 == 0 ? "yes" : "no"),\(outcome)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testParallelPassGivesTheRowByRowResult() throws {
        let data = try load(text(), LoadOptions(target: "converted"))
        let kept = (0..<rows).filter { $0 % 100 != 99 }
        XCTAssertEqual(data.rowCount, kept.count)
        XCTAssertEqual(data.outcome?.droppedMissing, rows - kept.count)
        XCTAssertEqual(data.labels, kept.map { $0 % 4 == 0 ? 1 : 0 })
        XCTAssertEqual(data.column(named: "id")?.distinctCount, kept.count)
        XCTAssertEqual(data.column(named: "source")?.values,
                       .categorical(codes: kept.map { Int32($0 % 7) }, levels: ["web", "event", "partner", "referral", "paid", "cold", "other"]))
        XCTAssertEqual(data.column(named: "score")?.numbers, kept.map { Double($0) / 2 })
        XCTAssertEqual(data.column(named: "score")?.distinctCount, kept.count)
        XCTAssertEqual(data.column(named: "webinar")?.numbers, kept.map { $0 % 3 == 0 ? 1 : 0 })
    }

    func testAWideFileIsReadInShorterBatches() throws {
        let columns = 700, rows = 3000
        var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        for row in 0..<rows { text += (0..<columns).map { String((row * 7 + $0) % 11) }.joined(separator: ",") + "\n" }
        let data = try load(text)
        XCTAssertEqual(data.rowCount, rows)
        XCTAssertEqual(data.columns.count, columns)
        XCTAssertEqual(data.column(named: "c699")?.numbers?.last, Double(((rows - 1) * 7 + 699) % 11))
        XCTAssertEqual(data.column(named: "c3")?.distinctCount, 11)
    }

    func testTheEarliestErrorIsReportedWithItsLine() throws {
        // Two bad fields in one batch, the later one in an earlier column: the earlier row wins.
        let replacements = [20_000: "20001,web,oops,no,0", 20_001: "20002,web,1,maybe,0", 20_002: "20003,web,2,no,2"]
        let typed = LoadOptions(roles: ["score": .numeric, "webinar": .boolean], target: "converted")
        let (error, path) = try loadError(text(replacing: replacements), typed)
        XCTAssertEqual(error.kind, .unexpectedValue(role: .numeric, inferredFromRows: nil))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 20_002, column: 3, columnName: "score"))
        XCTAssertEqual(error.value, "oops")
    }

    func testAThirdOutcomeAfterAnEarlierErrorComesSecond() throws {
        let replacements = [25_000: "25001,web,1,no,maybe", 24_999: "25000,web,zz,no,1"]
        let (error, _) = try loadError(text(replacing: replacements), LoadOptions(roles: ["score": .numeric], target: "converted"))
        XCTAssertEqual(error.location.line, 25_001)
        XCTAssertEqual(error.value, "zz")
        let (third, _) = try loadError(text(replacing: [25_000: "25001,web,1,no,maybe"]), LoadOptions(target: "converted"))
        XCTAssertEqual(third.kind, .tooManyOutcomeValues(seen: ["1", "0"]))
        XCTAssertEqual(third.location.line, 25_002)
    }

    func testLateMisfitsWidenInferredColumnsInTheParallelPass() throws {
        // Row 20,000 holds text in the numeric score and a number in the yes/no webinar column.
        let data = try load(text(replacing: [20_000: "20001,web,oops,2,0"]), LoadOptions(target: "converted"))
        let kept = (0..<rows).filter { $0 % 100 != 99 }
        XCTAssertEqual(data.rowCount, kept.count)
        XCTAssertEqual(data.column(named: "score")?.role, .categorical)
        XCTAssertEqual(data.column(named: "webinar")?.role, .categorical)
        guard case .categorical(let codes, let levels)? = data.column(named: "score")?.values else { return XCTFail("score is not categorical") }
        XCTAssertEqual(kept.map { levels[Int(codes[$0 - $0 / 100])] }, kept.map { $0 == 20_000 ? "oops" : "\(Double($0) / 2)" })
        XCTAssertTrue(data.notes.contains("\"score\" holds numbers but line 20002 holds \"oops\", so it was typed categorical; if \"oops\" means no value, add \"oops\" to the missing-value texts (LoadOptions.missingTokens) to keep it numeric"))
    }

    func testAMalformedRecordLateInTheFile() throws {
        let path = try temporaryFile(text(replacing: [28_000: "28001,web,1,no"]))
        XCTAssertThrowsError(try Dataset.load(csv: path)) { error in
            XCTAssertEqual((error as? CSVError)?.kind, .fieldCount(expected: 5, found: 4))
            XCTAssertEqual((error as? CSVError)?.location.line, 28_002)
        }
    }
}
