import Foundation
import XCTest

/// `evaluate` and `compare` on history, end to end through the built binary.
final class EvaluateCommandTests: XCTestCase {
    private let synthetic = cliRepositoryRoot.appendingPathComponent("datasets/synthetic/leads.csv").path
    private let seedCard = cliRepositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path

    func testHandWrittenCardIsMeasuredOnHistory() throws {
        let result = try runLeadScore(["evaluate", seedCard, synthetic, "--target", "converted", "--json"])
        XCTAssertEqual(result.status, 0, result.errors)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        XCTAssertEqual(report["rows"] as? Int, 20000)
        let auc = try XCTUnwrap(report["auc"] as? Double)
        XCTAssertTrue((0.6...0.8).contains(auc), "a guessed card ranks better than chance, worse than the truth: \(auc)")
        let tiers = try XCTUnwrap((report["tiers"] as? [String: Any])?["tiers"] as? [[String: Any]])
        let shares = tiers.compactMap { $0["shareOfLeads"] as? Double }
        XCTAssertEqual(shares.reduce(0, +), 1, accuracy: 1e-9)
    }

    func testExcludedColumnsScoreAsMissingNotAsRowNumbers() throws {
        // The seed card gives points for pricing_page_visits; excluding the column must make every lead
        // score it as missing, and say so.
        let result = try runLeadScore(["evaluate", seedCard, synthetic, "--target", "converted", "--exclude", "pricing_page_visits"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.contains("Not in the data, scored as missing: pricing_page_visits"), result.output)
    }

    func testCompareNamesTheBetterCard() throws {
        let folder = try cliTemporaryFolder(self)
        let learned = folder.appendingPathComponent("card.json").path
        let trained = try runLeadScore(["train", synthetic, "--target", "converted", "--model", "logistic", "--out", learned])
        XCTAssertEqual(trained.status, 0, trained.errors)
        let result = try runLeadScore(["compare", seedCard, learned, synthetic, "--target", "converted"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.contains("ranks leads better"), result.output)
        XCTAssertTrue(result.output.contains("logistic regression ranks leads better"), "the learned card wins: \(result.output)")
    }

    func testUnknownTargetIsAnErrorNotACrash() throws {
        let result = try runLeadScore(["evaluate", seedCard, synthetic, "--target", "nope"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.hasPrefix("error: "), result.errors)
        XCTAssertTrue(result.errors.contains("nope"))
    }
}
