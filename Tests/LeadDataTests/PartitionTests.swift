import XCTest
import LeadData

/// Issue 21 item 2: `Dataset.partitioned(into:)` gives the parts `selecting` gives, value for value
/// (missing values and categorical levels included), and `bytesPerLead` counts the typed layout.
final class PartitionTests: XCTestCase {
    /// Seven leads by hand: a numeric column with a missing value, a categorical one with a missing level,
    /// a yes/no column, an identifier that keeps no values.
    static func leads() -> Dataset {
        Dataset(source: "hand", columns: [
            DataColumn(name: "id", role: .identifier, values: .none, missingCount: 0, distinctCount: 7),
            DataColumn(name: "visits", role: .numeric, values: .numeric([3, .nan, 7, 1, 0, 12, 5]), missingCount: 1, distinctCount: 6),
            DataColumn(name: "source", role: .categorical, values: .categorical(codes: [0, 1, -1, 2, 0, 1, 2], levels: ["web", "event", "paid"]),
                       missingCount: 1, distinctCount: 3),
            DataColumn(name: "demo", role: .boolean, values: .boolean([1, 0, 0, .nan, 1, 0, 1]), missingCount: 1, distinctCount: 2),
        ], labels: [1, 0, 0, 1, 0, 1, 0], outcome: Outcome(column: "won", positiveLabel: "yes", negativeLabel: "no", droppedMissing: 0), rowCount: 7, notes: ["a note"])
    }

    func testPartsEqualSelectingEachRowSetWithMissingValuesAndLevels() {
        let rowSets = [[0, 2, 5], [6, 1], [3, 4], []]
        let original = Self.leads()
        let parts = Self.leads().partitioned(into: rowSets)
        XCTAssertEqual(parts.count, 4)
        for (part, rows) in zip(parts, rowSets) {
            let expected = original.selecting(rows)
            XCTAssertEqual(part.rowCount, rows.count)
            XCTAssertEqual(part.labels, expected.labels)
            XCTAssertEqual(part.notes, ["a note"])
            XCTAssertEqual(part.outcome, original.outcome)
            XCTAssertEqual(part.columns.map(\.name), ["id", "visits", "source", "demo"])
            for (got, want) in zip(part.columns, expected.columns) {
                XCTAssertEqual(got.role, want.role)
                XCTAssertEqual(got.missingCount, want.missingCount)
                switch (got.values, want.values) {
                case (.numeric(let a), .numeric(let b)), (.boolean(let a), .boolean(let b)):
                    // NaN ≠ NaN: compare bit patterns, so a missing value must stay missing in its row.
                    XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), got.name)
                default:
                    XCTAssertEqual(got.values, want.values, got.name)
                }
            }
        }
        // By hand: rows 0, 2, 5 of `visits` are 3, 7, 12 and of `source` web, missing, event; rows 6, 1 of
        // `visits` are 5 and missing.
        guard case .numeric(let visits) = parts[0].columns[1].values, case .categorical(let codes, let levels) = parts[0].columns[2].values,
              case .numeric(let second) = parts[1].columns[1].values else {
            return XCTFail("column types changed")
        }
        XCTAssertEqual(visits, [3, 7, 12])
        XCTAssertEqual(second[0], 5)
        XCTAssertTrue(second[1].isNaN)
        XCTAssertEqual(codes, [0, -1, 1])
        XCTAssertEqual(levels, ["web", "event", "paid"])
    }

    func testBytesPerLeadCountsCodedNumbersLevelCodesAndTheOutcome() {
        // visits and demo a 1-byte code each (few distinct values), source 1 (three levels), the outcome 1,
        // the identifier nothing.
        XCTAssertEqual(Self.leads().bytesPerLead, 4)
        var unlabelled = Self.leads()
        unlabelled.labels = nil
        XCTAssertEqual(unlabelled.bytesPerLead, 3)
        // A column of more than 65,536 distinct values stays plain doubles: 8 bytes.
        let wide = Dataset(source: "hand", columns: [
            DataColumn(name: "x", role: .numeric, values: .numeric((0..<70_000).map(Double.init)), missingCount: 0, distinctCount: 70_000),
        ], labels: nil, outcome: nil, rowCount: 70_000, notes: [])
        XCTAssertEqual(wide.bytesPerLead, 8)
        // A categorical column of 300 levels keeps 4-byte codes.
        let manyLevels = Dataset(source: "hand", columns: [
            DataColumn(name: "city", role: .categorical, values: .categorical(codes: (0..<300).map(Int32.init), levels: (0..<300).map { "c\($0)" }),
                       missingCount: 0, distinctCount: 300),
        ], labels: nil, outcome: nil, rowCount: 300, notes: [])
        XCTAssertEqual(manyLevels.bytesPerLead, 4)
    }
}
