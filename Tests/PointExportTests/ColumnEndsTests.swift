import XCTest
import LeadData
@testable import PointExport

/// `ColumnEnds`, the one-pass reading `Sentinel.detect` makes of a numeric column, against the table of
/// counts it replaced (every distinct value counted, the keys sorted): the same ends, counts and number of
/// distinct values on columns with sentinels, ties, missing values, signed zeros and few distinct values.
final class ColumnEndsTests: XCTestCase {
    /// The reference: a dictionary of counts, as `Sentinel.detect` read columns before.
    private func reference(_ values: [Double]) -> (low: Double, next: Double?, high: Double, previous: Double?,
                                                   lowCount: Int, highCount: Int, known: Int, distinct: Int)? {
        var counts: [Double: Int] = [:]
        var known = 0
        for value in values where !value.isNaN {
            counts[value, default: 0] += 1
            known += 1
        }
        guard !counts.isEmpty else { return nil }
        let sorted = counts.keys.sorted()
        return (sorted[0], sorted.count > 1 ? sorted[1] : nil, sorted[sorted.count - 1], sorted.count > 1 ? sorted[sorted.count - 2] : nil,
                counts[sorted[0]]!, counts[sorted[sorted.count - 1]]!, known, min(sorted.count, 3))
    }

    func testOnePassEqualsTheTableOfCounts() throws {
        var random = SeededGenerator(seed: 21)
        var columns: [[Double]] = [
            [], [.nan, .nan], [5], [5, 5, .nan], [1, 2], [2, 1, 2], [0, -0.0, 3, 3, -1], [-0.0, 0, 7, 9],
            [-1, -1, 4, 2, 9_999, 3, .nan, 9_999], [3, 2, 1], [1, 2, 3, 1, 3],
        ]
        for _ in 0..<200 {
            let count = Int(random.next() % 400)
            let levels = Double(1 + random.next() % 12)
            columns.append((0..<count).map { _ in
                let u = random.nextUniform()
                if u < 0.05 { return .nan }
                if u < 0.12 { return -1 }
                if u < 0.18 { return 999 }
                return (random.nextUniform() * levels).rounded() * (random.nextUniform() < 0.02 ? -1 : 1)
            })
        }
        for (index, values) in columns.enumerated() {
            let expected = reference(values), ends = ColumnEnds(values)
            guard let expected else { XCTAssertNil(ends, "column \(index)"); continue }
            let found = try XCTUnwrap(ends, "column \(index)")
            XCTAssertEqual(found.low, expected.low, "column \(index)")
            XCTAssertEqual(found.high, expected.high, "column \(index)")
            XCTAssertEqual(found.lowCount, expected.lowCount, "column \(index)")
            XCTAssertEqual(found.highCount, expected.highCount, "column \(index)")
            XCTAssertEqual(found.known, expected.known, "column \(index)")
            XCTAssertEqual(found.distinct, expected.distinct, "column \(index)")
            if let next = expected.next, let previous = expected.previous {
                XCTAssertEqual(found.next, next, "column \(index)")
                XCTAssertEqual(found.previous, previous, "column \(index)")
            }
        }
    }
}
