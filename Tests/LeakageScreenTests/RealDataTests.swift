import XCTest
import LeadData
@testable import LeakageScreen

/// The screen on the project's real and synthetic data: what a naive first run is told.
final class RealDataTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// X Education is not redistributed (licence unknown): it is read from the `shared` folder beside the
    /// repository (or beside the folder of worktrees).
    private func xEducation() throws -> String {
        for folder in ["../shared", "../../shared"] {
            let path = Self.root.appendingPathComponent("\(folder)/datasets/x-education-leads/Leads.csv").standardizedFileURL.path
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        throw XCTSkip("X Education's Leads.csv is not in ../shared/datasets/x-education-leads/")
    }

    func testANaiveXEducationRunNamesTheFieldsSalesFillIn() throws {
        let data = try Dataset.load(csv: try xEducation(), options: LoadOptions(target: "Converted"))
        let report = try LeakageScreen().screen(data, seed: 1)
        XCTAssertEqual(Set(report.flagged.map(\.column)), ["Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"])
        XCTAssertTrue(report.flagged.allSatisfy { $0.verdict == .likelyLeak })
        let tags = try XCTUnwrap(report.column("Tags"))
        XCTAssertEqual(report.columns.first?.column, "Tags", "the strongest column alone")
        XCTAssertGreaterThan(try XCTUnwrap(tags.heldOutAUC), 0.90)
        XCTAssertTrue(tags.reasons.contains { if case .suspiciousValues(let values) = $0 { return values.contains("Closed by Horizzon") } else { return false } })
        XCTAssertTrue(try XCTUnwrap(report.column("Lead Quality")).reasons.contains(.suspiciousName(word: "quality")))
        XCTAssertTrue(try XCTUnwrap(report.column("Last Activity")).reasons.contains(.suspiciousValues(["Converted to Lead"])))
        // Strong but honest form fields are not flagged.
        for name in ["Total Time Spent on Website", "What is your current occupation", "Lead Origin", "Lead Source"] {
            XCTAssertEqual(report.column(name)?.verdict, LeakageVerdict.none, name)
        }
        // "Select" is a drop-down left at its default, in four columns.
        let select = try XCTUnwrap(report.placeholders.first)
        XCTAssertEqual(select.value, "Select")
        XCTAssertEqual(select.columns.map(\.column), ["Specialization", "How did you hear about X Education", "Lead Profile", "City"])
        XCTAssertEqual(select.columns.filter(\.isMostCommonValue).count, 3, "City's most common value is Mumbai")
        XCTAssertEqual(select.suggestedOption, "add \"Select\" to the missing-value texts (LoadOptions.missingTokens)")
    }

    func testXEducationWithoutTheSuggestedColumnsIsClean() throws {
        let excluded = ["Prospect ID", "Lead Number", "Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"]
        let data = try Dataset.load(csv: try xEducation(), options: LoadOptions(missingTokens: ["Select"], excluded: excluded, target: "Converted"))
        let report = try LeakageScreen().screen(data, seed: 1)
        XCTAssertEqual(report.flagged.map(\.column), [])
        XCTAssertEqual(report.placeholders, [])
        XCTAssertNil(report.warning)
    }

    func testOnlineShoppersFlagsPageValuesAsSuspect() throws {
        let path = Self.root.appendingPathComponent("datasets/online-shoppers/online_shoppers_intention.csv").path
        let report = try LeakageScreen().screen(try Dataset.load(csv: path, options: LoadOptions(target: "Revenue")), seed: 1)
        XCTAssertEqual(report.flagged.map(\.column), ["PageValues"])
        let pageValues = try XCTUnwrap(report.column("PageValues"))
        XCTAssertEqual(pageValues.verdict, .suspect)
        let auc = try XCTUnwrap(pageValues.heldOutAUC)
        XCTAssertEqual(pageValues.reasons, [.veryStrongAlone(auc: auc)])
        XCTAssertTrue((0.80..<0.90).contains(auc), "\(auc)")
    }

    func testSyntheticLeadsFlagNothing() throws {
        let path = Self.root.appendingPathComponent("datasets/synthetic/leads.csv").path
        let report = try LeakageScreen().screen(try Dataset.load(csv: path, options: LoadOptions(target: "converted")), seed: 1)
        XCTAssertEqual(report.flagged.map(\.column), [])
        XCTAssertEqual(report.placeholders, [])
        XCTAssertEqual(report.columns.count, 16, "every feature column is screened")
    }
}
