import XCTest
import LeadCSV
@testable import LeadData

/// Each way a readable CSV can fail to become a dataset: a located error that says what to do.
final class LoadErrorTests: XCTestCase {
    func testUnknownTargetSuggestsTheNearestColumn() throws {
        let (error, path) = try loadError("Lead Source,Converted\nweb,1\n", LoadOptions(target: "converted"))
        XCTAssertEqual(error.kind, .unknownColumn(option: "LoadOptions.target", suggestion: "Converted", columns: ["Lead Source", "Converted"]))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 1))
        XCTAssertEqual(error.value, "converted")
        XCTAssertEqual(error.description, "\(path), line 1: LoadOptions.target names a column \"converted\" that the header does not have"
                       + " (did you mean \"Converted\"?); the columns are \"Lead Source\", \"Converted\"")
    }

    func testUnknownColumnsInRolesAndExclusions() throws {
        let text = "a,b\n1,2\n"
        XCTAssertEqual(try loadError(text, LoadOptions(roles: ["c": .numeric])).0.kind,
                       .unknownColumn(option: "LoadOptions.roles", suggestion: nil, columns: ["a", "b"]))
        XCTAssertEqual(try loadError(text, LoadOptions(excluded: ["B"])).0.kind,
                       .unknownColumn(option: "LoadOptions.excluded", suggestion: "b", columns: ["a", "b"]))
    }

    func testTheTargetCannotBeExcludedOrGivenARole() throws {
        let (error, _) = try loadError("a,y\n1,0\n", LoadOptions(roles: ["y": .categorical], target: "y"))
        guard case .invalidOption(let reason) = error.kind else { return XCTFail("\(error)") }
        XCTAssertTrue(reason.contains("LoadOptions.roles names \"y\", which is the target (LoadOptions.target)"))
    }

    func testPositiveWithoutATarget() throws {
        let (error, _) = try loadError("a,y\n1,0\n", LoadOptions(positiveLabel: "1"))
        guard case .invalidOption(let reason) = error.kind else { return XCTFail("\(error)") }
        XCTAssertTrue(reason.contains("needs the target (LoadOptions.target)"))
    }

    func testTargetWithMoreThanTwoValuesNamesTheLineOfTheThird() throws {
        let (error, path) = try loadError("id,Status\n1,Won\n2,Lost\n3,Won\n4,Open\n5,Lost\n", LoadOptions(target: "Status"))
        XCTAssertEqual(error.kind, .tooManyOutcomeValues(seen: ["Won", "Lost"]))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 5, column: 2, columnName: "Status"))
        XCTAssertEqual(error.value, "Open")
        XCTAssertTrue(error.message.contains("(\"Won\", \"Lost\", \"Open\")"))
        XCTAssertTrue(error.message.contains("as missing (LoadOptions.missingTokens)"))
    }

    func testTargetWithOneValue() throws {
        let (error, path) = try loadError("id,Converted\n1,0\n2,0\n3,\n", LoadOptions(target: "Converted"))
        XCTAssertEqual(error.kind, .singleOutcomeValue(rows: 2))
        XCTAssertEqual(error.location, SourceLocation(path: path, column: 2, columnName: "Converted"))
        XCTAssertEqual(error.value, "0")
        XCTAssertTrue(error.message.contains("needs both converted and lost leads"))
    }

    func testTargetWithoutAnyValue() throws {
        let (error, _) = try loadError("id,Converted\n1,\n2,NA\n", LoadOptions(target: "Converted"))
        XCTAssertEqual(error.kind, .noOutcomes(rows: 2))
    }

    func testStrayTextInAColumnTheUserMadeNumeric() throws {
        var text = "id,visits,y\n"
        for row in 1...30 { text += "\(row),\(row % 7),\(row % 2)\n" }
        text += "31,unknown,1\n"
        let typed = LoadOptions(roles: ["visits": .numeric], target: "y", inferenceRows: 10)
        let (error, path) = try loadError(text, typed)
        XCTAssertEqual(error.kind, .unexpectedValue(role: .numeric, inferredFromRows: nil))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 32, column: 2, columnName: "visits"))
        XCTAssertEqual(error.value, "unknown")
        XCTAssertEqual(error.message, "\"unknown\" is not a number, but \"visits\" was given the role numeric."
                       + " If \"unknown\" means no value, add it to the missing-value texts (LoadOptions.missingTokens);"
                       + " if the column holds labels, give it the role categorical (LoadOptions.roles)")
        // Either fix works; without the role, the column is simply categorical.
        var missing = typed
        missing.missingTokens = ["unknown"]
        XCTAssertEqual(try load(text, missing).column(named: "visits")?.missingCount, 1)
        XCTAssertEqual(try load(text, LoadOptions(roles: ["visits": .categorical], target: "y", inferenceRows: 10)).column(named: "visits")?.distinctCount, 8)
        XCTAssertEqual(try load(text, LoadOptions(target: "y", inferenceRows: 10)).column(named: "visits")?.role, .categorical)
    }

    func testStrayValuesInBooleanAndDateColumnsTheUserTyped() throws {
        let boolean = try loadError("flag\nyes\nno\nmaybe\n", LoadOptions(roles: ["flag": .boolean])).0
        XCTAssertEqual(boolean.kind, .unexpectedValue(role: .boolean, inferredFromRows: nil))
        XCTAssertEqual(boolean.location.line, 4)
        XCTAssertTrue(boolean.message.contains("is not a yes/no value"))

        let date = try loadError("created\n2024-01-02\n2024-01-03\n03/01/2024\n", LoadOptions(roles: ["created": .date])).0
        XCTAssertEqual(date.kind, .unexpectedValue(role: .date, inferredFromRows: nil))
        XCTAssertEqual(date.value, "03/01/2024")
        XCTAssertTrue(date.message.contains("is not an ISO 8601 date"))
    }

    func testACountInAColumnTheUserMadeBooleanSuggestsNumeric() throws {
        let (error, path) = try loadError("campaign,y\n0,1\n1,0\n3,1\n", LoadOptions(roles: ["campaign": .boolean], target: "y"))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 4, column: 1, columnName: "campaign"))
        XCTAssertEqual(error.value, "3")
        XCTAssertEqual(error.message, "\"3\" is not a yes/no value (yes/no, true/false, y/n, 1/0), but \"campaign\" was given the role boolean."
                       + " If the column holds numbers (counts, amounts), give it the role numeric (LoadOptions.roles); if \"3\" means no value,"
                       + " add it to the missing-value texts (LoadOptions.missingTokens); if the column holds labels, give it the role categorical (LoadOptions.roles)")
    }

    func testStrayValueInAColumnTheUserTyped() throws {
        let (error, path) = try loadError("Region,y\n3,1\nnorth,0\n", LoadOptions(roles: ["Region": .numeric]))
        XCTAssertEqual(error.kind, .unexpectedValue(role: .numeric, inferredFromRows: nil))
        XCTAssertEqual(error.location, SourceLocation(path: path, line: 3, column: 1, columnName: "Region"))
        XCTAssertTrue(error.message.contains("but \"Region\" was given the role numeric"))
    }

    func testMalformedCSVSurfacesAsCSVError() throws {
        let path = try temporaryFile("a,b\n1,2,3\n")
        XCTAssertThrowsError(try Dataset.load(csv: path)) { error in
            XCTAssertEqual((error as? CSVError)?.kind, .fieldCount(expected: 2, found: 3))
        }
    }
}
