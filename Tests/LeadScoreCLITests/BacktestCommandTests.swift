import Foundation
import XCTest

/// `leadscore backtest` through the built binary: table, JSON, and an HTML page that escapes what it shows.
final class BacktestCommandTests: XCTestCase {
    func testBacktestPrintsJSONAndWritesAnEscapedPage() throws {
        let folder = try cliTemporaryFolder(self)
        // A file name is data too: it lands in the page's title and heading.
        let data = folder.appendingPathComponent("leads <b>&'x'.csv").path
        let synth = try runLeadScore(["synth", "1800", data, "--drift", "--seed", "4", "--months", "6"])
        XCTAssertEqual(synth.status, 0, synth.errors)
        let html = folder.appendingPathComponent("backtest.html").path
        let run = try runLeadScore(["backtest", data, "--target", "converted", "--time", "created_at", "--exclude", "lead_id,converted_at",
                                    "--every", "quarter", "--model", "logistic", "--json", "--html", html])
        XCTAssertEqual(run.status, 0, run.errors)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], run.output)
        let periods = try XCTUnwrap(report["periods"] as? [[String: Any]])
        XCTAssertEqual(periods.map { $0["period"] as? String }, ["2024-Q1", "2024-Q2"])
        XCTAssertEqual(periods[0]["note"] as? String, "no earlier leads to train on")
        XCTAssertEqual(periods[1]["trainingLeads"] as? Int, 900)
        XCTAssertEqual(periods[1]["trainingTo"] as? String, "2024-03-31")
        XCTAssertNotNil(periods[1]["auc"] as? Double)

        let page = try String(contentsOfFile: html, encoding: .utf8)
        XCTAssertTrue(page.contains("leads &lt;b&gt;&amp;&#39;x&#39;.csv"), page)
        XCTAssertFalse(page.contains("<b>&"), "an unescaped file name in the page")
        XCTAssertTrue(page.contains("<svg"), "no plot")

        let text = try runLeadScore(["backtest", data, "--target", "converted", "--time", "created_at", "--exclude", "lead_id,converted_at",
                                     "--every", "month", "--window", "2months", "--model", "logistic"])
        XCTAssertEqual(text.status, 0, text.errors)
        XCTAssertTrue(text.output.contains("2024-06"), text.output)
        XCTAssertTrue(text.output.contains("2024-01: no earlier leads to train on"), text.output)

        let bad = try runLeadScore(["backtest", data, "--target", "converted", "--time", "created_at", "--every", "fortnight"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.errors.contains("--every takes month, quarter or a whole number of days"), bad.errors)
    }
}
