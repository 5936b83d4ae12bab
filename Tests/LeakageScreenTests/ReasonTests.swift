import XCTest
import LeadData
@testable import LeakageScreen

/// Names, values and verdicts: what makes a column suspect, what does not.
final class ReasonTests: XCTestCase {
    /// A moderately informative column (AUC 0.65): strong enough for name and value findings to count.
    private func leads(_ name: String, high: String = "b", low: String = "a") -> MirroredLeads {
        var leads = MirroredLeads()
        leads.add(65, converted: true, [name: .text(high)])
        leads.add(35, converted: true, [name: .text(low)])
        leads.add(35, converted: false, [name: .text(high)])
        leads.add(65, converted: false, [name: .text(low)])
        return leads
    }

    func testNamesOfTheSalesProcess() throws {
        for (name, word) in [("Lead Status", "status"), ("deal_stage", "stage"), ("LossReason", "reason"), ("Tags", "tags"), ("Lead Quality", "quality")] {
            XCTAssertEqual(try leads(name).screen().column(name)?.reasons, [.suspiciousName(word: word)], name)
        }
        for name in ["Statistics", "Stagecoach", "Lead Origin"] {
            XCTAssertEqual(try leads(name).screen().column(name)?.reasons, [], name)
        }
    }

    func testLastIsASnapshotOnlyForCategories() throws {
        XCTAssertEqual(try leads("Last Activity").screen().column("Last Activity")?.reasons, [.suspiciousName(word: "last")])
        var numeric = MirroredLeads()
        numeric.add(65, converted: true, ["days_since_last_activity": .number(1)])
        numeric.add(35, converted: true, ["days_since_last_activity": .number(9)])
        numeric.add(35, converted: false, ["days_since_last_activity": .number(1)])
        numeric.add(65, converted: false, ["days_since_last_activity": .number(9)])
        let screened = try XCTUnwrap(numeric.screen().column("days_since_last_activity"))
        XCTAssertEqual(screened.heldOutAUC, 0.65)
        XCTAssertEqual(screened.reasons, [])
    }

    func testValuesThatNameAnOutcome() throws {
        let closed = try leads("Note", high: "Closed by Horizzon", low: "Ringing").screen().column("Note")
        XCTAssertEqual(closed?.reasons, [.suspiciousValues(["Closed by Horizzon"])])
        XCTAssertEqual(try leads("Note", high: "Closet", low: "Wonder").screen().column("Note")?.reasons, [])
    }

    func testTwoKindsOfEvidenceMakeALikelyLeak() throws {
        let screened = try XCTUnwrap(leads("Lead Status", high: "Won", low: "Open").screen().column("Lead Status"))
        XCTAssertEqual(screened.reasons, [.suspiciousName(word: "status"), .suspiciousValues(["Won"])])
        XCTAssertEqual(screened.verdict, .likelyLeak)
        XCTAssertEqual(screened.suggestedAction, "leave it out: add \"Lead Status\" to the excluded columns (LoadOptions.excluded)")
    }

    func testAdviceSpeaksTheLibrarysTermsWithNamesQuoted() throws {
        let report = try leads("Rep's \"status\"").screen()
        XCTAssertEqual(report.column("Rep's \"status\"")?.suggestedAction,
                       "check it is known before the outcome; if not, add \"Rep's \\\"status\\\"\" to the excluded columns (LoadOptions.excluded)")
        XCTAssertEqual(report.excludeOption, "add \"Rep's \\\"status\\\"\" to the excluded columns (LoadOptions.excluded)")
        let warning = try XCTUnwrap(report.warning)
        XCTAssertTrue(warning.hasPrefix("WARNING: 1 column may leak the outcome: a field recorded by sales"))
        XCTAssertFalse(warning.contains("--"), "the library names no command-line flag: \(warning)")
        // A tool words the remedy its own way, from the names themselves.
        XCTAssertEqual(report.excludeOption(leavingOut: { "drop " + $0.joined(separator: "|") }), "drop Rep's \"status\"")
        XCTAssertTrue(try XCTUnwrap(report.warning(leavingOut: { _ in "DROP-IT" })).hasSuffix("train without them: DROP-IT"))
    }

    func testPlaceholderSpellings() {
        for value in ["Select", "-- Select --", "(not set)", "Unknown", "-", "?", "Please select"] {
            XCTAssertTrue(PlaceholderSearch.isPlaceholder(value), value)
        }
        for value in ["Selected", "None", "Other", "0", "Mumbai"] {
            XCTAssertFalse(PlaceholderSearch.isPlaceholder(value), value)
        }
    }

    func testTheScreenSplitsItsRowsByOutcomeAndSeed() throws {
        var data = ScreenTestData()
        data.add(40, converted: true, ["x": .text("a")])
        data.add(160, converted: false, ["x": .text("b")])
        let dataset = data.dataset()
        let report = try LeakageScreen().screen(dataset, seed: 3)
        XCTAssertEqual(report.heldOutRows, 50)  // a quarter of each outcome: 10 + 40
        XCTAssertEqual(report.trainingRows, 150)
        XCTAssertEqual(try LeakageScreen().screen(dataset, seed: 3), report)
        XCTAssertEqual(try LeakageScreen().screen(dataset, rows: Array(0..<20) + Array(40..<120)).heldOutRows, 25)
        var unlabeled = dataset
        unlabeled.labels = nil
        XCTAssertThrowsError(try LeakageScreen().screen(unlabeled)) { XCTAssertEqual($0 as? LeakageScreenError, .noOutcome) }
    }
}
