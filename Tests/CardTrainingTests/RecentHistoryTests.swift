@testable import CardTraining
import Foundation
import LeadData
import LeadMath
import XCTest

/// Time-aware training's history (`TrainingOptions.History`): the newest half of the leads before test,
/// or all of them, as the validation windows judge.
final class RecentHistoryTests: XCTestCase {
    private func times(_ leads: Dataset) -> [Double] {
        guard case .date(let values) = leads.column(named: "created_at")!.values else { return [] }
        return values.doubles
    }

    /// Every fit limited to the newest half of the 12 000 leads before test (6 000), each window's fit the
    /// newest of the leads before that window; the windows themselves unchanged.
    func testTheNewestHalfLimitsEveryFitButNotTheWindows() throws {
        let (leads, _) = RollingWindowTests.datedLeads(rows: 15_000)
        let trainer = CardTrainer(options: TrainingOptions(split: .timeOrdered(column: "created_at")))
        let (_, holdout) = try trainer.plan(leads, separateTest: false)
        let limited = try XCTUnwrap(trainer.limitingHistory(holdout))
        guard case .recent(let windows, let all) = holdout, case .recent(let limitedWindows, let limitedAll) = limited else {
            return XCTFail("not time-aware")
        }
        XCTAssertEqual(limitedWindows.map(\.fit.rowCount), [2_400, 4_800, 6_000, 6_000])
        XCTAssertEqual(limitedAll.rowCount, 6_000)
        for (window, limitedWindow) in zip(windows, limitedWindows) {
            XCTAssertEqual(times(limitedWindow.fit).sorted(), Array(times(window.fit).sorted().suffix(limitedWindow.fit.rowCount)))
            XCTAssertEqual(times(limitedWindow.validation), times(window.validation))
        }
        XCTAssertEqual(times(limitedAll).sorted(), Array(times(all).sorted().suffix(6_000)))
        XCTAssertEqual(limited.calibrationLeads, holdout.calibrationLeads)

        // No choice to make: a random split, or too few leads for four windows.
        XCTAssertNil(CardTrainer().limitingHistory(try CardTrainer().plan(leads, separateTest: false).1))
        let (few, _) = RollingWindowTests.datedLeads(rows: 2_000)
        XCTAssertNil(trainer.limitingHistory(try trainer.plan(few, separateTest: false).1))
    }

    /// 10 000 leads over time with two yes/no features: `growing` worth 2·t at time t ∈ [0, 1), `fading`
    /// worth 2·(1 − t) (both a steady 1 with `drift` false). On the newest 20 % (test) `growing` is worth
    /// 1.6–2 and `fading` 0–0.4; averaged over all 8 000 leads before test (t < 0.8) they are worth 0.8 and
    /// 1.2, the wrong order, and over the newest half of them (t from 0.4) 1.2 and 0.8, the right one.
    private func driftingLeads(drift: Bool, rows: Int = 10_000) -> Dataset {
        var random = SeededGenerator(seed: 3)
        var growing = [Double](), fading = [Double](), labels = [UInt8]()
        for row in 0..<rows {
            let t = Double(row) / Double(rows)
            let (a, b) = (random.nextUniform() < 0.5 ? 1.0 : 0, random.nextUniform() < 0.5 ? 1.0 : 0)
            let z = -1.5 + (drift ? 2 * t : 1) * a + (drift ? 2 * (1 - t) : 1) * b
            growing.append(a)
            fading.append(b)
            labels.append(random.nextUniform() < logistic(z) ? 1 : 0)
        }
        let columns = [
            DataColumn(name: "created_at", role: .date, values: .date((0..<rows).map { Double($0) * 3_600 }), missingCount: 0, distinctCount: rows),
            DataColumn(name: "growing", role: .boolean, values: .numeric(growing), missingCount: 0, distinctCount: 2),
            DataColumn(name: "fading", role: .boolean, values: .numeric(fading), missingCount: 0, distinctCount: 2),
        ]
        return Dataset(source: "drifting.csv", columns: columns, labels: labels,
                       outcome: Outcome(column: "converted", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0), rowCount: rows)
    }

    private func train(_ leads: Dataset, _ history: TrainingOptions.History) throws -> TrainingResult {
        var options = TrainingOptions(model: .logistic, split: .timeOrdered(column: "created_at"))
        options.history = history
        return try CardTrainer(options: options).train(leads)
    }

    /// The most points `feature` can earn on the card (0 when it is no criterion).
    private func best(_ result: TrainingResult, _ feature: String) -> Int {
        result.card.criteria.first { $0.feature == feature }?.bestPoints ?? 0
    }

    func testADriftingEffectIsLearnedFromTheNewestHalf() throws {
        let leads = driftingLeads(drift: true)
        let chosen = try train(leads, .auto), all = try train(leads, .all)
        let choice = try XCTUnwrap(chosen.report.historyChoice)
        XCTAssertEqual(choice.chosen, .recent)
        XCTAssertEqual(choice.fittingLeads, 4_000)
        XCTAssertEqual(choice.leadsBeforeTest, 8_000)
        XCTAssertLessThan(try XCTUnwrap(choice.logLoss[.recent]), try XCTUnwrap(choice.logLoss[.all]))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(choice.zScore), HistoryChoice.requiredZ)
        XCTAssertEqual(chosen.report.rows.fit, 4_000)
        XCTAssertTrue(chosen.report.modelNote.contains("newest 4000 of the 8000 leads before test"), chosen.report.modelNote)
        XCTAssertEqual(chosen.card.provenance?.trainer?.settings["history"], .text("newest 4000 of 8000 leads"))
        // The truth on test ranks `growing` above `fading`: the newest half's card does, all history's does not.
        XCTAssertGreaterThan(best(chosen, "growing"), best(chosen, "fading"))
        XCTAssertLessThan(best(all, "growing"), best(all, "fading"))
        XCTAssertGreaterThan(chosen.report.cardTest.auc, all.report.cardTest.auc + 0.01)
        XCTAssertNil(all.report.historyChoice)
        XCTAssertEqual(all.report.rows.fit, 8_000)
        XCTAssertEqual(TrainingOptions().history, .all, "the newest half is asked for, not the default")
    }

    func testSteadyEffectsKeepAllHistory() throws {
        let result = try train(driftingLeads(drift: false), .auto)
        let choice = try XCTUnwrap(result.report.historyChoice)
        XCTAssertEqual(choice.chosen, .all)
        XCTAssertEqual(result.report.rows.fit, 8_000)
        XCTAssertLessThan(try XCTUnwrap(choice.zScore), HistoryChoice.requiredZ)
        // Asked for, the newest half is used without a comparison.
        let recent = try train(driftingLeads(drift: false), .recent)
        XCTAssertEqual(recent.report.historyChoice?.chosen, .recent)
        XCTAssertEqual(recent.report.historyChoice?.logLoss, [:])
        XCTAssertEqual(recent.report.rows.fit, 4_000)
    }

    /// Differences all − recent = 0.5, 0.5, −0.5, 1: mean 0.375, sample variance 1.1875 / 3, so
    /// z = 0.375 / √(0.395833 / 4) = 1.19208 (by hand).
    func testPairedZByHand() {
        XCTAssertEqual(HistoryChoice.pairedZ(all: [1, 2, 3, 4], recent: [0.5, 1.5, 3.5, 3]), 1.19208, accuracy: 1e-5)
        XCTAssertEqual(HistoryChoice.pairedZ(all: [1, 2], recent: [1, 2]), 0)
    }
}
