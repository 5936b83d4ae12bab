import XCTest
import LeadCSV
@testable import LeadData

final class OutcomeTests: XCTestCase {
    func testObviousPositiveLabelsAreInferred() throws {
        for (values, positive) in [(["0", "1"], "1"), (["No", "Yes"], "Yes"), (["FALSE", "TRUE"], "TRUE"), (["n", "y"], "y"),
                                   (["Lost", "Won"], "Won"), (["not converted", "Converted"], "Converted"), (["lost", "converted"], "converted")] {
            let text = "x,outcome\n1,\(values[0])\n2,\(values[1])\n3,\(values[0])\n"
            let data = try load(text, LoadOptions(target: "outcome"))
            XCTAssertEqual(data.outcome?.positiveLabel, positive)
            XCTAssertEqual(data.outcome?.negativeLabel, values[0])
            XCTAssertEqual(data.labels, [0, 1, 0], "\(values)")
        }
    }

    func testPositiveLabelCanBeGivenInAnyCase() throws {
        let text = "x,stage\n1,Closed\n2,Open Deal\n3,Closed\n"
        XCTAssertEqual(try load(text, LoadOptions(target: "stage", positiveLabel: "Open Deal")).labels, [0, 1, 0])
        XCTAssertEqual(try load(text, LoadOptions(target: "stage", positiveLabel: "closed")).labels, [1, 0, 1])
        XCTAssertEqual(try load("x,y\n1,1\n2,0\n", LoadOptions(target: "y", positiveLabel: "0")).labels, [0, 1], "the user may say 0 means converted")
    }

    func testRowsWithoutAnOutcomeAreLeftOutAndCounted() throws {
        let text = "visits,source,Converted\n1,web,1\n2,event,\n3,web,NA\n4,partner,0\n5,web,Select\n"
        let data = try load(text, LoadOptions(missingTokens: ["Select"], target: "Converted"))
        XCTAssertEqual(data.rowCount, 2)
        XCTAssertEqual(data.labels, [1, 0])
        XCTAssertSameValues(data.column(named: "visits")!.numbers, [1, 4])
        XCTAssertEqual(data.column(named: "source")!.labels, ["web", "partner"])
        XCTAssertEqual(data.column(named: "source")!.distinctCount, 2, "values of left-out rows do not count")
        XCTAssertEqual(data.outcome?.droppedMissing, 3)
        XCTAssertTrue(data.notes.contains("3 rows without an outcome were left out"))
        let one = try load("a,y\n1,1\n2,\n3,0\n", LoadOptions(target: "y"))
        XCTAssertTrue(one.notes.contains("1 row without an outcome was left out"))
    }

    func testAmbiguousPairNeedsPositive() throws {
        let (error, path) = try loadError("x,stage\n1,Closed\n2,Open\n", LoadOptions(target: "stage"))
        XCTAssertEqual(error.kind, .ambiguousPositive(values: ["Closed", "Open"]))
        XCTAssertEqual(error.location, SourceLocation(path: path, column: 2, columnName: "stage"))
        XCTAssertTrue(error.message.contains("name the positive label (LoadOptions.positiveLabel): \"Closed\" or \"Open\""))
    }

    func testUnknownPositive() throws {
        let (error, _) = try loadError("x,y\n1,yes\n2,no\n", LoadOptions(target: "y", positiveLabel: "true"))
        XCTAssertEqual(error.kind, .unknownPositive(values: ["yes", "no"]))
        XCTAssertEqual(error.value, "true")
        XCTAssertTrue(error.message.contains("its values are \"yes\" and \"no\""))
    }
}
