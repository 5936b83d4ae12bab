import Foundation
import XCTest

/// `synth --drift`, `monitor`, `recalibrate` and `diff` through the built binary.
final class CardOperationsCommandTests: XCTestCase {
    let seedCard = "docs/examples/synthetic-seed-practice.json"
    let leads = "datasets/synthetic/leads.csv"

    func json(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    func testDriftingSynthTrainStoresABaselineAndMonitorExitMatchesItsVerdict() throws {
        let folder = try cliTemporaryFolder(self)
        let data = folder.appendingPathComponent("drift.csv").path
        let synth = try runLeadScore(["synth", "4800", data, "--drift", "--seed", "3"])
        XCTAssertEqual(synth.status, 0, synth.errors)
        let truth = try json(folder.appendingPathComponent("drift.truth.json").path)
        XCTAssertEqual((truth["periods"] as? [Any])?.count, 24)
        let header = try String(contentsOfFile: data, encoding: .utf8).prefix { $0 != "\n" }
        XCTAssertTrue(header.hasPrefix("lead_id,created_at,"), String(header))

        let card = folder.appendingPathComponent("card.json").path
        let train = try runLeadScore(["train", data, "--target", "converted", "--split", "time:created_at", "--model", "logistic", "--out", card])
        XCTAssertEqual(train.status, 0, train.errors)
        let provenance = try XCTUnwrap(try json(card)["provenance"] as? [String: Any])
        let baseline = try XCTUnwrap(provenance["baseline"] as? [String: Any])
        XCTAssertEqual((baseline["criteria"] as? [Any])?.count, (try json(card)["criteria"] as? [Any])?.count)

        let html = folder.appendingPathComponent("monitor.html").path
        let monitor = try runLeadScore(["monitor", card, data, "--target", "converted", "--json", "--html", html])
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(monitor.output.utf8)) as? [String: Any], monitor.errors)
        let expected: [String: Int32] = ["ok": 0, "recalibrate": 10, "retrain": 20]
        XCTAssertEqual(monitor.status, expected[report["verdict"] as? String ?? ""], monitor.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: html))

        // Lead velocity: the drifting leads carry converted_at, and stronger leads convert sooner.
        let evaluate = try runLeadScore(["evaluate", card, data, "--target", "converted", "--created", "created_at", "--converted-at", "converted_at", "--json"])
        XCTAssertEqual(evaluate.status, 0, evaluate.errors)
        let evaluation = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(evaluate.output.utf8)) as? [String: Any])
        let tiers = try XCTUnwrap((evaluation["leadVelocity"] as? [String: Any])?["tiers"] as? [[String: Any]])
        let medians = tiers.compactMap { $0["medianDays"] as? Double }
        XCTAssertEqual(medians.count, 3)
        XCTAssertLessThan(medians.first!, medians.last!, "the hot tier converts sooner than the cold one")
        let half = try runLeadScore(["evaluate", card, data, "--target", "converted", "--created", "created_at"])
        XCTAssertNotEqual(half.status, 0)
        XCTAssertTrue(half.errors.contains("--converted-at"), half.errors)
    }

    /// The same leads as the baseline: nothing moved, exit 0. A tenth of the leads from a source named
    /// like markup: retrain (exit 20), and the page shows the name as text.
    func testMonitorExitStatusAndEscapedPage() throws {
        let same = try runLeadScore(["monitor", seedCard, leads, "--baseline", leads])
        XCTAssertEqual(same.status, 0, same.output + same.errors)
        XCTAssertTrue(same.output.contains("PSI of the total: 0.000"), same.output)
        XCTAssertTrue(same.output.contains("Verdict: ok"), same.output)

        let folder = try cliTemporaryFolder(self)
        let hostile = folder.appendingPathComponent("hostile.csv").path
        var lines = try String(contentsOfFile: cliRepositoryRoot.appendingPathComponent(leads).path, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        for index in stride(from: 1, to: lines.count, by: 10) {
            var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = "<script>alert(1)</script>"
            lines[index] = fields.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: hostile, atomically: true, encoding: .utf8)
        let html = folder.appendingPathComponent("m.html").path
        let drifted = try runLeadScore(["monitor", seedCard, hostile, "--baseline", leads, "--html", html])
        XCTAssertEqual(drifted.status, 20, drifted.output + drifted.errors)
        XCTAssertTrue(drifted.output.contains("lead_source category no training lead had"), drifted.output)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertFalse(page.contains("<script>"))

        let noBaseline = try runLeadScore(["monitor", seedCard, leads])
        XCTAssertEqual(noBaseline.status, 1)
        XCTAssertTrue(noBaseline.errors.contains("--baseline"), noBaseline.errors)
    }

    func testRecalibrateKeepsPointsWritesAtomicallyAndDiffShowsOnlyTheTable() throws {
        let folder = try cliTemporaryFolder(self)
        let out = folder.appendingPathComponent("new.json").path
        let run = try runLeadScore(["recalibrate", seedCard, leads, "--target", "converted", "--holdout", "0.5", "--tiers", "capacity:10%,30%", "--out", out])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(run.output.contains("held-out leads not used for the refit"), run.output)
        let (old, new) = (try json(cliRepositoryRoot.appendingPathComponent(seedCard).path), try json(out))
        XCTAssertEqual(try JSONSerialization.data(withJSONObject: old["criteria"]!, options: .sortedKeys),
                       try JSONSerialization.data(withJSONObject: new["criteria"]!, options: .sortedKeys))
        let recalibrations = try XCTUnwrap((new["provenance"] as? [String: Any])?["recalibrations"] as? [[String: Any]])
        XCTAssertEqual(((recalibrations.first?["data"] as? [String: Any])?["sha256"] as? String)?.count, 64)
        XCTAssertEqual(recalibrations.first?["tiers"] as? String, "capacity:10%,30%")

        let diff = try runLeadScore(["diff", seedCard, out, leads])
        XCTAssertEqual(diff.status, 0, diff.errors)
        XCTAssertTrue(diff.output.contains("points → probability table changed"), diff.output)
        XCTAssertTrue(diff.output.contains("0 change total"), diff.output)
        XCTAssertTrue(diff.output.contains("Unchanged criteria: demo_requested"), diff.output)

        // A directory given as --out is refused and left alone.
        let directory = folder.appendingPathComponent("keep").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let refused = try runLeadScore(["recalibrate", seedCard, leads, "--target", "converted", "--out", directory])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.errors.contains("is a directory"), refused.errors)
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }, [], "no temporary file left")
    }
}
