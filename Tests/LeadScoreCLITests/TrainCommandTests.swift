import Foundation
import XCTest

/// `train` options that shape the card, end to end through the built binary.
final class TrainCommandTests: XCTestCase {
    private let synthetic = cliRepositoryRoot.appendingPathComponent("datasets/synthetic/leads.csv").path

    func testMonotoneColumnsGetPointsThatOnlyRiseOrOnlyFall() throws {
        let card = try cliTemporaryFolder(self).appendingPathComponent("card.json").path
        // Unconstrained, the stumps give noise_0's tails more points than its middle (it is pure noise).
        let result = try runLeadScore(["train", synthetic, "--target", "converted", "--exclude", "lead_id", "--out", card,
                                       "--increasing", "noise_0,email_clicks", "--decreasing", "days_since_last_activity"])
        XCTAssertEqual(result.status, 0, result.errors)
        let criteria = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: card))) as? [String: Any])["criteria"] as? [[String: Any]]
        func rangePoints(_ feature: String) -> [Int]? {
            // Conditions of a numeric criterion: ranges in ascending order, then "missing".
            (criteria?.first { $0["feature"] as? String == feature }?["conditions"] as? [[String: Any]])?
                .filter { $0["range"] != nil }.compactMap { $0["points"] as? Int }
        }
        for feature in ["noise_0", "email_clicks"] {
            if let points = rangePoints(feature) { XCTAssertEqual(points, points.sorted(), "\(feature) only rises: \(points)") }
        }
        let recency = try XCTUnwrap(rangePoints("days_since_last_activity"), "recency is a real effect and keeps its points")
        XCTAssertEqual(recency, recency.sorted(by: >), "recency only falls: \(recency)")
        XCTAssertGreaterThan(recency.count, 1)
    }

    func testMonotoneTakesOneDirectionAndANumericColumn() throws {
        let card = try cliTemporaryFolder(self).appendingPathComponent("card.json").path
        // Issue 18: a direction now shapes a logistic card too (its steps are projected onto it).
        let logistic = try runLeadScore(["train", synthetic, "--target", "converted", "--model", "logistic", "--out", card, "--decreasing", "days_since_last_activity"])
        XCTAssertEqual(logistic.status, 0, logistic.errors)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: card))) as? [String: Any])
        let criteria = try XCTUnwrap(json["criteria"] as? [[String: Any]])
        let recency = try XCTUnwrap(criteria.first { $0["feature"] as? String == "days_since_last_activity" })
        let points = (recency["conditions"] as? [[String: Any]] ?? []).filter { $0["range"] != nil }.compactMap { $0["points"] as? Int }
        XCTAssertEqual(points, points.sorted(by: >), "recency only falls on the logistic card: \(points)")
        try FileManager.default.removeItem(atPath: card)
        let both = try runLeadScore(["train", synthetic, "--target", "converted", "--out", card, "--increasing", "page_views", "--decreasing", "page_views"])
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.errors.contains("'page_views' is both"), both.errors)
        let unknown = try runLeadScore(["train", synthetic, "--target", "converted", "--out", card, "--increasing", "no_such_column"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.errors.contains("no_such_column"), unknown.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: card), "no card after a failed run")
    }

    func testRandomSplitsCrossFitAndTimeSplitsValidateOnTheNewestLeads() throws {
        let folder = try cliTemporaryFolder(self)
        let card = folder.appendingPathComponent("card.json").path
        func summary(_ data: String, _ extra: [String]) throws -> [String: Any] {
            let result = try runLeadScore(["train", data, "--target", "converted", "--exclude", "lead_id", "--out", card, "--json"] + extra)
            XCTAssertEqual(result.status, 0, result.errors)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        }
        func tierLeads(_ summary: [String: Any]) throws -> Double {
            let tiers = try XCTUnwrap(summary["tiers"] as? [[String: Any]])
            return tiers.compactMap { $0["shareOfLeads"] as? Double }.reduce(0, +)
        }
        let crossFitted = try summary(synthetic, [])
        let rows = try XCTUnwrap(crossFitted["rows"] as? [String: Int])
        // 20 000 leads: 20 % test, the other 16 000 in 4 folds, every one of them held out once.
        XCTAssertEqual(rows["test"], 4_000)
        XCTAssertEqual(rows["train"], 16_000)
        XCTAssertEqual(rows["heldOut"], 16_000)
        XCTAssertEqual(rows["folds"], 4)
        XCTAssertEqual(try tierLeads(crossFitted), 1, accuracy: 1e-9)
        XCTAssertTrue((crossFitted["modelNote"] as? String ?? "").contains("average of 4 fold models"))

        // The same leads with a creation order: the newest fifth tests, rolling windows before it validate.
        // (`--split time:created` is `--time created`.)
        let lines = try String(contentsOfFile: synthetic, encoding: .utf8).split(separator: "\n")
        let dated = folder.appendingPathComponent("dated.csv")
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        try (["\(lines[0]),created"] + lines.dropFirst().enumerated().map { "\($1),\(day.string(from: Date(timeIntervalSince1970: Double($0) * 86_400)))" })
            .joined(separator: "\n")
            .write(to: dated, atomically: true, encoding: .utf8)
        let timed = try summary(dated.path, ["--split", "time:created"])
        let timedRows = try XCTUnwrap(timed["rows"] as? [String: Int])
        XCTAssertEqual(timedRows["test"], 4_000)
        // Four rolling windows of 3 200 leads validate, each by a model of the leads before it; the card's
        // model is refitted on all 16 000 leads before test (`--time`).
        XCTAssertEqual(timedRows["train"], 16_000)
        XCTAssertEqual(timedRows["heldOut"], 12_800)
        XCTAssertNil(timedRows["folds"])
        XCTAssertEqual(timed["tiersMeasuredOn"] as? String,
                       "the newest leads before test (the newest validation window), each by the model of the older leads, which never saw it")
    }

    func testUncappedCardsAddUpToTheMaximumAndDefaultOnesPastIt() throws {
        let card = try cliTemporaryFolder(self).appendingPathComponent("card.json").path
        func bestPointsSum(_ extra: [String]) throws -> Int {
            let result = try runLeadScore(["train", synthetic, "--target", "converted", "--exclude", "lead_id", "--out", card] + extra)
            XCTAssertEqual(result.status, 0, result.errors)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: card))) as? [String: Any])
            XCTAssertEqual(json["maximumPoints"] as? Int, 100)
            let criteria = try XCTUnwrap(json["criteria"] as? [[String: Any]])
            return criteria.map { (($0["conditions"] as? [[String: Any]]) ?? []).compactMap { $0["points"] as? Int }.max() ?? 0 }.reduce(0, +)
        }
        XCTAssertEqual(try bestPointsSum(["--uncapped"]), 100)
        XCTAssertGreaterThan(try bestPointsSum([]), 100, "no synthetic lead meets every best condition, so the best real one sets the scale")
    }
}
