import Foundation
import ScoreCardFormat
import XCTest

/// `report CARD LEADS.csv --events EVENTS.csv --as-of DATE` for a card with event criteria: the leads open at
/// the moment, their conversion within the horizon and the fit × engagement matrix, all by hand.
final class EventReportCommandTests: XCTestCase {
    private func fixture() throws -> (card: String, leads: String, events: String, folder: URL) {
        let folder = try cliTemporaryFolder(self)
        let level = Criterion(feature: "level", label: "Job level", group: "fit", type: .categorical, conditions: [
            Condition(.categories(["vp"]), points: 30, label: "VP"),
            Condition(.categories(["manager"]), points: 15, label: "manager"),
            Condition(.otherwise, points: 0, label: "other level"),
        ])
        let webinar = EventCriterion(event: "webinar", label: "webinar", group: "engagement", pointsPerEvent: 10, halfLifeDays: nil, maximumPoints: 20)
        let card = ScoreCard(name: "fit and engagement", basePoints: 0, maximumPoints: 100,
                             groups: [CriterionGroup(name: "fit"), CriterionGroup(name: "engagement")], criteria: [level],
                             eventCriteria: [webinar], events: EventSource())
        let cardPath = folder.appendingPathComponent("card.json").path
        try card.write(toPath: cardPath)
        // Nine leads open on 2026-06-01 (fit 30/15/0 × webinars 2/1/0), one created after it, one lost before it.
        let leads = """
            lead_id,created_at,converted,converted_at,closed_at,level
            L1,2026-01-01,1,2026-06-10,,vp
            L2,2026-01-01,1,2026-08-15,,vp
            L3,2026-01-01,0,,2026-06-20,vp
            L4,2026-01-01,1,2026-06-05,,manager
            L5,2026-01-01,,,,manager
            L6,2026-01-01,,,,manager
            L7,2026-01-01,1,2026-06-30,,student
            L8,2026-01-01,0,,2026-07-15,student
            L9,2026-01-01,,,,student
            L10,2026-07-01,,,,vp
            L11,2026-01-01,0,,2026-05-01,vp

            """
        var events = "lead_id,event,timestamp\n"
        for (lead, count) in [("L1", 2), ("L2", 1), ("L4", 2), ("L5", 1), ("L7", 2), ("L8", 1), ("L11", 1)] {
            for day in 0..<count { events += "\(lead),webinar,2026-0\(3 + day)-15\n" }
        }
        events += "L9,webinar,2026-06-02\n" // after the moment: left out
        let leadsPath = folder.appendingPathComponent("leads.csv").path, eventsPath = folder.appendingPathComponent("events.csv").path
        try leads.write(toFile: leadsPath, atomically: true, encoding: .utf8)
        try events.write(toFile: eventsPath, atomically: true, encoding: .utf8)
        return (cardPath, leadsPath, eventsPath, folder)
    }

    func testMatrixCountsAndConversionByHand() throws {
        let (card, leads, events, folder) = try fixture()
        let out = folder.appendingPathComponent("report.html").path
        let result = try runLeadScore(["report", card, leads, "--events", events, "--as-of", "2026-06-01", "--horizon", "30d", "--out", out])
        XCTAssertEqual(result.status, 0, result.errors)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        // L1 (A1), L4 (B1), L7 (C1) convert within 30 days; L2 converts later, L3/L8 are lost, L5/L6/L9 stay open.
        for cell in ["A1: 1 lead, 100.0 % converted", "A2: 1 lead, 0.0 % converted", "A3: 1 lead, 0.0 % converted",
                     "B1: 1 lead, 100.0 % converted", "B2: 1 lead, 0.0 % converted", "B3: 1 lead, 0.0 % converted",
                     "C1: 1 lead, 100.0 % converted", "C2: 1 lead, 0.0 % converted", "C3: 1 lead, 0.0 % converted"] {
            XCTAssertTrue(html.contains(cell), "missing \(cell)")
        }
        for header in ["A: 30 points", "B: 15–29 points", "C: up to 14 points", "1: 20 points", "2: 10–19 points", "3: up to 9 points"] {
            XCTAssertTrue(html.contains(header), "missing \(header)")
        }
        // 3 of 9 converted; totals 50 40 30 35 25 15 20 10 0 with converters at 50, 35, 20: 14 of 18 pairs ordered.
        XCTAssertTrue(html.contains("33.3 % converted within 30d"))
        XCTAssertTrue(html.contains("0.778"))
        XCTAssertTrue(html.contains("1 created after it, 1 decided before it"))
        XCTAssertTrue(html.contains("(1 at or after the moment left out)"))
    }

    func testAnEventCardNeedsTheEventsAndAMoment() throws {
        let (card, leads, events, folder) = try fixture()
        let out = folder.appendingPathComponent("report.html").path
        let noMoment = try runLeadScore(["report", card, leads, "--events", events, "--out", out])
        XCTAssertNotEqual(noMoment.status, 0)
        XCTAssertTrue(noMoment.errors.contains("--as-of"), noMoment.errors)
        let notebook = try runLeadScore(["report", card, leads, "--events", events, "--as-of", "2026-06-01", "--out", folder.appendingPathComponent("r.ipynb").path])
        XCTAssertNotEqual(notebook.status, 0)
        XCTAssertTrue(notebook.errors.contains("notebook"), notebook.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
