import CardBacktest
import CardTraining
import Foundation
import LeadData
import XCTest

final class BacktestTests: XCTestCase {
    /// Writes `lines` (header first) to a temporary CSV and loads it with `converted` as the outcome.
    func load(_ lines: [String], excluded: [String] = []) throws -> Dataset {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backtest-\(UUID().uuidString).csv")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return try Dataset.load(csv: url.path, options: LoadOptions(roles: ["created_at": .date], excluded: excluded, target: "converted"))
    }

    /// Four months of leads. For every other lead, `batch` names the month and the outcome ("m2-yes", "m2-no");
    /// the rest are "m2-open". A card that learned from the month it is tested on would rank that month
    /// nearly perfectly (AUC about 0.93). Trained honestly on earlier months only, it has never seen the
    /// month's batches — they score as `otherwise` — and ranks by `signal` alone, a moderate feature (true AUC
    /// about 0.71), which the open leads of earlier months teach it. `signal` is the same in every month.
    /// (Were every lead's batch to name its outcome, `signal` would add nothing to the training months and
    /// criterion selection would rightly leave it out.)
    func leakyMonths(leadsPerMonth: Int = 1000) throws -> Dataset {
        var random = SeededGenerator(seed: 11)
        var lines = ["created_at,batch,signal,converted"]
        for month in 1...4 {
            for lead in 0..<leadsPerMonth {
                let signal = Double(random.next() % 1000) / 1000
                let converted = Double(random.next() % 1000) / 1000 < 0.1 + 0.6 * signal
                let batch = lead % 2 == 0 ? (converted ? "yes" : "no") : "open"
                lines.append(String(format: "2024-%02d-%02d,m%d-%@,%.3f,%d", month, 1 + lead % 28, month, batch, signal, converted ? 1 : 0))
            }
        }
        return try load(lines)
    }

    func testNeverTrainsOnLeadsOfThePeriodItTestsNorLaterOnes() throws {
        let leads = try leakyMonths()
        let options = BacktestOptions(timeColumn: "created_at", every: .month, training: TrainingOptions(model: .logistic))
        let report = try Backtest(options: options).run(leads)
        XCTAssertEqual(report.periods.map(\.period), ["2024-01", "2024-02", "2024-03", "2024-04"])
        XCTAssertEqual(report.periods[0].note, "no earlier leads to train on")
        for (index, period) in report.periods.enumerated().dropFirst() {
            XCTAssertNil(period.note, period.period)
            XCTAssertEqual(period.testLeads, 1000)
            // An expanding window: every earlier month, nothing of this one.
            XCTAssertEqual(period.trainingLeads, 1000 * index, period.period)
            XCTAssertLessThan(try XCTUnwrap(period.trainingTo), period.start, period.period)
            // Leakage would rank the month by its batches (AUC about 0.93); honest cards rank by the signal (about 0.71).
            let auc = try XCTUnwrap(period.auc)
            XCTAssertLessThan(auc, 0.85, "\(period.period): AUC \(auc) — the card saw this period's outcomes")
            XCTAssertGreaterThan(auc, 0.6, "\(period.period): the card should rank by the signal\n\(report.text())")
        }
        // The first card is the one trained for February, measured unchanged later.
        XCTAssertEqual(report.firstCardPeriod, "2024-02")
        XCTAssertEqual(report.periods[1].firstCardAUC, report.periods[1].auc)
        XCTAssertNotNil(report.periods[3].firstCardAUC)
    }

    func testAWindowKeepsOnlyTheMonthsJustBefore() throws {
        let leads = try leakyMonths(leadsPerMonth: 120)
        let options = BacktestOptions(timeColumn: "created_at", every: .month, window: .months(1), training: TrainingOptions(model: .logistic))
        let report = try Backtest(options: options).run(leads)
        for period in report.periods.dropFirst() {
            XCTAssertEqual(period.trainingLeads, 120, period.period)
            XCTAssertEqual(try XCTUnwrap(period.trainingFrom).prefix(7), try XCTUnwrap(period.trainingTo).prefix(7))
        }
        XCTAssertEqual(report.periods[3].trainingFrom, "2024-03-01")
    }

    func testPeriodsWithTooFewLeadsOrOneOutcomeGetANote() throws {
        var random = SeededGenerator(seed: 5)
        var lines = ["created_at,signal,converted"]
        func add(_ month: Int, _ count: Int, _ outcome: ((Double) -> Bool)) {
            for lead in 0..<count {
                let signal = Double(random.next() % 1000) / 1000
                lines.append(String(format: "2024-%02d-%02d,%.3f,%d", month, 1 + lead % 28, signal, outcome(signal) ? 1 : 0))
            }
        }
        let realistic = { (signal: Double) in Double(random.next() % 1000) / 1000 < 0.1 + 0.6 * signal }
        add(1, 300, realistic)
        add(2, 10, realistic)              // too few to test
        add(3, 60, { _ in true })          // every lead converted
        add(4, 200, realistic)
        let report = try Backtest(options: BacktestOptions(timeColumn: "created_at", training: TrainingOptions(model: .logistic))).run(try load(lines))
        XCTAssertEqual(report.periods.map(\.period), ["2024-01", "2024-02", "2024-03", "2024-04"])
        XCTAssertEqual(report.periods[1].note, "only 10 leads (a period needs 30): not tested")
        XCTAssertEqual(report.periods[2].note, "every lead converted: AUC and calibration need both outcomes; not tested")
        XCTAssertNil(report.periods[1].auc)
        XCTAssertNil(report.periods[2].auc)
        XCTAssertEqual(report.periods[3].trainingLeads, 370)
        XCTAssertNotNil(report.periods[3].auc, report.text())
        let text = report.text()
        XCTAssertTrue(text.contains("2024-02: only 10 leads"), text)
        XCTAssertTrue(text.contains("2024-03: every lead converted"), text)
    }

    func testTimeColumnMustBeADate() throws {
        let leads = try load(["created_at,signal,converted", "2024-01-01,1,1", "2024-01-02,2,0"])
        XCTAssertThrowsError(try Backtest(options: BacktestOptions(timeColumn: "signal")).run(leads)) { error in
            XCTAssertEqual(error as? BacktestError, .notADate(column: "signal", role: .numeric, data: leads.source))
        }
        XCTAssertThrowsError(try Backtest(options: BacktestOptions(timeColumn: "nope")).run(leads)) { error in
            XCTAssertEqual(error as? BacktestError, .unknownColumn("nope", data: leads.source))
        }
    }

    /// The drifting synthetic leads (`synth --drift`): quarterly cards hold their ranking, tiers are ordered,
    /// and the first card's calibration error grows as the base rate rises.
    func testQuarterlyBacktestOfTheDriftingLeads() throws {
        let (generated, truth) = DriftingLeads(rows: 3_000, seed: 3, months: 12).generate()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drift-\(UUID().uuidString).csv")
        try generated.writeCSV(to: url.path)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        let leads = try Dataset.load(csv: url.path, options: LoadOptions(excluded: ["lead_id", "converted_at"], target: "converted"))
        let report = try Backtest(options: BacktestOptions(timeColumn: "created_at", every: .quarter, training: TrainingOptions(model: .logistic))).run(leads)
        XCTAssertEqual(report.periods.map(\.period), ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
        XCTAssertEqual(report.periods.map(\.testLeads), [750, 750, 750, 750])
        // The periods' conversion rates are the generator's, quarter by quarter.
        for (quarter, period) in report.periods.enumerated() {
            let months = truth.periods[(quarter * 3)..<(quarter * 3 + 3)]
            XCTAssertEqual(try XCTUnwrap(period.conversionRate), Double(months.map(\.conversions).reduce(0, +)) / 750, accuracy: 1e-12)
        }
        for period in report.periods.dropFirst() {
            // Well above chance. Not higher: on 750–2 250 leads, criterion selection keeps only the strongest of
            // the true criteria (at a 5 % false-discovery rate, the 3–4 strongest; without selection the 2024-Q3
            // card ranked at 0.677 instead of 0.633. Issue 18: selection's power on small data is open).
            XCTAssertGreaterThan(try XCTUnwrap(period.auc), 0.6, "\(period.period)\n\(report.text())")
            let rates = period.tiers.compactMap(\.conversionRate)
            XCTAssertEqual(rates, rates.sorted(by: >), "\(period.period): tiers out of order")
            XCTAssertEqual(period.tiers.map(\.shareOfLeads).reduce(0, +), 1, accuracy: 1e-9)
        }
        let staleGap = try XCTUnwrap(report.periods[3].firstCardECE)
        XCTAssertGreaterThan(staleGap, try XCTUnwrap(report.periods[1].firstCardECE), "the base rate rises: the first card's table goes stale")
    }
}
