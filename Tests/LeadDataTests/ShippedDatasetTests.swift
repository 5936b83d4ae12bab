import TestSupport
import XCTest
@testable import LeadData

/// The real exports: counts checked against their SOURCE.md.
final class ShippedDatasetTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first of `paths` (relative to the repository) that exists.
    private func dataset(_ paths: String...) throws -> String {
        for path in paths {
            let url = Self.root.appendingPathComponent(path).standardizedFileURL
            if FileManager.default.fileExists(atPath: url.path) { return url.path }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: paths.joined(separator: ", ")])
    }

    func testOnlineShoppers() throws {
        let path = try dataset("datasets/online-shoppers/online_shoppers_intention.csv")
        let data = try Dataset.load(csv: path, options: LoadOptions(target: "Revenue"))
        XCTAssertEqual(data.rowCount, 12_330)
        XCTAssertEqual(data.columns.count, 17)
        XCTAssertEqual(data.labels?.reduce(0) { $0 + Int($1) }, 1_908)
        XCTAssertEqual(data.outcome, Outcome(column: "Revenue", positiveLabel: "TRUE", negativeLabel: "FALSE", droppedMissing: 0))
        XCTAssertTrue(data.columns.allSatisfy { $0.missingCount == 0 }, "SOURCE.md: no missing values")
        XCTAssertEqual(data.column(named: "Month")?.distinctCount, 10)
        XCTAssertEqual(data.column(named: "VisitorType")?.distinctCount, 3)
        XCTAssertEqual(data.column(named: "Weekend")?.role, .boolean)
        // Integer-coded categories come out numeric unless the user says otherwise.
        XCTAssertEqual(data.column(named: "OperatingSystems")?.role, .numeric)
        XCTAssertEqual(data.column(named: "OperatingSystems")?.distinctCount, 8)
        let bounce = try XCTUnwrap(data.column(named: "BounceRates")?.numbers)
        XCTAssertTrue(bounce.contains(9.83e-05), "scientific notation is read")
        XCTAssertEqual(bounce.max(), 0.2)
        XCTAssertEqual(data.column(named: "ProductRelated_Duration")?.numbers?.max(), 63_973.52223)
    }

    func testTheSameExportSemicolonSeparatedWithCRLFLoadsTheSame() throws {
        let path = try dataset("datasets/online-shoppers/online_shoppers_intention.csv")
        let text = try String(contentsOfFile: path, encoding: .utf8)  // no quoted fields in this file
        let semicolons = try temporaryFile(text.replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: "\n", with: "\r\n"))
        let comma = try Dataset.load(csv: path, options: LoadOptions(target: "Revenue"))
        let semicolon = try Dataset.load(csv: semicolons, options: LoadOptions(target: "Revenue"))
        XCTAssertEqual(semicolon.rowCount, comma.rowCount)
        XCTAssertEqual(semicolon.labels, comma.labels)
        XCTAssertEqual(semicolon.columns.map(\.name), comma.columns.map(\.name))
        XCTAssertEqual(semicolon.columns.map(\.role), comma.columns.map(\.role))
        XCTAssertEqual(semicolon.columns.map(\.values), comma.columns.map(\.values))
        XCTAssertEqual(semicolon.columns.map(\.distinctCount), comma.columns.map(\.distinctCount))
    }

    func testXEducationLeadsFromTheSharedFolder() throws {
        // Not redistributed (no confirmed licence): read from the shared folder beside the repository.
        let path = try SharedData.path(xEducationLeads)
        let options = LoadOptions(missingTokens: ["Select"], excluded: ["Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"],
                                  target: "Converted")
        let data = try Dataset.load(csv: path, options: options)
        XCTAssertEqual(data.rowCount, 9_240)
        XCTAssertEqual(data.columns.count, 36)
        XCTAssertEqual(data.labels?.reduce(0) { $0 + Int($1) }, 3_561)
        XCTAssertEqual(data.outcome?.positiveLabel, "1")
        // SOURCE.md's empty counts, plus its `Select` counts where the column has them.
        let missing = [
            "Prospect ID": 0, "Lead Number": 0, "Lead Origin": 0, "Lead Source": 36, "Do Not Email": 0, "TotalVisits": 137,
            "Total Time Spent on Website": 0, "Page Views Per Visit": 137, "Last Activity": 103, "Country": 2461,
            "Specialization": 1438 + 1942, "How did you hear about X Education": 2207 + 5043, "What is your current occupation": 2690,
            "What matters most to you in choosing a course": 2709, "Tags": 3353, "Lead Quality": 4767, "Lead Profile": 2709 + 4146,
            "City": 1420 + 2249, "Asymmetrique Activity Index": 4218, "Asymmetrique Profile Index": 4218,
            "Asymmetrique Activity Score": 4218, "Asymmetrique Profile Score": 4218, "Last Notable Activity": 0,
        ]
        for (name, count) in missing { XCTAssertEqual(data.column(named: name)?.missingCount, count, name) }
        let roles = Dictionary(uniqueKeysWithValues: data.columns.map { ($0.name, $0.role) })
        XCTAssertEqual(roles["Prospect ID"], .identifier)
        XCTAssertEqual(roles["Lead Number"], .identifier)
        XCTAssertEqual(data.column(named: "Lead Number")?.distinctCount, 9_240)
        XCTAssertEqual(roles["Do Not Email"], .boolean)
        XCTAssertEqual(roles["TotalVisits"], .numeric)
        XCTAssertEqual(roles["Tags"], .excluded)
        XCTAssertEqual(data.column(named: "Lead Source")?.distinctCount, 21)
        XCTAssertEqual(data.column(named: "Country")?.distinctCount, 38)
        XCTAssertTrue(data.column(named: "Lead Source")?.labels?.contains("Banking, Investment And Insurance") == false)
        XCTAssertTrue(data.column(named: "Specialization")?.labels?.contains("Banking, Investment And Insurance") == true,
                      "the quoted comma stays inside its field")
        XCTAssertEqual(data.notes.filter { $0.contains("single value") }.count, 5, "SOURCE.md lists five constant columns")
    }
}
