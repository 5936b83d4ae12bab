import Foundation
import XCTest

/// `evaluate`, `compare` and `report` given the file a card was trained on measure the card's held-out test
/// leads, equal to what `train` reported on test; `--all-rows` labels its figures in-sample (issue 17 part 3).
final class HeldOutFiguresTests: XCTestCase {
    private static let synthetic = cliRepositoryRoot.appendingPathComponent("datasets/synthetic/leads.csv").path
    private static let seedCard = cliRepositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path
    private static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadscore-heldout-\(UUID().uuidString)")
    private static var card: String { folder.appendingPathComponent("card.json").path }
    /// `train --json`'s test AUC of the card, trained once for the whole class.
    nonisolated(unsafe) private static var trainTestAUC: Double?
    nonisolated(unsafe) private static var trainFailure: String?

    override class func setUp() {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let trained = try runLeadScore(["train", synthetic, "--target", "converted", "--out", card, "--json"])
            guard trained.status == 0 else { trainFailure = trained.errors; return }
            let summary = try JSONSerialization.jsonObject(with: Data(trained.output.utf8)) as? [String: Any]
            trainTestAUC = (summary?["cardTest"] as? [String: Any])?["auc"] as? Double
        } catch {
            trainFailure = "\(error)"
        }
    }

    override class func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func trainedAUC() throws -> Double {
        try XCTUnwrap(Self.trainTestAUC, "train failed: \(Self.trainFailure ?? "no cardTest.auc in its --json")")
    }

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try runLeadScore(arguments)
        XCTAssertEqual(result.status, 0, result.errors)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], result.output)
    }

    func testEvaluateOnTheTrainingFileReportsTrainsTestFigures() throws {
        let expected = try trainedAUC()
        // No --target: the card records its outcome column.
        let report = try json(["evaluate", Self.card, Self.synthetic, "--json"])
        XCTAssertEqual(try XCTUnwrap(report["auc"] as? Double), expected, accuracy: 1e-12)
        XCTAssertEqual(report["rows"] as? Int, 4000, "20 % of the 20 000 leads were test")
        XCTAssertEqual(report["inSample"] as? Bool, false)
        XCTAssertTrue((report["measuredOn"] as? String ?? "").contains("held-out test leads"), "\(report["measuredOn"] ?? "")")

        let text = try runLeadScore(["evaluate", Self.card, Self.synthetic])
        XCTAssertEqual(text.status, 0, text.errors)
        XCTAssertTrue(text.output.hasPrefix("Measured on 4000 of 20000 leads: the held-out test leads"), text.output)
    }

    func testAllRowsLabelsTheFiguresInSample() throws {
        let expected = try trainedAUC()
        let report = try json(["evaluate", Self.card, Self.synthetic, "--all-rows", "--json"])
        XCTAssertEqual(report["rows"] as? Int, 20000)
        XCTAssertEqual(report["inSample"] as? Bool, true)
        let auc = try XCTUnwrap(report["auc"] as? Double)
        XCTAssertGreaterThan(auc, expected, "on its own training leads the card looks better than on test")
        XCTAssertFalse((report["warnings"] as? [String] ?? []).isEmpty)

        let text = try runLeadScore(["evaluate", Self.card, Self.synthetic, "--all-rows"])
        XCTAssertTrue(text.output.contains("IN-SAMPLE"), text.output)
        XCTAssertTrue(text.output.contains("AUC (points, IN-SAMPLE)"), text.output)
        XCTAssertTrue(text.output.contains("warning: "), text.output)
    }

    func testReportSaysWhichLeadsAndLabelsInSample() throws {
        let expected = try trainedAUC()
        let page = Self.folder.appendingPathComponent("held-out.html").path
        let result = try runLeadScore(["report", Self.card, Self.synthetic, "--out", page])
        XCTAssertEqual(result.status, 0, result.errors)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        XCTAssertTrue(html.contains("held-out test leads"), "the page names its leads")
        XCTAssertTrue(html.contains(String(format: "%.3f", expected)) || html.contains(String(format: "%.4f", expected)),
                      "the page's AUC is train's test AUC \(expected)")
        XCTAssertFalse(html.contains("AUC of the points (in-sample)"))

        let all = Self.folder.appendingPathComponent("all-rows.html").path
        let inSample = try runLeadScore(["report", Self.card, Self.synthetic, "--out", all, "--all-rows"])
        XCTAssertEqual(inSample.status, 0, inSample.errors)
        let labelled = try String(contentsOfFile: all, encoding: .utf8)
        XCTAssertTrue(labelled.contains("AUC of the points (in-sample)"), "every headline figure says in-sample")
        XCTAssertTrue(labelled.contains("IN-SAMPLE"))
        XCTAssertTrue(inSample.errors.contains("warning: "), inSample.errors)
    }

    func testCompareUsesHeldOutLeadsWithAPairedInterval() throws {
        let expected = try trainedAUC()
        let report = try json(["compare", Self.seedCard, Self.card, Self.synthetic, "--json"])
        XCTAssertEqual(report["inSample"] as? Bool, false)
        let cards = try XCTUnwrap(report["cards"] as? [[String: Any]])
        XCTAssertEqual(cards[1]["auc"] as? Double ?? 0, expected, accuracy: 1e-12)
        let paired = try XCTUnwrap(report["secondMinusFirst"] as? [String: Any])
        let difference = try XCTUnwrap(paired["difference"] as? Double)
        XCTAssertEqual(difference, (cards[1]["auc"] as! Double) - (cards[0]["auc"] as! Double), accuracy: 1e-12)
        let (lower, upper) = (try XCTUnwrap(paired["lower"] as? Double), try XCTUnwrap(paired["upper"] as? Double))
        XCTAssertTrue(lower < difference && difference < upper)
        let criteria = try XCTUnwrap(report["criteria"] as? [[String: Any]])
        let demo = try XCTUnwrap(criteria.first { $0["feature"] as? String == "demo_requested" })
        XCTAssertEqual((demo["first"] as? [String: Any])?["highest"] as? Int, 25, "the seed card gives a demo request 25 points")

        let text = try runLeadScore(["compare", Self.seedCard, Self.card, Self.synthetic])
        XCTAssertTrue(text.output.contains("95 % interval"), text.output)
        XCTAssertTrue(text.output.contains("Points per criterion"), text.output)
        XCTAssertTrue(text.output.contains("demo_requested"), text.output)
    }

    func testACardWithoutItsSplitCannotClaimTestFigures() throws {
        var card = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.card))) as? [String: Any])
        var provenance = try XCTUnwrap(card["provenance"] as? [String: Any])
        provenance["split"] = nil
        card["provenance"] = provenance
        let old = Self.folder.appendingPathComponent("no-split.json")
        try JSONSerialization.data(withJSONObject: card).write(to: old)
        let report = try json(["evaluate", old.path, Self.synthetic, "--json"])
        XCTAssertEqual(report["inSample"] as? Bool, true)
        XCTAssertEqual(report["rows"] as? Int, 20000)
        XCTAssertTrue((report["warnings"] as? [String] ?? []).contains { $0.contains("does not record how this file was split") }, "\(report)")
    }

    func testAnotherFileWithTheTrainingFilesNameMayOverlap() throws {
        // The same export saved again without its last lead: another SHA-256, the same name.
        let folder = Self.folder.appendingPathComponent("later")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var lines = try String(contentsOfFile: Self.synthetic, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last == "" { lines.removeLast() }
        lines.removeLast()
        let copy = folder.appendingPathComponent("leads.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: copy, atomically: true, encoding: .utf8)
        let report = try json(["evaluate", Self.card, copy, "--json"])
        XCTAssertEqual(report["rows"] as? Int, 19999)
        XCTAssertTrue((report["warnings"] as? [String] ?? []).contains { $0.contains("partly in-sample") }, "\(report)")
        XCTAssertTrue((report["measuredOn"] as? String ?? "").contains("possibly partly in-sample"))
    }

    func testEvaluateWithoutTargetNeedsOneWhenTheCardHasNone() throws {
        let result = try runLeadScore(["evaluate", Self.seedCard, Self.synthetic])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.contains("--target"), result.errors)
    }
}
