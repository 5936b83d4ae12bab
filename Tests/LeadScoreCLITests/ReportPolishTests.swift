import Foundation
import XCTest

/// Issue 18 item 6 and issue 19 item 7 on the HTML report: the "Trained on" line's fitting, validation and
/// test counts, point bands whose ranges do not overlap, y-axis ticks at round percentages, no float noise,
/// a closing "What to do next", and lead velocity per tier — each checked against counts done by hand.
final class ReportPolishTests: XCTestCase {
    let seedCard = "docs/examples/synthetic-seed-practice.json"
    let leads = "datasets/synthetic/leads.csv"

    func testTrainedOnCountsBandsTicksAndNextSteps() throws {
        let folder = try cliTemporaryFolder(self)
        // The seed card with the provenance of a logistic card trained on the synthetic leads: 20 000 leads,
        // 19.17 % converted (3 834), split stratified 60/20/20. Per class, as `Dataset.split` rounds:
        // test round(16 166 × 0.2) + round(3 834 × 0.2) = 3 233 + 767 = 4 000, validation the same, fit 12 000.
        var card = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: cliRepositoryRoot.appendingPathComponent(seedCard))) as? [String: Any])
        card["provenance"] = [
            "data": ["file": "leads.csv", "sha256": String(repeating: "0", count: 64), "rows": 20000, "positiveRate": 0.1917],
            "target": "converted", "positiveLabel": "1",
            "trainer": ["name": "logistic regression", "settings": ["seed": 1]],
            "created": "2026-12-02T10:00:00Z",
            "split": ["method": "stratified", "seed": 1, "validationFraction": 0.2, "testFraction": 0.2],
        ]
        let cardPath = folder.appendingPathComponent("card.json").path
        try JSONSerialization.data(withJSONObject: card, options: [.sortedKeys]).write(to: URL(fileURLWithPath: cardPath))
        let out = folder.appendingPathComponent("report.html").path
        let result = try runLeadScore(["report", cardPath, leads, "--out", out])
        XCTAssertEqual(result.status, 0, result.errors)
        let html = try String(contentsOfFile: out, encoding: .utf8)

        XCTAssertTrue(html.contains("leads.csv: 20\u{202F}000 leads (19.2 % converted) — 12\u{202F}000 to fit, 4\u{202F}000 to validate"), "trained-on line")
        XCTAssertTrue(html.contains("4\u{202F}000 to test"), "trained-on line")

        // The last section says what to do next, with the card's own path; review 90 days after training.
        let sections = html.components(separatedBy: "<h2>")
        XCTAssertTrue(sections.last!.hasPrefix("What to do next</h2>"), String(sections.last!.prefix(80)))
        for command in ["leadscore score \(cardPath) new-leads.csv", "leadscore export-sql \(cardPath) --dialect postgres",
                        "leadscore monitor \(cardPath) recent-leads.csv --target converted", "Review the card by 2027-03-02"] {
            XCTAssertTrue(sections.last!.contains(command), command)
        }

        // Point bands: every range below the one above it, and together about tenths of the leads.
        let lift = try XCTUnwrap(sections.first { $0.hasPrefix("Lift by band of points</h2>") })
        let ranges = lift.components(separatedBy: "<tr><td>").dropFirst().map { row -> (Int, Int) in
            let text = String(row.prefix { $0 != "<" })
            let ends = text.split(separator: "–").compactMap { Int($0) }
            return (ends.first ?? -1, ends.last ?? -1)
        }
        XCTAssertGreaterThanOrEqual(ranges.count, 5)
        for (upper, lower) in zip(ranges, ranges.dropFirst()) { XCTAssertLessThan(lower.1, upper.0, "bands overlap: \(ranges)") }

        // Every chart's percentage ticks: equally spaced by a round step, printed exactly.
        for chart in html.components(separatedBy: "<svg ").dropFirst() {
            let ticks = chart.components(separatedBy: ##"text-anchor="end" fill="#5b6475">"##).dropFirst()
                .map { String($0.prefix { $0 != "<" }) }.filter { $0.hasSuffix(" %") }
            let values = ticks.compactMap { Double($0.dropLast(2)) }
            XCTAssertEqual(values.count, ticks.count, "\(ticks)")
            guard values.count > 2 else { continue }
            let step = values[1] - values[0]
            XCTAssertTrue([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50].contains { abs($0 - step) < 1e-9 }, "step \(step): \(ticks)")
            for (a, b) in zip(values, values.dropFirst()) { XCTAssertEqual(b - a, step, accuracy: 1e-9, "\(ticks)") }
        }
        XCTAssertNil(html.range(of: #"\d\.\d{7,}"#, options: .regularExpression), "float noise in the page")
    }

    /// Issue 19 item 7: `report --created --converted-at` adds lead velocity. Warm leads (demo, VP: 45 points)
    /// converted after 2, 4 and 10 days: median 4, middle half 3–7 (NumPy's interpolation); cold ones
    /// (no demo, student: 0 points) after 30 and 50: median 40, middle half 35–45; hot has none.
    func testReportShowsLeadVelocityPerTier() throws {
        let folder = try cliTemporaryFolder(self)
        let data = folder.appendingPathComponent("dated.csv").path
        try """
            lead_id,demo_requested,job_level,created,converted_at,converted
            1,yes,vp,2024-01-01,2024-01-03,1
            2,yes,vp,2024-01-01,2024-01-05,1
            3,yes,vp,2024-01-01,2024-01-11,1
            4,no,student,2024-01-01,2024-01-31,1
            5,no,student,2024-01-01,2024-02-20,1
            6,yes,vp,2024-01-01,,0
            7,no,student,2024-01-01,,0
            8,no,student,2024-01-02,,0
            9,yes,vp,2024-01-02,,0

            """.write(toFile: data, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("report.html").path
        let result = try runLeadScore(["report", seedCard, data, "--target", "converted", "--created", "created", "--converted-at", "converted_at", "--out", out])
        XCTAssertEqual(result.status, 0, result.errors)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.contains("<h2>Lead velocity</h2>"))
        XCTAssertTrue(html.contains(#"<td>warm</td><td class="num">3</td><td class="num">4.0</td><td class="num">3.0–7.0</td>"#), html)
        XCTAssertTrue(html.contains(#"<td>cold</td><td class="num">2</td><td class="num">40.0</td><td class="num">35.0–45.0</td>"#))
        XCTAssertTrue(html.contains(#"<td>hot</td><td class="num">0</td><td class="num">–</td><td class="num">–</td>"#))
        let without = try runLeadScore(["report", seedCard, data, "--target", "converted", "--out", out])
        XCTAssertEqual(without.status, 0, without.errors)
        XCTAssertFalse(try String(contentsOfFile: out, encoding: .utf8).contains("Lead velocity"))
    }
}
