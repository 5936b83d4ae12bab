import Foundation
import XCTest

/// The leakage screen as a user meets it: `train` warns first (or fails with --strict), says what it left
/// out, and puts the findings in --json and the report; `inspect --target` ranks every column.
final class LeakageCommandTests: XCTestCase {
    /// 1,000 leads from a fixed pseudo-random sequence: an id, an honest source and visit count that raise
    /// the odds of converting, a form field left at "Select" in a third of the rows, and a status that sales
    /// set after the outcome ("Won"/"Lost" for 85 % of leads, "Open" for the rest).
    private func leaks() throws -> (folder: URL, path: String) {
        let folder = try cliTemporaryFolder(self)
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) * 0x1.0p-53
        }
        var lines = ["lead_id,source,visits,course,Lead Status,converted"]
        for row in 0..<1000 {
            let source = Int(uniform() * 3), visits = Int(uniform() * 20)
            let converted = uniform() < 0.1 + 0.1 * Double(source) + 0.015 * Double(visits)
            let course = row % 3 == 0 ? "Select" : ["finance", "marketing"][row % 2]
            let status = uniform() < 0.85 ? (converted ? "Won" : "Lost") : "Open"
            lines.append("\(5000 + row),\(["web", "event", "partner"][source]),\(visits),\(course),\(status),\(converted ? 1 : 0)")
        }
        let path = folder.appendingPathComponent("leads.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    func testTrainWarnsFirstAndSaysWhatItLeftOut() throws {
        let (folder, path) = try leaks()
        let card = folder.appendingPathComponent("card.json").path, report = folder.appendingPathComponent("report.html").path
        let result = try runLeadScore(["train", path, "--target", "converted", "--out", card, "--report", report])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.hasPrefix("WARNING: 1 column likely leaks the outcome"), result.output)
        XCTAssertTrue(result.output.contains("  Lead Status — likely leak; alone: held-out AUC 0.99"), result.output)
        XCTAssertTrue(result.output.contains("train without them: --exclude 'Lead Status'"), result.output)
        XCTAssertTrue(result.output.contains("pass --missing 'Select'"), result.output)
        XCTAssertTrue(result.output.contains("Columns left out of the model:\n  lead_id: an identifier (unique per lead)"), result.output)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let leakage = try XCTUnwrap(html.range(of: "Possible leakage")), glance = try XCTUnwrap(html.range(of: "At a glance"))
        XCTAssertLessThan(leakage.lowerBound, glance.lowerBound, "the warning is the report's first section")

        let excluded = try runLeadScore(["train", path, "--target", "converted", "--out", card, "--exclude", "Lead Status", "--missing", "Select"])
        XCTAssertEqual(excluded.status, 0, excluded.errors)
        XCTAssertFalse(excluded.output.contains("WARNING"), excluded.output)
        XCTAssertTrue(excluded.output.contains("  Lead Status: left out (--exclude)"), excluded.output)
    }

    func testTrainJSONCarriesTheScreen() throws {
        let (folder, path) = try leaks()
        let result = try runLeadScore(["train", path, "--target", "converted", "--out", folder.appendingPathComponent("card.json").path, "--json"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.errors.contains("WARNING: 1 column likely leaks"), "people still see it: \(result.errors)")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        XCTAssertNotNil(json["cardTest"], "the training summary is still there")
        let leakage = try XCTUnwrap(json["leakage"] as? [String: Any])
        XCTAssertEqual(leakage["flagged"] as? [String], ["Lead Status"])
        XCTAssertEqual(leakage["excludeOption"] as? String, "--exclude 'Lead Status'")
        let status = try XCTUnwrap((leakage["columns"] as? [[String: Any]])?.first)
        XCTAssertEqual(status["column"] as? String, "Lead Status")
        XCTAssertEqual(status["verdict"] as? String, "likely leak")
        XCTAssertEqual((status["reasons"] as? [[String: Any]])?.first?["kind"] as? String, "decidesAlone")
        XCTAssertEqual((json["leftOutColumns"] as? [[String: Any]])?.first?["reason"] as? String, "identifier")
        XCTAssertEqual((json["placeholders"] as? [[String: Any]])?.first?["suggestedOption"] as? String, "--missing 'Select'")
    }

    func testStrictFailsBeforeTrainingAndWritesNothing() throws {
        let (folder, path) = try leaks()
        let card = folder.appendingPathComponent("card.json").path
        let result = try runLeadScore(["train", path, "--target", "converted", "--out", card, "--strict"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.hasPrefix("error: 1 column likely leaks the outcome"), result.errors)
        XCTAssertTrue(result.errors.contains("--strict: stopped before training"), result.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: card))
        let clean = try runLeadScore(["train", path, "--target", "converted", "--out", card, "--strict", "--exclude", "Lead Status"])
        XCTAssertEqual(clean.status, 0, clean.errors)
    }

    func testInspectRanksEveryColumnWithItsFlags() throws {
        let (_, path) = try leaks()
        let result = try runLeadScore(["inspect", path, "--target", "converted"])
        XCTAssertEqual(result.status, 0, result.errors)
        let ranking = try XCTUnwrap(result.output.components(separatedBy: "strongest first:\n").last)
        let names = ranking.split(separator: "\n").prefix(5).map { $0.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(names.prefix(2), ["column", "Lead"])
        XCTAssertEqual(Set(names.dropFirst(2)), ["source", "visits", "course"], "every other feature column")
        XCTAssertTrue(ranking.contains("likely leak  decides alone, name: status, outcome values"), ranking)

        let synthetic = try runLeadScore(["inspect", "datasets/synthetic/leads.csv", "--target", "converted"])
        XCTAssertEqual(synthetic.status, 0, synthetic.errors)
        XCTAssertTrue(synthetic.output.contains("strongest first:"))
        XCTAssertFalse(synthetic.output.contains("WARNING"), synthetic.output)
    }
}
