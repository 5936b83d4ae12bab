import Engagement
import Foundation
import LeadData
import XCTest

/// The one-pass split of the log by type and the concurrent feature building against the per-type path.
final class EventFeaturesTests: XCTestCase {
    func testOnePassSplitAndConcurrentFeaturesMatchThePerTypePath() throws {
        let generated = SyntheticEvents(leads: 200, seed: 9, spanDays: 90).generate()
        let leads = try LeadTimeline(csv: try write(generated))
        let events = EventLog(types: generated.truth.events.map(\.event), leadCount: generated.leadIDs.count,
                              lead: generated.eventLead, type: generated.eventType.map(UInt16.init), time: generated.eventTime)
        let split = events.timesByType()
        XCTAssertEqual(split.count, 5)
        for type in 0..<5 {
            let reference = events.times(ofType: type)
            XCTAssertEqual(split[type].start, reference.start)
            XCTAssertEqual(split[type].time, reference.time)
        }
        XCTAssertEqual(split.reduce(0) { $0 + $1.time.count }, events.count)
        let snapshots = try Snapshots(leads: leads, plan: SnapshotPlan(), observedUntil: generated.observedUntil)
        let decays: [Decay] = [.halfLife(days: 3), .none, .stepped(factor: 0.75, periodDays: 30), .halfLife(days: 30), .halfLife(days: 60)]
        let features = EventFeatures.compute(events: events, snapshots: snapshots, decays: decays)
        for type in 0..<5 {
            XCTAssertEqual(features[type], DecayedCounts.compute(events.times(ofType: type), snapshots: snapshots, decay: decays[type]))
        }
        XCTAssertGreaterThan(features[1].filter { $0 > 0 }.count, 20)
    }

    private func write(_ generated: SyntheticEvents.Generated) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let leads = folder.appendingPathComponent("leads.csv").path
        try generated.writeCSV(leads: leads, events: folder.appendingPathComponent("events.csv").path)
        return leads
    }
}
