import Engagement
import Foundation
import LeadCSV
import LeadData
import XCTest

/// Snapshots and their features by hand, the point-in-time rule against a constructed leak, and the
/// incremental decayed counts against a brute-force sum.
final class SnapshotTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapshots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func day(_ text: String) -> Double {
        Array(text.utf8).withUnsafeBufferPointer { ISODate.parse($0) }!
    }

    /// A converted lead, a lost lead and an open lead; the converted one has a "contract_sent" event that
    /// would give the outcome away: after each snapshot's moment (and one exactly at a moment).
    private func fixture() throws -> (LeadTimeline, EventLog) {
        let leads = try write("leads.csv", """
            lead_id,created_at,converted,converted_at,closed_at,job_level
            A,2026-01-01,1,2026-01-20T12:00:00Z,,vp
            B,2026-01-01,0,,2026-01-10,student
            C,2026-01-01,,,,manager
            """)
        let events = try write("events.csv", """
            lead_id,event,timestamp
            A,page_view,2026-01-07T00:00:00Z
            A,contract_sent,2026-01-08T00:00:00Z
            A,page_view,2026-01-14
            A,contract_sent,2026-01-15T00:00:01Z
            A,contract_sent,2026-01-20T11:00:00Z
            B,page_view,2026-01-05
            Z,page_view,2026-01-05
            C,page_view,2026-01-16
            """)
        let timeline = try LeadTimeline(csv: leads)
        return (timeline, try EventLog(csv: events, leads: timeline))
    }

    func testSnapshotsLabelsAndWeightsByHand() throws {
        let (leads, events) = try fixture()
        XCTAssertEqual(events.unknownLeadEvents, 1) // lead Z
        let plan = SnapshotPlan(every: TimeSpan(days: 7), horizon: TimeSpan(days: 10), observedUntil: Self.day("2026-01-20"))
        let snapshots = try Snapshots(leads: leads, plan: plan, observedUntil: 0)
        // A: Jan 1, 8, 15 (Jan 22 is after the conversion); converts by Jan 11? no; Jan 18? no; Jan 25? yes.
        // B: Jan 1, 8 (closed Jan 10), never converts. C (open): Jan 1 (horizon to Jan 11 ≤ Jan 20) and
        // Jan 8 (to Jan 18); Jan 15's horizon passes the end of the data: censored.
        XCTAssertEqual(snapshots.lead, [0, 0, 0, 1, 1, 2, 2])
        XCTAssertEqual(snapshots.asOf, ["2026-01-01", "2026-01-08", "2026-01-15", "2026-01-01", "2026-01-08", "2026-01-01", "2026-01-08"].map(Self.day))
        XCTAssertEqual(snapshots.label, [0, 0, 1, 0, 0, 0, 0])
        XCTAssertEqual(snapshots.weight, [1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 0.5, 0.5])
        XCTAssertEqual(snapshots.censored, 1)
    }

    func testALeakingEventAtOrAfterTheMomentNeverEnters() throws {
        let (leads, events) = try fixture()
        let plan = SnapshotPlan(every: TimeSpan(days: 7), horizon: TimeSpan(days: 10), observedUntil: Self.day("2026-01-20"))
        let snapshots = try Snapshots(leads: leads, plan: plan, observedUntil: 0)
        let contract = events.times(ofType: events.types.firstIndex(of: "contract_sent")!)
        // contract_sent at Jan 8 00:00 is exactly the second moment: not before it, so it enters only at
        // Jan 15. The ones at Jan 15 00:00:01 and Jan 20 (just before converting) enter no snapshot:
        // every one of them is at or after the moments it could predict.
        for decay in [Decay.none, .halfLife(days: 7), .stepped(factor: 0.75, periodDays: 30)] {
            let values = DecayedCounts.compute(contract, snapshots: snapshots, decay: decay)
            XCTAssertEqual(values[0], 0, "\(decay)")
            XCTAssertEqual(values[1], 0, "\(decay)")
            XCTAssertEqual(values[2], decay.weight(ageDays: 7), accuracy: 1e-12, "\(decay)")
            XCTAssertEqual(Array(values[3...]), [0, 0, 0, 0], "\(decay)")
        }
        // Page views by hand, half-life 7 days: at Jan 8, one a day old (2^(−1/7)); at Jan 15, that one
        // 8 days old plus one a day old. B's Jan 5 view counts at Jan 8 (3 days). C's Jan 16 view: never.
        let views = DecayedCounts.compute(events.times(ofType: events.types.firstIndex(of: "page_view")!), snapshots: snapshots, decay: .halfLife(days: 7))
        let expected = [0, pow(2, -1.0 / 7), pow(2, -8.0 / 7) + pow(2, -1.0 / 7), 0, pow(2, -3.0 / 7), 0, 0]
        for (value, truth) in zip(views, expected) { XCTAssertEqual(value, truth, accuracy: 1e-12) }
    }

    func testDecayedCountsMatchABruteForceSumOnSyntheticLeads() throws {
        let generated = SyntheticEvents(leads: 300, seed: 5, spanDays: 200).generate()
        let leadsPath = folder.appendingPathComponent("synthetic.csv").path, eventsPath = folder.appendingPathComponent("synthetic.events.csv").path
        try generated.writeCSV(leads: leadsPath, events: eventsPath)
        let leads = try LeadTimeline(csv: leadsPath)
        let events = try EventLog(csv: eventsPath, leads: leads)
        XCTAssertEqual(events.count, generated.eventTime.count)
        let snapshots = try Snapshots(leads: leads, plan: SnapshotPlan(), observedUntil: generated.observedUntil)
        XCTAssertGreaterThan(snapshots.count, 1000)
        for type in events.types.indices {
            let times = events.times(ofType: type)
            for decay in [Decay.none, .halfLife(days: 3), .halfLife(days: 60), .stepped(factor: 0.75, periodDays: 30)] {
                let fast = DecayedCounts.compute(times, snapshots: snapshots, decay: decay)
                for row in stride(from: 0, to: snapshots.count, by: 7) {
                    let lead = Int(snapshots.lead[row]), moment = snapshots.asOf[row]
                    let slow = times.time[times.start[lead]..<times.start[lead + 1]].filter { $0 < moment }
                        .reduce(0.0) { $0 + decay.weight(ageDays: (moment - $1) / 86_400) }
                    XCTAssertEqual(fast[row], slow, accuracy: 1e-9 * max(1, slow), "\(events.types[type]) \(decay) row \(row)")
                }
            }
        }
    }

    func testBadInputNamesFileLineAndColumn() throws {
        let leads = try write("bad.csv", "lead_id,created_at,converted\nA,2026-01-01,1\n")
        XCTAssertThrowsError(try LeadTimeline(csv: leads)) { error in
            XCTAssertEqual((error as? EngagementError)?.kind, .badValue)
            XCTAssertTrue("\(error)".contains("line 2, column \"converted_at\""), "\(error)")
        }
        let dates = try write("dates.csv", "lead_id,created_at,converted\nA,yesterday,0\n")
        XCTAssertThrowsError(try LeadTimeline(csv: dates)) { error in
            XCTAssertTrue("\(error)".contains("dates.csv:line 2, column \"created_at\": \"yesterday\" is not a date"), "\(error)")
        }
        let good = try write("good.csv", "lead_id,created_at,converted\nA,2026-01-01,0\n")
        let events = try write("events-bad.csv", "lead_id,event,timestamp\nA,page_view,soon\n")
        XCTAssertThrowsError(try EventLog(csv: events, leads: try LeadTimeline(csv: good))) { error in
            XCTAssertTrue("\(error)".contains("line 2, column \"timestamp\": \"soon\" is not a timestamp"), "\(error)")
        }
        XCTAssertThrowsError(try SnapshotPlan.every(parsing: "weekly"))
        XCTAssertEqual(try TimeSpan(parsing: "90d").days, 90)
        XCTAssertEqual(try TimeSpan(parsing: "2w").days, 14)
    }
}
