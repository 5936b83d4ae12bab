import Foundation
import XCTest
@testable import LeadData

/// A missing-value token that reads as a number ("-1", "999") must count as missing in numeric columns,
/// as it does on the card; otherwise training sees −1 where the scorer sees "no value".
final class NumericMissingTokenTests: XCTestCase {
    func testNumberLikeTokenIsMissingInNumericColumns() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("numeric-token-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "visits,converted\n1,1\n-1,0\n2,1\n3,0\n-1,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let data = try Dataset.load(csv: path, options: LoadOptions(missingTokens: ["-1"], target: "converted"))
        let visits = try XCTUnwrap(data.column(named: "visits"))
        XCTAssertEqual(visits.role, .numeric)
        XCTAssertEqual(visits.missingCount, 2)
        guard case .numeric(let values) = visits.values else { return XCTFail("numeric expected") }
        XCTAssertEqual(values.map { $0.isNaN ? "missing" : "\($0)" }, ["1.0", "missing", "2.0", "3.0", "missing"])
    }
}
