@testable import CardTraining
import Foundation
import LeadData
import ModelCore
import XCTest

/// Time-aware training's rolling-origin judgement (`Holdout.recent`, `RecentValidation`): windows that only
/// look forward, rounds chosen on the pooled windows, and window models put on their window's base rate.
final class RollingWindowTests: XCTestCase {
    /// One numeric feature `x` (0…9 by row) and a date that grows with the row, except that rows are stored
    /// newest first, so file order is not time order.
    static func datedLeads(rows: Int = 1_000) -> (Dataset, times: [Double]) {
        let times = (0..<rows).map { Double(rows - $0) * 86_400 }
        let x = (0..<rows).map { Double($0 % 10) }
        // Converted: every third lead by a scrambled order, and every lead with x ≥ 7 (so x carries signal).
        let labels = (0..<rows).map { UInt8(($0 * 7 + $0 / 10) % 3 == 0 || $0 % 10 >= 7 ? 1 : 0) }
        let columns = [
            DataColumn(name: "created_at", role: .date, values: .date(times), missingCount: 0, distinctCount: rows),
            DataColumn(name: "x", role: .numeric, values: .numeric(x), missingCount: 0, distinctCount: 10),
        ]
        let outcome = Outcome(column: "converted", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0)
        return (Dataset(source: "dated.csv", columns: columns, labels: labels, outcome: outcome, rowCount: rows), times)
    }

    func testWindowsLookOnlyForwardAndTheNewestCalibrates() throws {
        let (leads, times) = Self.datedLeads(rows: 15_000)
        let trainer = CardTrainer(options: TrainingOptions(split: .timeOrdered(column: "created_at")))
        let (parts, holdout) = try trainer.plan(leads, separateTest: false)
        XCTAssertEqual(parts.test.count, 3_000)
        guard case .recent(let windows, let all) = holdout else { return XCTFail("not time-aware: \(holdout.description)") }
        XCTAssertEqual(all.rowCount, 12_000)
        // Four windows of 20 % of the 12 000 leads before test, oldest first: 2 400 each (at least
        // `Holdout.minimumWindowLeads`), fitted on 2 400 … 9 600.
        XCTAssertEqual(windows.map(\.validation.rowCount), [2_400, 2_400, 2_400, 2_400])
        XCTAssertEqual(windows.map(\.fit.rowCount), [2_400, 4_800, 7_200, 9_600])
        let timesOf = { (part: Dataset) -> [Double] in
            guard case .date(let values) = part.column(named: "created_at")!.values else { return [] }
            return values.doubles
        }
        let testTimes = parts.test.map { times[$0] }
        for window in windows {
            // Every lead a window's model learns from is older than every lead it is judged on.
            XCTAssertLessThan(timesOf(window.fit).max()!, timesOf(window.validation).min()!)
            XCTAssertLessThan(timesOf(window.validation).max()!, testTimes.min()!)
        }
        for (older, newer) in zip(windows, windows.dropFirst()) {
            XCTAssertLessThan(timesOf(older.validation).max()!, timesOf(newer.validation).min()!)
        }
        // The newest window is the newest 2 400 leads before test, and it alone calibrates.
        let testRows = Set(parts.test)
        let beforeTest = times.indices.filter { !testRows.contains($0) }.map { times[$0] }.sorted()
        XCTAssertEqual(timesOf(windows[3].validation).sorted(), Array(beforeTest.suffix(2_400)))
        XCTAssertEqual(holdout.calibrationLeads, 2_400)
        XCTAssertEqual(holdout.heldOutCount, 9_600)
    }

    /// Few leads, one window: 20 % of 1 600 leads before test is 320, under `Holdout.minimumWindowLeads`,
    /// so the split's validation part (the 400 leads before test, a fifth of all) alone validates and
    /// calibrates (`calibrationLeads` nil: all held-out leads do).
    func testFewLeadsGetOneWindow() throws {
        let (leads, _) = Self.datedLeads(rows: 2_000)
        let (_, holdout) = try CardTrainer(options: TrainingOptions(split: .timeOrdered(column: "created_at"))).plan(leads, separateTest: false)
        guard case .recent(let windows, _) = holdout else { return XCTFail("not time-aware") }
        XCTAssertEqual(windows.map(\.validation.rowCount), [400])
        XCTAssertEqual(windows.map(\.fit.rowCount), [1_200])
        XCTAssertNil(holdout.calibrationLeads)
    }

    /// Pooled by leads: window A (1 lead) is best at round 2, window B (3 leads) at round 1; a window that
    /// ran fewer rounds keeps its last loss. Pooled: [3, 1.25, 1.75, 2, 2] → round 1.
    func testRoundsArePooledOverWindowsByLeads() {
        let (rounds, loss) = RecentValidation.pooledBest([[3, 2, 1, 2, 2], [3, 1, 2, 2]], rows: [1, 3])
        XCTAssertEqual(rounds, 1)
        XCTAssertEqual(loss, 1.25, accuracy: 1e-12)
        XCTAssertEqual(RecentValidation.pooledBest([[3, 2, 1, 2, 2], [3, 1, 2, 2]], rows: [3, 1]).rounds, 2)
    }

    /// An intercept-only model moved to a window's base rate: logit(rate), whatever it started from.
    func testRefittedInterceptIsTheWindowsBaseRate() {
        let (leads, _) = Self.datedLeads(rows: 300)
        let rate = Double(leads.labels!.reduce(0) { $0 + Int($1) }) / 300
        let refitted = RecentValidation.refittingIntercept(AdditiveModel(intercept: -3, shapes: []), on: leads)
        XCTAssertEqual(refitted.intercept, log(rate / (1 - rate)), accuracy: 1e-9)
    }
}
