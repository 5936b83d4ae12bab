import Foundation
import XCTest

/// `leadscore report` and `train --report` as a user runs them: the HTML page's content, escaping, that
/// it needs nothing from the network, and that bad input leaves no file behind.
final class ReportCommandTests: XCTestCase {
    let seedCard = "docs/examples/synthetic-seed-practice.json"
    let leads = "datasets/synthetic/leads.csv"

    func testHTMLReportHasThePlotsAndEveryCriterionAndCondition() throws {
        let out = try cliTemporaryFolder(self).appendingPathComponent("report.html").path
        let result = try runLeadScore(["report", seedCard, leads, "--target", "converted", "--out", out])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(result.output, "Report written to \(out)\n")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for plot in ["ROC curve of the point totals", "Cumulative gains", "Reliability diagram", "Conversion rate by band of points",
                     "Points of converted and of lost leads", "Points per criterion"] {
            XCTAssertTrue(html.contains(#"<svg class="chart"#) && html.contains(#"aria-label="\#(plot)"#), "no plot \(plot)")
        }
        // Each plot twice: laid out for a screen and for a phone (the page shows the one that fits).
        XCTAssertEqual(html.components(separatedBy: #"<svg class="chart wide-layout""#).count - 1, 6)
        XCTAssertEqual(html.components(separatedBy: #"<svg class="chart narrow-layout""#).count - 1, 6)
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 12)
        XCTAssertEqual(html.components(separatedBy: "<polyline ").count - 1 >= 6, true)
        let card = try JSONSerialization.jsonObject(with: Data(contentsOf: cliRepositoryRoot.appendingPathComponent(seedCard))) as! [String: Any]
        for criterion in card["criteria"] as! [[String: Any]] {
            let label = criterion["label"] as! String
            XCTAssertTrue(html.contains("<caption>\(label) "), "criterion \(label) is not in the card table")
            XCTAssertTrue(html.contains(">\(label)</text>"), "criterion \(label) is not in the points chart")
            for condition in criterion["conditions"] as! [[String: Any]] {
                XCTAssertTrue(html.contains("<td>\(condition["label"] as! String)</td>"), "condition \(condition["label"]!) of \(label)")
            }
        }
        for tier in card["tiers"] as! [[String: Any]] {
            XCTAssertTrue(html.contains("<td>\(tier["name"] as! String)</td><td class=\"num\">\(tier["minimumPoints"] as! Int)–"), "tier \(tier["name"]!)")
        }
        XCTAssertTrue(html.contains("Measured on leads.csv: 20\u{202F}000 leads"), "the data is not named")
    }

    func testHTMLReportIsSelfContained() throws {
        let out = try cliTemporaryFolder(self).appendingPathComponent("report.html").path
        XCTAssertEqual(try runLeadScore(["report", seedCard, leads, "--target", "converted", "--out", out]).status, 0)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        for reference in ["http://", "https://", "<script", "<link", "<img", "src=", "@import", "url("] {
            XCTAssertFalse(html.contains(reference), "the page refers to something outside it: \(reference)")
        }
    }

    func testTextFromTheCardAndTheDataIsEscaped() throws {
        let folder = try cliTemporaryFolder(self)
        let (card, data) = try trickyCard(in: folder)
        let page = folder.appendingPathComponent("report.html").path
        let notebook = folder.appendingPathComponent("report.ipynb").path
        for out in [page, notebook] {
            let result = try runLeadScore(["report", card, data, "--target", "won", "--out", out])
            XCTAssertEqual(result.status, 0, result.errors)
        }
        let html = try String(contentsOfFile: page, encoding: .utf8)
        XCTAssertTrue(html.contains("<td>&lt;b&gt;bold&lt;/b&gt;</td>"), "the category does not show literally")
        XCTAssertTrue(html.contains("Source &lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("<h1>Tricky &lt;card&gt; &amp; co</h1>"))
        XCTAssertTrue(html.contains("call &amp; &lt;u&gt;now&lt;/u&gt;"))
        XCTAssertTrue(html.contains("hot &quot;&lt;i&gt;&quot; 20+</text>"), "the tier name in a plot")
        for raw in ["<b>bold", "<script>", "<i>", "<u>", "<card>"] { XCTAssertFalse(html.contains(raw), "\(raw) is not escaped") }

        let contents = try NotebookContents(path: notebook)
        XCTAssertTrue(contents.markdown.contains("&lt;b&gt;bold&lt;/b&gt;"), contents.markdown)
        XCTAssertTrue(contents.markdown.contains(#"other \| \$5 \*x\*"#), "markdown punctuation is not escaped: \(contents.markdown)")
        for raw in ["<b>bold", "<script>", "<i>", "<u>", "<card>"] {
            XCTAssertFalse(contents.markdown.contains(raw), "\(raw) is not escaped in the markdown")
            XCTAssertFalse(contents.images.contains { $0.contains(raw) }, "\(raw) is not escaped in a plot")
        }
    }

    func testTrainWritesAReportOnTheTestLeads() throws {
        let folder = try cliTemporaryFolder(self)
        let card = folder.appendingPathComponent("card.json").path, report = folder.appendingPathComponent("report.html").path
        let result = try runLeadScore(["train", leads, "--target", "converted", "--out", card, "--report", report])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.hasSuffix("Report written to \(report)\n"), result.output)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        XCTAssertTrue(html.contains("Measured on the test split of leads.csv (stratified random, seed 1): 4\u{202F}000 leads"), "not on the test leads")
        XCTAssertTrue(html.contains("Converted when trained"), "the tiers' own record is missing")
        // The exact counts of the run: 16 000 fitting leads cross-fitted in 4 folds, 4 000 test leads.
        XCTAssertTrue(html.contains("16\u{202F}000 to fit and validate by 4-fold cross-fitting"), "the trained-on line")
        XCTAssertTrue(html.contains("4\u{202F}000 to test"), "the trained-on line")
    }

    func testBadInputFailsWithTheProblemAndWritesNothing() throws {
        let folder = try cliTemporaryFolder(self)
        let out = folder.appendingPathComponent("report.html").path
        let cases: [(arguments: [String], message: String)] = [
            (["report", "no-such-card.json", leads, "--target", "converted", "--out", out], "error: no-such-card.json: cannot read the file"),
            (["report", seedCard, leads, "--target", "no_such_column", "--out", out], "no_such_column"),
            (["report", seedCard, leads, "--target", "converted", "--out", folder.appendingPathComponent("missing/report.html").path],
             "error: cannot write \(folder.path)/missing/report.html: there is no folder \(folder.path)/missing"),
            (["report", seedCard, leads, "--target", "converted", "--out", seedCard], "is the card itself"),
        ]
        for (arguments, message) in cases {
            let result = try runLeadScore(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.errors)")
            XCTAssertEqual(result.output, "")
            XCTAssertTrue(result.errors.contains(message), "\(arguments): \(result.errors)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "\(arguments) left a file")
        }
        let usage = try runLeadScore(["report", seedCard, leads, "--out", out])
        XCTAssertNotEqual(usage.status, 0)
        XCTAssertTrue(usage.errors.contains("--target"), usage.errors)
    }

    /// A card and data whose names are markup and markdown.
    private func trickyCard(in folder: URL) throws -> (card: String, data: String) {
        let card = folder.appendingPathComponent("tricky.json").path
        try #"""
            {"format": "leadscore-card", "version": 1, "name": "Tricky <card> & co",
             "criteria": [{"feature": "source", "label": "Source <script>alert(1)</script>", "type": "categorical", "conditions": [
                {"categories": ["<b>bold</b>"], "points": 30, "label": "<b>bold</b>"},
                {"otherwise": true, "points": 0, "label": "other | $5 *x*"}]}],
             "tiers": [{"name": "hot \"<i>\"", "minimumPoints": 20, "action": "call & <u>now</u>"}, {"name": "cold", "minimumPoints": 0}]}
            """#.write(toFile: card, atomically: true, encoding: .utf8)
        let data = folder.appendingPathComponent("tricky.csv").path
        let rows = (0..<40).map { row in "\(row % 2 == 0 ? "<b>bold</b>" : "web"),\(row % 3 == 0 || row % 4 == 0 ? "yes" : "no")" }
        try (["source,won"] + rows).joined(separator: "\n").write(toFile: data, atomically: true, encoding: .utf8)
        return (card, data)
    }
}
