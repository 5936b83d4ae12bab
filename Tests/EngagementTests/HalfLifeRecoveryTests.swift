import Engagement
import EngagementTraining
import Foundation
import LeadData
import XCTest

/// Learned half-lives against synthetic truth (`SyntheticEvents`: a daily conversion hazard with known
/// per-event effects, half-lives and caps and a seasonal base rate), on a set small enough for the suite.
final class HalfLifeRecoveryTests: XCTestCase {
    func testLearnedHalfLivesAreWithinAQuarterOfTheTruth() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("half-lives-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let leadsPath = folder.appendingPathComponent("leads.csv").path, eventsPath = folder.appendingPathComponent("events.csv").path
        let truth = [
            SyntheticEvents.EventTruth(event: "page_view", ratePerDay: 0.3, logOddsPerEvent: 0.6, halfLifeDays: 4, cap: 4),
            SyntheticEvents.EventTruth(event: "demo_request", ratePerDay: 0.04, logOddsPerEvent: 1.2, halfLifeDays: 40, cap: 2),
        ]
        let generated = SyntheticEvents(leads: 3000, seed: 3, spanDays: 365, events: truth, dailyBaseLogOdds: -6).generate()
        try generated.writeCSV(leads: leadsPath, events: eventsPath)
        let leads = try LeadTimeline(csv: leadsPath)
        let events = try EventLog(csv: eventsPath, leads: leads)
        let options = EngagementOptions(halfLifeGrid: [1, 3, 10, 30, 100, nil], capGrid: [2, 4, nil], rounds: 2, goldenSteps: 4)
        let result = try EngagementTrainer.train(leads: leads, events: events, options: options)
        for expected in truth {
            let learned = try XCTUnwrap(result.eventTypes.first { $0.event == expected.event })
            let halfLife = try XCTUnwrap(learned.halfLifeDays, "\(expected.event): no decay learned")
            XCTAssertEqual(halfLife / expected.halfLifeDays!, 1, accuracy: 0.25, "\(expected.event): learned \(halfLife) d, truth \(expected.halfLifeDays!) d")
            // The daily-hazard effect is on the truth's own scale.
            let perEvent = try XCTUnwrap(learned.stepLogOddsPerEvent)
            XCTAssertEqual(perEvent / expected.logOddsPerEvent, 1, accuracy: 0.3, "\(expected.event): \(perEvent) per event, truth \(expected.logOddsPerEvent)")
        }
        XCTAssertGreaterThan(result.hazardSteps, 0)
    }

    /// `Snapshots.subset` keeps the chosen snapshots in lead-then-time order with per-lead ranges, so decayed
    /// counts on the subset equal the full set's counts at the kept rows.
    func testSubsetKeepsDecayedCountsOfTheKeptRows() throws {
        let generated = SyntheticEvents(leads: 60, seed: 5, spanDays: 60).generate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let leadsPath = folder.appendingPathComponent("leads.csv").path, eventsPath = folder.appendingPathComponent("events.csv").path
        try generated.writeCSV(leads: leadsPath, events: eventsPath)
        let leads = try LeadTimeline(csv: leadsPath)
        let events = try EventLog(csv: eventsPath, leads: leads)
        let all = try Snapshots(leads: leads, plan: SnapshotPlan(every: TimeSpan(days: 1), horizon: TimeSpan(days: 1)), observedUntil: generated.observedUntil)
        let kept = all.subset { $0 % 3 == 1 }
        let keptRows = (0..<all.count).filter { $0 % 3 == 1 }
        XCTAssertEqual(kept.count, keptRows.count)
        XCTAssertEqual(kept.asOf, keptRows.map { all.asOf[$0] })
        XCTAssertEqual(kept.lead, keptRows.map { all.lead[$0] })
        XCTAssertEqual(kept.start.count, all.start.count)
        let times = events.times(ofType: 0)
        let full = DecayedCounts.compute(times, snapshots: all, decay: .halfLife(days: 3))
        let partial = DecayedCounts.compute(times, snapshots: kept, decay: .halfLife(days: 3))
        XCTAssertEqual(partial, keptRows.map { full[$0] })
        XCTAssertGreaterThan(partial.filter { $0 > 0 }.count, 10)
    }
}
