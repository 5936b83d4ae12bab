import Foundation
import XCTest

/// Library errors speak of `LoadOptions` and roles; the command line turns them back into its flags.
final class ErrorFlagTests: XCTestCase {
    private func train(_ csv: String, _ extra: [String]) throws -> CommandResult {
        let folder = try cliTemporaryFolder(self)
        let data = folder.appendingPathComponent("leads.csv")
        try csv.write(to: data, atomically: true, encoding: .utf8)
        return try runLeadScore(["train", data.path, "--out", folder.appendingPathComponent("card.json").path] + extra)
    }

    func testLoadErrorsNameTheFlagsThatFixThem() throws {
        var stray = "id,visits,y\n"
        for row in 1...30 { stray += "\(row),\(row % 7),\(row % 2)\n" }
        stray += "31,unknown,1\n"
        let value = try train(stray, ["--target", "y", "--role", "visits=numeric"])
        XCTAssertNotEqual(value.status, 0)
        XCTAssertTrue(value.errors.contains("pass --missing 'unknown'; if the column holds labels, pass --role 'visits=categorical'"), value.errors)
        XCTAssertFalse(value.errors.contains("LoadOptions"), value.errors)

        let ambiguous = try train("x,stage\n1,Closed\n2,Open\n", ["--target", "stage"])
        XCTAssertTrue(ambiguous.errors.contains("pass --positive 'Closed' or --positive 'Open'"), ambiguous.errors)
        let unknown = try train("x,stage\n1,Closed\n2,Open\n", ["--target", "stage", "--positive", "Won"])
        XCTAssertTrue(unknown.errors.contains("--positive \"Won\" is not a value of the target"), unknown.errors)
    }

    func testACountInAColumnMadeBooleanSuggestsTheNumericRoleFlag() throws {
        var csv = "campaign,y\n"
        for row in 0..<40 { csv += "\(row % 2),\(row % 3 == 0 ? 1 : 0)\n" }
        csv += "3,1\n"
        let result = try train(csv, ["--target", "y", "--role", "campaign=boolean"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.errors.contains("pass --role 'campaign=numeric'; if \"3\" means no value, pass --missing '3'"), result.errors)
        XCTAssertFalse(result.errors.contains("LoadOptions"), result.errors)
    }

    func testTimeSplitOnACategoryNamesTheRoleFlagAndTheFile() throws {
        var csv = "when,x,y\n"
        for row in 0..<60 { csv += "w\(row % 3),\(row % 5),\(row % 2)\n" }
        let result = try train(csv, ["--target", "y", "--split", "time:when"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.errors.contains("leads.csv: column 'when' is categorical"), result.errors)
        XCTAssertTrue(result.errors.contains("--role 'when=date'"), result.errors)
    }
}
