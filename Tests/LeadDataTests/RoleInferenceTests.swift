import XCTest
@testable import LeadData

final class RoleInferenceTests: XCTestCase {
    private func role(_ values: [String], name: String = "column") -> ColumnRole {
        var evidence = RoleEvidence()
        for value in values {
            var value = value
            value.withUTF8 { evidence.add($0, decimalSeparator: UInt8(ascii: ".")) }
        }
        return evidence.role(name: name)
    }

    func testBooleans() {
        XCTAssertEqual(role(["Yes", "No", "no"]), .boolean)
        XCTAssertEqual(role(["TRUE", "FALSE"]), .boolean)
        XCTAssertEqual(role(["y", "N"]), .boolean)
        XCTAssertEqual(role(["1", "0", "0"]), .boolean, "a 0/1 integer column is a flag")
        XCTAssertEqual(role(["1.0", "0.0"]), .numeric, "written as decimals, it is a measurement")
        XCTAssertEqual(role(["yes", "no", "maybe"]), .categorical)
    }

    func testNumbersAndDates() {
        XCTAssertEqual(role(["3", "0", "12", "3"]), .numeric)
        XCTAssertEqual(role(["0.5", "9.83E-05", "-2"]), .numeric)
        XCTAssertEqual(role(["2024-03-01", "2024-03-02T09:00:00Z"]), .date)
        XCTAssertEqual(role(["2024-03-01", "soon"]), .categorical)
    }

    func testIdentifiers() {
        let uuids = (0..<25).map { _ in UUID().uuidString.lowercased() }
        XCTAssertEqual(role(uuids, name: "Prospect ID"), .identifier)
        XCTAssertEqual(role(uuids, name: "token"), .identifier, "twenty unique texts are an identifier whatever the name")
        XCTAssertEqual(role(["660737", "660728", "660727"], name: "Lead Number"), .identifier)
        XCTAssertEqual(role(["1", "2", "3"], name: "lead_id"), .identifier)
        XCTAssertEqual(role(["1", "2", "3"], name: "ProspectID"), .identifier)
        XCTAssertEqual(role(["1", "2", "3"], name: "visits"), .numeric, "few unique integers without an id name are numbers")
        XCTAssertEqual(role(["1.5", "2.5", "3.5"], name: "lead_id"), .numeric, "a float is never an identifier")
        XCTAssertEqual(role((0..<1000).map(String.init), name: "amount"), .identifier, "a thousand unique integers are ids")
        XCTAssertEqual(role(["web", "event", "partner"], name: "source"), .categorical)
        XCTAssertEqual(role(["a", "b", "a"], name: "key"), .categorical, "repeats rule out an identifier")
    }

    func testNameHints() {
        for name in ["id", "Lead ID", "lead_id", "LeadId", "ProspectID", "Lead Number", "uuid", "customer-key", "Ref"] {
            XCTAssertTrue(RoleEvidence.namesAnIdentifier(name), name)
        }
        for name in ["Idea", "valid", "Province", "Keynote"] {
            XCTAssertFalse(RoleEvidence.namesAnIdentifier(name), name)
        }
    }

    func testPlaceholdersInANumericColumnGetANote() throws {
        var text = "score\n"
        for row in 0..<30 { text += row == 4 ? "Select\n" : "\(row % 9)\n" }
        let data = try load(text)
        XCTAssertEqual(data.column(named: "score")?.role, .categorical)
        XCTAssertTrue(data.notes.contains("\"score\" holds numbers but also \"Select\", so it was typed categorical; if those mean no value, add \"Select\" to the missing-value texts (LoadOptions.missingTokens) to read it as numeric"))
        XCTAssertEqual(try load(text, LoadOptions(missingTokens: ["Select"])).column(named: "score")?.role, .numeric)
    }

    func testAnInferredIdentifierThatRepeatsLaterGetsANote() throws {
        var text = "ref,y\n"
        for row in 0..<20 { text += "\(row % 15),\(row % 2)\n" }
        let data = try load(text, LoadOptions(target: "y", inferenceRows: 10))
        XCTAssertEqual(data.column(named: "ref")?.role, .identifier)
        XCTAssertEqual(data.column(named: "ref")?.distinctCount, 15)
        XCTAssertTrue(data.notes.contains { $0.hasPrefix("\"ref\" was unique in the first 10 rows, so it was typed identifier, but it has 15 distinct values in 20 rows") })
    }

    func testDecimalCommasGetANote() throws {
        let data = try load("name;amount\nAnna;1,5\nBen;2\nCleo;0,25\n")
        XCTAssertEqual(data.column(named: "amount")?.role, .categorical)
        XCTAssertTrue(data.notes.contains("\"amount\" holds numbers written with a decimal \",\", so it was typed categorical; set the decimal mark to \",\" (LoadOptions.decimalSeparator) to read them as numbers"))
        XCTAssertEqual(try load("name;amount\nAnna;1,5\nBen;2\n", LoadOptions(decimalSeparator: UInt8(ascii: ","))).column(named: "amount")?.role, .numeric)
    }
}
