import XCTest
@testable import LeadData

final class DatasetLoadTests: XCTestCase {
    private let leads = """
        lead_id,Lead Source,company_size,visits,webinar,demo,created,Converted
        101,web,250,3,yes,1,2024-03-01,1
        102,referral,NA,0,No,0,2024-03-02T10:00:00Z,0
        103,"Banking, Investment",12.5,,YES,0,,0
        104,Select, 40 ,7,no,1,2024-03-04,1
        105,,1e3,2,N/A,0,2024-03-05,0

        """

    func testColumnsAreTypedAndParsed() throws {
        let data = try load(leads, LoadOptions(missingTokens: ["Select"], target: "Converted"))
        XCTAssertEqual(data.rowCount, 5)
        XCTAssertEqual(data.columns.map(\.name), ["lead_id", "Lead Source", "company_size", "visits", "webinar", "demo", "created"])
        XCTAssertEqual(data.columns.map(\.role), [.identifier, .categorical, .numeric, .numeric, .boolean, .boolean, .date])

        let source = data.column(named: "Lead Source")!
        XCTAssertEqual(source.labels, ["web", "referral", "Banking, Investment", nil, nil])
        XCTAssertEqual([source.missingCount, source.distinctCount], [2, 3])

        let size = data.column(named: "company_size")!
        XCTAssertSameValues(size.numbers, [250, .nan, 12.5, 40, 1000])
        XCTAssertEqual([size.missingCount, size.distinctCount], [1, 4])
        XCTAssertSameValues(data.column(named: "webinar")!.numbers, [1, 0, 1, 0, .nan])
        XCTAssertSameValues(data.column(named: "demo")!.numbers, [1, 0, 0, 1, 0])
        XCTAssertSameValues(data.column(named: "created")!.numbers, [1_709_251_200, 1_709_373_600, .nan, 1_709_510_400, 1_709_596_800])

        let id = data.column(named: "lead_id")!
        XCTAssertEqual(id.values, .none)
        XCTAssertEqual([id.missingCount, id.distinctCount], [0, 5])

        XCTAssertEqual(data.labels, [1, 0, 0, 1, 0])
        XCTAssertEqual(data.outcome, Outcome(column: "Converted", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0))
    }

    func testRolesCanBeOverriddenAndColumnsExcluded() throws {
        let options = LoadOptions(roles: ["visits": .categorical, "lead_id": .numeric], excluded: ["webinar", "created"], target: "Converted")
        let data = try load(leads, options)
        XCTAssertEqual(data.column(named: "visits")!.labels, ["3", "0", nil, "7", "2"])
        XCTAssertSameValues(data.column(named: "lead_id")!.numbers, [101, 102, 103, 104, 105])
        for name in ["webinar", "created"] {
            let column = data.column(named: name)!
            XCTAssertEqual(column.role, .excluded)
            XCTAssertEqual(column.values, .none)
            XCTAssertFalse(column.isFeature)
        }
        XCTAssertEqual(data.column(named: "created")!.missingCount, 1)
        XCTAssertEqual(data.column(named: "webinar")!.distinctCount, 4, "excluded columns keep a distinct count of their raw text")
    }

    func testWithoutATargetThereAreNoLabels() throws {
        let data = try load(leads)
        XCTAssertNil(data.labels)
        XCTAssertNil(data.outcome)
        XCTAssertEqual(data.column(named: "Converted")?.role, .boolean)
    }

    func testSemicolonFileWithDecimalCommas() throws {
        let text = "name;amount;score;converted\nAnna;1,5;3;yes\nBen;2,25;4;no\nCleo;;5;no\n"
        let data = try load(text, LoadOptions(decimalSeparator: UInt8(ascii: ","), target: "converted"))
        XCTAssertSameValues(data.column(named: "amount")!.numbers, [1.5, 2.25, .nan])
        XCTAssertEqual(data.labels, [1, 0, 0])
        XCTAssertEqual(data.outcome?.positiveLabel, "yes")
    }

    func testSurroundingSpacesAreIgnored() throws {
        let data = try load("source,size\n Google ,  3 \nGoogle,4\n\tgoogle,5\n")
        XCTAssertEqual(data.column(named: "source")!.labels, ["Google", "Google", "google"])
        XCTAssertSameValues(data.column(named: "size")!.numbers, [3, 4, 5])
    }

    func testCategoricalLevelsKeepFirstSeenOrder() throws {
        let data = try load("city\nRome\nParis\nRome\nOslo\n")
        XCTAssertEqual(data.column(named: "city")!.values, .categorical(codes: [0, 1, 0, 2], levels: ["Rome", "Paris", "Oslo"]))
    }

    func testRowsBeyondTheInferenceSampleAreParsedWithTheInferredRoles() throws {
        var text = "n,flag,label\n"
        for row in 0..<50 { text += "\(row),\(row % 2 == 0 ? "yes" : "no"),L\(row % 3)\n" }
        let data = try load(text, LoadOptions(inferenceRows: 5))
        XCTAssertEqual(data.rowCount, 50)
        XCTAssertEqual(data.column(named: "n")!.numbers?.last, 49)
        XCTAssertEqual(data.column(named: "flag")!.distinctCount, 2)
        XCTAssertEqual(data.column(named: "label")!.distinctCount, 3)
    }

    func testNotesFlagEmptyAndConstantColumns() throws {
        let data = try load("a,b,c,y\n,x,1,1\n,x,2,0\n", LoadOptions(target: "y"))
        XCTAssertTrue(data.notes.contains("\"a\" is empty in every row"))
        XCTAssertTrue(data.notes.contains("\"b\" has a single value in every row that has one, so it cannot help a model"))
        XCTAssertEqual(data.column(named: "a")?.role, .categorical)
    }

    func testSchemaFileIsAppliedAndFlagsWin() throws {
        let schemaPath = try temporaryFile("""
            {"target": "Converted", "positive": "0", "missing": ["Select"], "exclude": ["created"],
             "roles": {"visits": "categorical", "demo": "numeric"}, "delimiter": ","}
            """, name: "schema.json")
        let schema = try LoadSchema.read(path: schemaPath)
        let options = try LoadOptions(positiveLabel: "1").applying(schema, from: schemaPath)
        XCTAssertEqual(options.target, "Converted")
        XCTAssertEqual(options.positiveLabel, "1", "the flag wins over the file")
        XCTAssertEqual(options.missingTokens, ["Select"])
        XCTAssertEqual(options.delimiter, UInt8(ascii: ","))
        let data = try load(leads, options)
        XCTAssertEqual(data.column(named: "visits")!.role, .categorical)
        XCTAssertEqual(data.column(named: "demo")!.role, .numeric)
        XCTAssertEqual(data.column(named: "created")!.role, .excluded)
        XCTAssertEqual(data.column(named: "Lead Source")!.missingCount, 2)
    }

    func testSchemaFileErrors() throws {
        for (text, fragment) in [
            (#"{"role": {"a": "numeric"}}"#, "unknown key \"role\""),
            (#"{"roles": {"a": "number"}}"#, "\"number\" is not a role"),
            (#"{"missing": "Select"}"#, "missing"),
            ("not json", "not a valid schema"),
        ] {
            let path = try temporaryFile(text, name: "schema.json")
            XCTAssertThrowsError(try LoadSchema.read(path: path), text) { error in
                let error = error as? LoadError
                XCTAssertEqual(error?.location.path, path)
                XCTAssertTrue(error?.message.contains(fragment) == true, "\(error?.message ?? "") lacks \(fragment)")
            }
        }
    }
}
