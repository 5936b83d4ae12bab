import Foundation
import XCTest
@testable import LeadData

/// Issue 21 item 2: categorical level codes take one byte a row while a column has at most 255 levels, and
/// read back exactly as the `Int32` codes they replace (−1 for missing) at every width.
final class CategoryCodesTests: XCTestCase {
    func testNarrowUpTo255LevelsWideFrom256WithEveryCodeAndMissingKept() {
        // Codes 0…254 and missing: the most a byte holds as code + 1.
        let narrowCodes = (0..<255).map(Int32.init) + [-1, 0, 254, -1]
        let narrow = CategoryCodes(narrowCodes)
        XCTAssertEqual(narrow.bytesPerRow, 1)
        XCTAssertEqual(Array(narrow), narrowCodes)
        // Code 255 does not fit: the column widens, earlier codes and missing values unchanged.
        let wideCodes = narrowCodes + [255, 3, -1]
        let wide = CategoryCodes(wideCodes)
        XCTAssertEqual(wide.bytesPerRow, 4)
        XCTAssertEqual(Array(wide), wideCodes)
        XCTAssertEqual(wide.count, wideCodes.count)
    }

    func testBuilderWidensMidColumnAndSelectingKeepsWidth() {
        var builder = CategoryCodesBuilder()
        builder.reserve(4)
        for code: Int32 in [2, -1, 0] { builder.append(code) }
        XCTAssertEqual(builder.finish().bytesPerRow, 1)
        builder.append(70_000)
        builder.append(-1)
        let codes = builder.finish()
        XCTAssertEqual(Array(codes), [2, -1, 0, 70_000, -1])
        XCTAssertEqual(codes.bytesPerRow, 4)
        XCTAssertEqual(Array(codes.selecting([3, 1, 0])), [70_000, -1, 2])
        XCTAssertEqual(codes.selecting([3]).bytesPerRow, 4)
        let small: CategoryCodes = [1, -1, 0]
        XCTAssertEqual(Array(small.selecting([2, 1])), [0, -1])
        XCTAssertEqual(small.selecting([2, 1]).bytesPerRow, 1)
    }

    func testEqualityComparesCodesWhateverTheStorage() {
        let narrow = CategoryCodes(storage: .narrow([1, 0, 3]))  // codes 0, −1, 2
        let wide = CategoryCodes(storage: .wide([0, -1, 2]))
        XCTAssertEqual(narrow, wide)
        XCTAssertNotEqual(narrow, CategoryCodes(storage: .wide([0, -1, 1])))
        XCTAssertNotEqual(narrow, CategoryCodes(storage: .narrow([1, 0])))
    }

    /// A loaded file: a column of three levels is narrow, one of 300 wide, and both read back the file's
    /// levels row by row, missing values included.
    func testLoadedColumnsAreCodedByTheirLevelCount() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("category-codes-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        var text = "source,city,won\n"
        let sources = ["web", "event", "", "paid"]
        for row in 0..<900 { text += "\(sources[row % 4]),city\(row % 300),\(row % 3 == 0 ? "yes" : "no")\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let leads = try Dataset.load(csv: file.path, options: LoadOptions(roles: ["city": .categorical], target: "won"))
        guard case .categorical(let source, let sourceLevels) = leads.column(named: "source")?.values,
              case .categorical(let city, let cityLevels) = leads.column(named: "city")?.values else {
            return XCTFail("roles changed: \(leads.columns.map(\.role))")
        }
        XCTAssertEqual([source.bytesPerRow, city.bytesPerRow], [1, 4])
        XCTAssertEqual(source.map { $0 < 0 ? "" : sourceLevels[Int($0)] }, (0..<900).map { sources[$0 % 4] })
        XCTAssertEqual(city.map { cityLevels[Int($0)] }, (0..<900).map { "city\($0 % 300)" })
        XCTAssertEqual(leads.column(named: "source")?.missingCount, 225)
        XCTAssertEqual(leads.column(named: "source")?.distinctCount, 3)
        // One byte each for source and the outcome, four for city.
        XCTAssertEqual(leads.bytesPerLead, 6)
    }
}
