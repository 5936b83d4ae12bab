import XCTest
@testable import LeadData

/// Issue 21 item 2: a `NumberColumn` holds every value bit for bit in 1, 2 or 8 bytes a row, whichever its
/// distinct values allow, and reads, maps, selects and compares as the plain array of doubles would.
final class NumberColumnTests: XCTestCase {
    /// `rows` + 2 values with `distinct` distinct bit patterns in a shuffled order, with missing values (two NaN payloads), 0 and −0.
    private func values(distinct: Int, rows: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        let pool = (0..<distinct - 2).map { Double($0) * 0.37 - 11 } + [-0.0, 0.0]
        var values = (0..<rows).map { $0 < pool.count ? pool[$0] : pool[Int.random(in: 0..<pool.count, using: &generator)] }
        values.shuffle(using: &generator)
        values.insert(.nan, at: rows / 3)
        values.insert(Double(nan: 7, signaling: false), at: rows / 2)
        return values
    }

    private func assertSameBits(_ column: NumberColumn, _ values: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(column.count, values.count, file: file, line: line)
        XCTAssertEqual(column.map(\.bitPattern), values.map(\.bitPattern), file: file, line: line)
        XCTAssertEqual(column.doubles.map(\.bitPattern), values.map(\.bitPattern), file: file, line: line)
    }

    func testEachWidthKeepsEveryValueBitForBit() {
        // 256 distinct bit patterns fit one byte; one more needs two; past 65,536 the column is plain.
        for (distinct, width) in [(254, 1), (255, 2), (65_534, 2), (65_535, 8)] {
            let raw = values(distinct: distinct, rows: distinct + 5_000, seed: UInt64(distinct))
            // + 2 NaN patterns: 256 patterns for 254, 257 for 255, 65,536 for 65,534, 65,537 for 65,535.
            XCTAssertEqual(Set(raw.map(\.bitPattern)).count, distinct + 2)
            let column = NumberColumn(raw)
            XCTAssertEqual(column.bytesPerRow, width, "\(distinct) distinct values")
            assertSameBits(column, raw)
            // 0 and −0 count as one, NaN not at all, as the loader's summary has always counted.
            XCTAssertEqual(column.distinctCount, distinct - 1)
        }
    }

    func testMappedRunsOncePerDistinctValueAndEqualsMap() {
        let raw = values(distinct: 40, rows: 3_000, seed: 3)
        let column = NumberColumn(raw)
        var calls = 0
        let mapped = column.mapped { value -> Int in
            calls += 1
            return value.isNaN ? -1 : Int((value * 100).rounded())
        }
        XCTAssertEqual(mapped, raw.map { $0.isNaN ? -1 : Int(($0 * 100).rounded()) })
        XCTAssertEqual(calls, 42, "once per distinct bit pattern (40 values, 2 NaN payloads)")
    }

    func testSelectingEqualsPickingRowsAndKeepsTheWidth() {
        for distinct in [10, 1_000, 70_000] {
            let raw = values(distinct: distinct, rows: distinct + 100, seed: 9)
            let column = NumberColumn(raw)
            let rows = [5, 0, raw.count - 1, raw.count / 3, raw.count / 2, 5]
            let picked = column.selecting(rows)
            assertSameBits(picked, rows.map { raw[$0] })
            XCTAssertEqual(picked.bytesPerRow, column.bytesPerRow)
        }
    }

    func testEqualityIsValueByValueWhateverTheStorage() {
        let coded = NumberColumn([1, 2, 3])
        let plain = NumberColumn(storage: .plain([1, 2, 3]))
        XCTAssertEqual(coded, plain)
        XCTAssertEqual(coded, [1, 2, 3])
        XCTAssertNotEqual(coded, NumberColumn([1, 2, 4]))
        XCTAssertNotEqual(coded, NumberColumn([1, 2]))
        // Same table, other codes; same values, other table order.
        XCTAssertNotEqual(NumberColumn(storage: .narrow(codes: [0, 1], table: [5, 6])), NumberColumn(storage: .narrow(codes: [1, 0], table: [5, 6])))
        XCTAssertEqual(NumberColumn(storage: .narrow(codes: [0, 1], table: [5, 6])), NumberColumn(storage: .narrow(codes: [1, 0], table: [6, 5])))
        // NaN equals nothing, as in an array of doubles.
        XCTAssertNotEqual(NumberColumn([1, .nan]), NumberColumn(storage: .plain([1, .nan])))
    }

    func testLoadedColumnsAreCodedAndEqualTheParsedNumbers() throws {
        // 300 distinct sizes (two bytes), a count (one byte), a yes/no column, a missing value and −0.
        var lines = ["size,visits,demo,won"]
        for row in 0..<600 {
            let size = row == 7 ? "" : row == 8 ? "-0" : String(format: "%.2f", Double(row % 300) * 1.25)
            lines.append("\(size),\(row % 9),\(row % 2 == 0 ? "yes" : "no"),\(row % 3 == 0 ? 1 : 0)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("number-column-\(UUID().uuidString).csv")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let leads = try Dataset.load(csv: file.path, options: LoadOptions(target: "won"))
        guard case .numeric(let size) = leads.column(named: "size")?.values, case .numeric(let visits) = leads.column(named: "visits")?.values,
              case .boolean(let demo) = leads.column(named: "demo")?.values else {
            return XCTFail("roles changed: \(leads.columns.map(\.role))")
        }
        XCTAssertEqual([size.bytesPerRow, visits.bytesPerRow, demo.bytesPerRow], [2, 1, 1])
        let expected = (0..<600).map { row in row == 7 ? Double.nan : row == 8 ? -0.0 : Double(String(format: "%.2f", Double(row % 300) * 1.25))! }
        XCTAssertEqual(size.map(\.bitPattern), expected.map(\.bitPattern))
        XCTAssertEqual(Array(visits), (0..<600).map { Double($0 % 9) })
        XCTAssertEqual(Array(demo), (0..<600).map { $0 % 2 == 0 ? 1 : 0 })
        XCTAssertEqual(leads.column(named: "size")?.distinctCount, 300)
        XCTAssertEqual(leads.column(named: "size")?.missingCount, 1)
        // Two bytes for size, one each for visits and demo, one for the outcome.
        XCTAssertEqual(leads.bytesPerLead, 5)
    }
    /// `ascendingRows`/`ascendingValues` count rows per code on a coded column; they must equal the stable
    /// sorts they replace, with NaN left out and 0 and −0 (two codes, one value) kept in row order.
    func testAscendingRowsEqualTheStableSort() {
        var generator = SeededGenerator(seed: 5)
        var narrow: [Double] = []
        for row in 0..<2_000 {
            let random = Double(generator.next() % 40) - 20
            if row % 97 == 0 { narrow.append(.nan) } else if row % 13 == 0 { narrow.append(-0.0) } else if row % 11 == 0 { narrow.append(0) } else { narrow.append(random) }
        }
        let wide: [Double] = (0..<3_000).map { (row: Int) -> Double in row % 101 == 0 ? .nan : Double(generator.next() % 1_000) / 8 }
        let plain: [Double] = (0..<120_000).map { (row: Int) -> Double in
            if row % 5 == 0 { return -0.0 }
            return row % 7 == 0 ? .nan : Double(row % 110_000)
        }
        let cases: [([Double], Int)] = [(narrow, 1), (wide, 2), (plain, 8)]
        for (values, width) in cases {
            let column = NumberColumn(values)
            XCTAssertEqual(column.bytesPerRow, width)
            let reference = values.indices.filter { !values[$0].isNaN }.sorted { values[$0] < values[$1] }
            XCTAssertEqual(column.ascendingRows(), reference)
            let sortedValues: [Double] = values.filter { !$0.isNaN }.sorted()
            XCTAssertEqual(column.ascendingValues().map { $0.bitPattern }, sortedValues.map { $0.bitPattern })
        }
        XCTAssertEqual(NumberColumn([.nan, .nan]).ascendingRows(), [])
        XCTAssertEqual(NumberColumn([]).ascendingValues(), [])
    }
}
