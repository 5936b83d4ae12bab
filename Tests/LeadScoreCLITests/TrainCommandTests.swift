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

    func testMonotoneNeedsTheStumpsTrainerAndOneDirection() throws {
        let card = try cliTemporaryFolder(self).appendingPathComponent("card.json").path
        let logistic = try runLeadScore(["train", synthetic, "--target", "converted", "--model", "logistic", "--out", card, "--increasing", "page_views"])
        XCTAssertNotEqual(logistic.status, 0)
        XCTAssertTrue(logistic.errors.contains("--model stumps"), logistic.errors)
        let both = try runLeadScore(["train", synthetic, "--target", "converted", "--out", card, "--increasing", "page_views", "--decreasing", "page_views"])
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.errors.contains("'page_views' is both"), both.errors)
        let unknown = try runLeadScore(["train", synthetic, "--target", "converted", "--out", card, "--increasing", "no_such_column"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.errors.contains("no_such_column"), unknown.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: card), "no card after a failed run")
    }
}
