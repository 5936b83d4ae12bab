import Foundation
import LeadCSV
import LeadData
import RuleScoring
import ScoreCardFormat
import XCTest

/// Scoring as of a moment from events: by hand, and the exported query in real sqlite3 and PostgreSQL
/// against the scorer, lead by lead, on hostile names and on synthetic leads with thousands of events.
final class EventSQLTests: XCTestCase {
    static let hostileType = "page's view\"; DROP TABLE sentinel; -- \\ é"

    static func card(hostile: Bool) throws -> ScoreCard {
        let level = Criterion(feature: "level", label: "Job level", group: "fit", type: .categorical, conditions: [
            Condition(.categories(["vp"]), points: 20, label: "VP"),
            Condition(.otherwise, points: 0, label: "other level"),
        ])
        var events = [
            EventCriterion(event: "webinar", label: "webinar", group: "engagement", pointsPerEvent: 14, halfLifeDays: 30, maximumPoints: 28),
            EventCriterion(event: hostile ? hostileType : "page_view", label: "page view", group: "engagement", pointsPerEvent: 3, halfLifeDays: 3.5, maximumPoints: 9),
            EventCriterion(event: "unsubscribe", label: "unsubscribed", pointsPerEvent: -10, halfLifeDays: nil, maximumPoints: 15),
        ]
        if !hostile {
            events += [
                EventCriterion(event: "email_click", label: "email click", group: "engagement", pointsPerEvent: 5, halfLifeDays: 7, maximumPoints: 12),
                EventCriterion(event: "demo_request", label: "demo", group: "engagement", pointsPerEvent: 25, halfLifeDays: 60, maximumPoints: 40),
            ]
        }
        let card = ScoreCard(name: "events", basePoints: 15, maximumPoints: 100,
                             groups: [CriterionGroup(name: "fit"), CriterionGroup(name: "engagement", maximumPoints: 45)],
                             criteria: [level], tiers: [Tier(name: "hot", minimumPoints: 50), Tier(name: "cold", minimumPoints: 0)],
                             calibration: Calibration(method: "manual", table: [], logistic: LogisticForm(intercept: -3, slope: 0.05)),
                             eventCriteria: events, events: EventSource())
        try card.validate()
        return card
    }

    static let asOf = "2026-12-01"
    static var asOfSeconds: Double { Array(asOf.utf8).withUnsafeBufferPointer { ISODate.parse($0)! } }

    /// Leads and events with ids and types padded, quoted, hostile; timestamps in every form both read,
    /// one exactly at the moment, one after, one unreadable, one on a day that does not exist.
    static let leads: [[String]] = [["A", "vp"], [" B\t", "manager"], ["C'; DROP TABLE sentinel; --", "vp"], ["D", "student"], ["E\\", "vp"]]
    static let events: [[String]] = [
        ["A", "webinar", "2026-11-01T00:00:00Z"],        // 30 days: 7 points
        ["A", "unsubscribe", "2025-01-01"],               // forever: −10
        ["B", hostileType, "2026-11-30T12:00:00+02:00"],  // 14 h before
        ["B", hostileType, "2026-11-29 08:30"],
        [" B ", "webinar", "2026-11-20T10:00:00.250Z"],
        ["C'; DROP TABLE sentinel; --", "webinar", "2026-11-25"],
        ["C'; DROP TABLE sentinel; --", "webinar", "2026-11-26"],
        ["C'; DROP TABLE sentinel; --", "webinar", "2026-11-27"],  // 3 fresh webinars: capped at 28
        ["C'; DROP TABLE sentinel; --", hostileType, "2026-12-01T00:00:00Z"], // at the moment: left out
        ["C'; DROP TABLE sentinel; --", hostileType, "2026-12-02"],           // after: left out
        ["E\\", "webinar", "soon"],                       // unreadable: left out
        ["E\\", "webinar", "2026-02-30"],                 // no such day: left out (scorer and SQLite)
        ["E\\", " webinar ", "2026-11-11t00:00:00z"],     // 20 days, lowercase t and z
        ["Z", "webinar", "2026-11-30"],                   // no such lead
    ]

    private func write(_ rows: [[String]], header: [String], to path: String) throws {
        let quote = { (field: String) in "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let text = ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The scorer's points per lead id, in row order.
    private func scorerPoints(card: ScoreCard, leads: [[String]], events: [[String]]) throws -> [Int] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eventsql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("events.csv").path
        try write(events, header: ["lead_id", "event", "timestamp"], to: path)
        var tallies = EventTallies(card: card, asOf: Self.asOfSeconds)
        try tallies.add(csv: path, source: EventSource())
        let scorer = try RuleScorer(card: card)
        return leads.map { scorer.score(["level": $0[1]], id: $0[0], events: tallies).lead.points }
    }

    func testScoringAsOfByHand() throws {
        let card = try Self.card(hostile: true)
        let points = try scorerPoints(card: card, leads: Self.leads, events: Self.events)
        let pageView = { (hours: Double) in 3 * pow(2, -hours / 24 / 3.5) }
        // A: 15 + vp 20 + webinar 7 − 10 = 32. B: 15 + webinar (10 days 14 h) + two page views, capped 45.
        let bEngagement = Int((14 * pow(2, -(10 + 14 / 24.0 - 0.25 / 86_400) / 30)).rounded()) + Int((pageView(14) + pageView(39.5)).rounded())
        // C: 15 + 20 + 28 (three fresh webinars, capped). D: 15. E: 15 + 20 + webinar 20 days old (8.8 → 9).
        XCTAssertEqual(points, [32, 15 + bEngagement, 63, 15, 15 + 20 + 9])
        let scorer = try RuleScorer(card: card)
        var tallies = EventTallies(card: card, asOf: Self.asOfSeconds)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eventsql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(Self.events, header: ["lead_id", "event", "timestamp"], to: folder.appendingPathComponent("e.csv").path)
        try tallies.add(csv: folder.appendingPathComponent("e.csv").path, source: EventSource())
        XCTAssertEqual(tallies.unreadableTimes, 2)
        XCTAssertEqual(tallies.eventsAtOrAfter, 2)
        let reasons = scorer.score(["level": "vp"], id: "A", events: tallies).reasons(limit: 3).map(\.description)
        XCTAssertEqual(reasons, ["Job level: VP +20", "webinar 30 days ago +7", "unsubscribed 699 days ago −10"])
    }

    func testExportedQueryAgreesWithTheScorerInSQLite() throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: database) }
        try checkAgreement(engine: try SQLite(database: database))
    }

    func testExportedQueryAgreesWithTheScorerInPostgreSQL() throws {
        try withPostgreSQL { try checkAgreement(engine: $0) }
    }

    private func checkAgreement(engine: SQLEngine) throws {
        // Hand-made hostile leads, then synthetic leads with thousands of events.
        let synthetic = SyntheticEvents(leads: 120, seed: 3, spanDays: 1000, start: 19_700 * 86_400).generate()
        let syntheticLeads = synthetic.leadIDs.indices.map { [synthetic.leadIDs[$0], $0 % 3 == 0 ? "vp" : "manager"] }
        let syntheticEvents = synthetic.eventTime.indices.map {
            [synthetic.leadIDs[Int(synthetic.eventLead[$0])], synthetic.truth.events[Int(synthetic.eventType[$0])].event,
             SyntheticEvents.isoDateTime(synthetic.eventTime[$0])]
        }
        XCTAssertGreaterThan(syntheticEvents.count, 2000)
        for (hostile, leads, events) in [(true, Self.leads, Self.events), (false, syntheticLeads, syntheticEvents)] {
            let card = try Self.card(hostile: hostile)
            let expected = try scorerPoints(card: card, leads: leads, events: events)
            let dialect = engine.dialect
            var script = "BEGIN;\nDROP TABLE IF EXISTS leads;\nDROP TABLE IF EXISTS events;\nDROP TABLE IF EXISTS sentinel;\nCREATE TABLE sentinel (x INTEGER);\nINSERT INTO sentinel VALUES (1);\n"
            script += "CREATE TABLE leads (row_number INTEGER, lead_id TEXT, level TEXT);\nCREATE TABLE events (lead_id TEXT, event TEXT, timestamp TEXT);\n"
            for (index, lead) in leads.enumerated() {
                script += "INSERT INTO leads VALUES (\(index), \(dialect.literal(lead[0])), \(dialect.literal(lead[1])));\n"
            }
            for event in events { script += "INSERT INTO events VALUES (\(event.map(dialect.literal).joined(separator: ", ")));\n" }
            script += "COMMIT;\n"
            try engine.run(script)
            let query = try CardSQL(card: card, dialect: dialect).query(table: "leads", eventsTable: "events", asOf: Self.asOfSeconds)
            let output = try engine.run("SELECT row_number, points, tier FROM (\n" + String(query.dropLast()) + "\n) AS exported ORDER BY row_number;")
            let rows = output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            XCTAssertEqual(rows.map { Int($0[1]) ?? -1 }, expected, "\(dialect) hostile: \(hostile)")
            XCTAssertEqual(rows.map { String($0[2]) }, expected.map { $0 >= 50 ? "hot" : "cold" })
            XCTAssertEqual(try engine.run("SELECT COUNT(*) FROM sentinel;").trimmingCharacters(in: .whitespacesAndNewlines), "1")
        }
    }
}
