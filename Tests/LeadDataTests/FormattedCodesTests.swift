import XCTest
import LeadData

/// `DataColumn.formattedCodes`: for every row, the text of the row's code is exactly `formattedValue(row:)`
/// (hand-written expectations too), for one- and two-byte number codes, yes/no, dates, categorical codes
/// with missing values; columns held without codes give `nil`.
final class FormattedCodesTests: XCTestCase {
    private func texts(_ column: DataColumn) -> [String]? {
        guard let (codes, texts) = column.formattedCodes else { return nil }
        var rows: [String] = []
        codes.forEachCode(in: 0..<codes.count) { row, code in
            XCTAssertEqual(row, rows.count)
            rows.append(texts[code])
        }
        XCTAssertEqual(rows, (0..<rows.count).map { column.formattedValue(row: $0) })
        return rows
    }

    func testEachRowsCodeGivesItsFormattedValue() {
        let numbers = DataColumn(name: "visits", role: .numeric, values: .numeric([3, .nan, 2.5, 3, -0.0, 1e20]),
                                 missingCount: 1, distinctCount: 4)
        XCTAssertEqual(texts(numbers), ["3", "", "2.5", "3", "0", "1e+20"])
        let flags = DataColumn(name: "demo", role: .boolean, values: .boolean([1, 0, .nan, 1]), missingCount: 1, distinctCount: 2)
        XCTAssertEqual(texts(flags), ["yes", "no", "", "yes"])
        let dates = DataColumn(name: "created", role: .date, values: .date([0, 86_400 + 3_661, .nan]), missingCount: 1, distinctCount: 2)
        XCTAssertEqual(texts(dates), ["1970-01-01", "1970-01-02T01:01:01Z", ""])
        let sources = DataColumn(name: "source", role: .categorical, values: .categorical(codes: [1, -1, 0, 1], levels: ["web", "event"]),
                                 missingCount: 1, distinctCount: 2)
        XCTAssertEqual(texts(sources), ["event", "", "web", "event"])
    }

    func testTwoByteCodesAndColumnsWithoutCodes() {
        // 300 distinct values: two-byte codes.
        let many = (0..<600).map { Double($0 % 300) / 4 }
        let wide = DataColumn(name: "score", role: .numeric, values: .numeric(many), missingCount: 0, distinctCount: 300)
        guard case .shorts = wide.formattedCodes?.codes else { return XCTFail("300 distinct values take two-byte codes") }
        XCTAssertEqual(texts(wide)?[5], "1.25")
        // 70 000 distinct values are held as plain doubles, and 300 levels as 4-byte codes: no codes to read.
        let plain = DataColumn(name: "amount", role: .numeric, values: .numeric((0..<70_000).map(Double.init)), missingCount: 0,
                               distinctCount: 70_000)
        XCTAssertNil(plain.formattedCodes)
        let levels = (0..<300).map { "level \($0)" }
        let wideLevels = DataColumn(name: "city", role: .categorical, values: .categorical(codes: (0..<300).map(Int32.init), levels: levels),
                                    missingCount: 0, distinctCount: 300)
        XCTAssertNil(wideLevels.formattedCodes)
        let identifier = DataColumn(name: "id", role: .identifier, values: .none, missingCount: 0, distinctCount: 3)
        XCTAssertNil(identifier.formattedCodes)
    }
}
