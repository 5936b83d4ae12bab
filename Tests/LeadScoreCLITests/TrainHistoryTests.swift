import Foundation
import XCTest

/// `train --time COLUMN --history all|recent|auto`: which leads before test a time-aware card learns from
/// reaches the library, the summary's JSON and the card's provenance; without a time split it is refused.
final class TrainHistoryTests: XCTestCase {
    func testHistoryFlagReachesTheTrainerAndNeedsATimeSplit() throws {
        let folder = try cliTemporaryFolder(self)
        let data = folder.appendingPathComponent("drift.csv").path, card = folder.appendingPathComponent("card.json").path
        // 4 000 leads: 3 200 before test, enough for the four validation windows a history choice needs.
        XCTAssertEqual(try runLeadScore(["synth", "4000", data, "--drift", "--seed", "2"]).status, 0)
        let train = try runLeadScore(["train", data, "--target", "converted", "--exclude", "lead_id,converted_at", "--time", "created_at",
                                      "--history", "recent", "--model", "logistic", "--out", card, "--json"])
        XCTAssertEqual(train.status, 0, train.errors)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(train.output.utf8)) as? [String: Any])
        let history = try XCTUnwrap(summary["history"] as? [String: Any])
        XCTAssertEqual(history["chosen"] as? String, "recent")
        XCTAssertEqual(history["leadsBeforeTest"] as? Int, 3_200)
        XCTAssertEqual(history["fittingLeads"] as? Int, 1_600)
        XCTAssertEqual((summary["rows"] as? [String: Any])?["train"] as? Int, 1_600)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: card))) as? [String: Any])
        let settings = try XCTUnwrap(((json["provenance"] as? [String: Any])?["trainer"] as? [String: Any])?["settings"] as? [String: Any])
        XCTAssertEqual(settings["history"] as? String, "newest 1600 of 3200 leads")

        let refused = try runLeadScore(["train", data, "--target", "converted", "--history", "recent", "--out", card])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.errors.contains("--history needs a time split: add --time COLUMN"), refused.errors)
    }
}
