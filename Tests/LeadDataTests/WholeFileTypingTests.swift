import XCTest
import LeadCSV
@testable import LeadData

/// A column's type reflects the whole file, not its first rows: CRM exports are often sorted by date, so
/// the first 10,000 rows can hold only a narrow slice of a column's values (issue 17, part 1).
final class WholeFileTypingTests: XCTestCase {
    /// `rows` rows of `id,<column>,y`; `value(row)` gives the column's field.
    private func file(rows: Int, column: String = "campaign", _ value: (Int) -> String) -> String {
        var lines = ["id,\(column),y"]
        lines.reserveCapacity(rows + 1)
        for row in 0..<rows { lines.append("\(row + 1),\(value(row)),\(row % 3 == 0 ? 1 : 0)") }
        return lines.joined(separator: "\n") + "\n"
    }

    func testACountColumnThatHoldsOnlyZeroAndOneInTheFirstRowsIsNumeric() throws {
        // Older campaigns first: contacts 0/1 in the first 10,000 rows, larger counts from row 12,000.
        let count: (Int) -> Int = { $0 < 12_000 ? $0 % 2 : $0 % 9 }
        let data = try load(file(rows: 20_000) { String(count($0)) }, LoadOptions(target: "y"))
        let column = try XCTUnwrap(data.column(named: "campaign"))
        XCTAssertEqual(column.role, .numeric)
        XCTAssertEqual(column.numbers, (0..<20_000).map { Double(count($0)) })
        XCTAssertEqual(column.distinctCount, 9)
        XCTAssertEqual(data.notes, [])
    }

    func testANumericColumnWhoseFirstValueComesAfterRow50000() throws {
        let value: (Int) -> String = { $0 < 50_500 ? "" : "\(Double($0 % 40) / 4)" }
        let data = try load(file(rows: 60_000, column: "amount", value), LoadOptions(target: "y"))
        let column = try XCTUnwrap(data.column(named: "amount"))
        XCTAssertEqual(column.role, .numeric)
        XCTAssertEqual(column.missingCount, 50_500)
        XCTAssertEqual(column.distinctCount, 40)
        let expected = (0..<60_000).map { $0 < 50_500 ? Double.nan : Double($0 % 40) / 4 }
        XCTAssertTrue(zip(try XCTUnwrap(column.numbers), expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    func testAColumnFirstFilledLateTakesTheRoleItsValuesSay() throws {
        let late: (Int, String) -> String = { row, value in row < 12_000 ? "" : value }
        var text = "flag,day,email,y\n"
        for row in 0..<15_000 {
            text += "\(late(row, row % 2 == 0 ? "Yes" : "no")),\(late(row, "2024-03-\(10 + row % 9)")),\(late(row, "p\(row)@x.org")),\(row % 2)\n"
        }
        let data = try load(text, LoadOptions(target: "y"))
        XCTAssertEqual(data.column(named: "flag")?.role, .boolean)
        XCTAssertEqual(data.column(named: "flag")?.numbers?.suffix(2), [1, 0])
        XCTAssertEqual(data.column(named: "flag")?.distinctCount, 2)
        XCTAssertEqual(data.column(named: "day")?.role, .date)
        XCTAssertEqual(data.column(named: "day")?.numbers?.last, ISODate.parse(Array("2024-03-15".utf8).withUnsafeBufferPointer { $0 }))
        XCTAssertEqual(data.column(named: "email")?.role, .identifier)
        XCTAssertEqual(data.column(named: "email")?.distinctCount, 3_000)
    }

    func testANumericColumnThatTurnsTextualLateIsCategoricalWithItsSpellings() throws {
        // Numbers as written ("1.50" stays "1.50"), then a placeholder at row 30,000.
        let value: (Int) -> String = { $0 == 30_000 ? "unknown" : ($0 % 4 == 0 ? "1.50" : "\($0 % 3)") }
        let data = try load(file(rows: 32_000, column: "score", value), LoadOptions(target: "y"))
        let column = try XCTUnwrap(data.column(named: "score"))
        XCTAssertEqual(column.role, .categorical)
        guard case .categorical(let codes, let levels) = column.values else { return XCTFail("not categorical") }
        XCTAssertEqual(codes.map { levels[Int($0)] }, (0..<32_000).map(value))
        XCTAssertEqual(levels, ["1.50", "1", "2", "0", "unknown"])
        XCTAssertEqual(data.notes, ["\"score\" holds numbers but line 30002 holds \"unknown\", so it was typed categorical;"
                                    + " if \"unknown\" means no value, add \"unknown\" to the missing-value texts (LoadOptions.missingTokens) to keep it numeric"])
        // The fix the note gives works.
        let fixed = try load(file(rows: 32_000, column: "score", value), LoadOptions(missingTokens: ["unknown"], target: "y"))
        XCTAssertEqual(fixed.column(named: "score")?.role, .numeric)
        XCTAssertEqual(fixed.column(named: "score")?.missingCount, 1)
    }

    func testAZeroOneColumnCanWidenTwiceAndAYesNoColumnWidensToCategorical() throws {
        // 0/1, then a count at row 11,000, then text at row 13,000: boolean → numeric → categorical.
        let widening: (Int) -> String = { $0 == 13_000 ? "many" : ($0 < 11_000 ? "\($0 % 2)" : "\($0 % 5)") }
        var text = "campaign,answer,y\n"
        for row in 0..<14_000 { text += "\(widening(row)),\(row == 12_000 ? "3" : (row % 2 == 0 ? "yes" : "no")),\(row % 2)\n" }
        let data = try load(text, LoadOptions(target: "y"))
        guard case .categorical(let codes, let levels)? = data.column(named: "campaign")?.values else { return XCTFail("campaign not categorical") }
        XCTAssertEqual(codes.map { levels[Int($0)] }, (0..<14_000).map(widening))
        guard case .categorical(let answers, let spellings)? = data.column(named: "answer")?.values else { return XCTFail("answer not categorical") }
        XCTAssertEqual(spellings, ["yes", "no", "3"])
        XCTAssertEqual(answers[12_000], 2)
        XCTAssertTrue(data.notes.contains("\"answer\" holds yes/no values but line 12002 holds \"3\", so it was typed categorical;"
                                          + " if \"3\" means no value, add \"3\" to the missing-value texts (LoadOptions.missingTokens) to keep it boolean"))
    }

    func testARoleTheUserSetStillRejectsALateValueWithItsLocation() throws {
        let path = try temporaryFile(file(rows: 20_000) { $0 < 15_000 ? String($0 % 2) : "4" })
        XCTAssertThrowsError(try Dataset.load(csv: path, options: LoadOptions(roles: ["campaign": .boolean], target: "y"))) { error in
            guard let error = error as? LoadError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.location, SourceLocation(path: path, line: 15_002, column: 2, columnName: "campaign"))
            XCTAssertEqual(error.value, "4")
            XCTAssertTrue(error.description.contains("give it the role numeric (LoadOptions.roles)"), error.description)
        }
        // Without the role, the same file loads with the column numeric.
        XCTAssertEqual(try Dataset.load(csv: path, options: LoadOptions(target: "y")).column(named: "campaign")?.role, .numeric)
    }
}

/// `train` says which columns it leaves out and why (issue 17, part 2).
final class LeftOutColumnTests: XCTestCase {
    func testIdentifiersExclusionsDatesEmptyAndConstantColumnsAreListedWithTheirReason() throws {
        var text = "Lead Number,created,note,empty,constant,source,y\n"
        for row in 0..<30 { text += "\(1000 + row),2024-01-\(10 + row % 9),n\(row % 4),,x,s\(row % 3),\(row % 2)\n" }
        let data = try load(text, LoadOptions(excluded: ["note"], target: "y"))
        XCTAssertEqual(data.leftOutColumns, [
            LeftOutColumn(column: "Lead Number", reason: .identifier), LeftOutColumn(column: "created", reason: .date),
            LeftOutColumn(column: "note", reason: .excluded), LeftOutColumn(column: "empty", reason: .empty),
            LeftOutColumn(column: "constant", reason: .constant),
        ])
        XCTAssertEqual(data.leftOutColumns.first?.text,
                       "Lead Number: an identifier (unique per lead), which cannot carry over to new leads; if it is a feature, give \"Lead Number\" the role categorical (LoadOptions.roles)")
    }
}
