@testable import CardTraining
import CardHoldout
import Foundation
import LeadData
import ScoreCardFormat
import XCTest

/// `TrainingOptions.Split.timeOrdered` (`train --time COLUMN`): the newest leads test, the most recent
/// before them validate and calibrate, and the card's model learns from all of them.
final class TimeAwareTrainingTests: XCTestCase {
    func driftingLeads() throws -> Dataset {
        let (generated, _) = DriftingLeads(rows: 2_000, seed: 9, months: 12).generate()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("time-aware-\(UUID().uuidString).csv")
        try generated.writeCSV(to: url.path)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return try Dataset.load(csv: url.path, options: LoadOptions(excluded: ["lead_id", "converted_at"], target: "converted"))
    }

    func meanProbability(_ result: TrainingResult) -> Double {
        let totals = result.points.totals(result.testLeads)
        return totals.map { result.card.calibration?.probability(forTotal: $0) ?? 0 }.reduce(0, +) / Double(totals.count)
    }

    func testNewestLeadsTestAndCalibrateAndTheModelLearnsFromAllBeforeTest() throws {
        let leads = try driftingLeads()
        let timed = try CardTrainer(options: TrainingOptions(model: .logistic, split: .timeOrdered(column: "created_at"))).train(leads)
        // The newest 20 % test; the 20 % before them validate (too few leads for more than one window of
        // `Holdout.minimumWindowLeads`); the card's model refits on all 1 600.
        XCTAssertEqual(timed.report.rows.fit, 1_600)
        XCTAssertEqual(timed.report.rows.heldOut, 400)
        XCTAssertEqual(timed.report.rows.test, 400)
        XCTAssertFalse(timed.card.criteria.isEmpty)
        let times = try XCTUnwrap({ if case .date(let values) = leads.column(named: "created_at")!.values { return values } else { return nil } }())
        let testRows = try XCTUnwrap(timed.testRows)
        let newest = Array(times.indices.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }.suffix(400)).sorted()
        XCTAssertEqual(testRows, newest)
        // The provenance records the split, so evaluate finds these test leads again.
        let split = try XCTUnwrap(timed.card.provenance?.split)
        XCTAssertEqual(split.method, SplitRecord.timeOrdered)
        XCTAssertEqual(split.column, "created_at")
        guard case .trainingFile(let found, _) = CardHoldout.relation(of: leads, sha256: "x", fileName: nil, provenance: provenanceWithHash(timed.card, "x")) else {
            return XCTFail("CardHoldout did not recognise the training file")
        }
        XCTAssertEqual(found, testRows)

        // The base rate rises month by month: a table fitted on the newest leads before test is closer to the
        // test leads' rate than one fitted out of fold on all of them (the random split's).
        let random = try CardTrainer(options: TrainingOptions(model: .logistic)).train(leads, test: timed.testLeads)
        let rate = try XCTUnwrap(timed.testLeads.positiveRate)
        XCTAssertLessThan(abs(meanProbability(timed) - rate), abs(meanProbability(random) - rate))
        XCTAssertTrue(random.report.notes.contains { $0.contains("date column 'created_at'") } == false,
                      "a separate test file: no hint about the split")
    }

    func testARandomSplitOfDatedLeadsSaysSo() throws {
        let result = try CardTrainer(options: TrainingOptions(model: .logistic)).train(try driftingLeads())
        XCTAssertTrue(result.report.notes.contains { $0.contains("date column 'created_at' but were split at random") }, "\(result.report.notes)")
    }

    /// The yardstick of time-aware tuning ignores a shifted base rate and the model's scale: the loss of
    /// `a + b · s` (b > 0) is the loss of `s`, while the plain log loss of a shifted model is worse.
    func testRecalibratedLossIgnoresShiftAndScale() {
        let scores: [Double] = [-2, -1, -0.5, 0, 0.3, 1, 1.5, 2, -1.2, 0.8]
        let labels: [UInt8] = [0, 0, 1, 0, 1, 1, 0, 1, 0, 1]
        let loss = RecentValidation.recalibratedLogLoss(logOdds: scores, labels: labels)
        XCTAssertEqual(RecentValidation.recalibratedLogLoss(logOdds: scores.map { 3 + 0.5 * $0 }, labels: labels), loss, accuracy: 1e-9)
        // No better than the base rate (5 of 10): ln 2 for a score that ranks backwards.
        XCTAssertEqual(RecentValidation.recalibratedLogLoss(logOdds: scores.map { -$0 }, labels: labels), log(2), accuracy: 1e-12)
        XCTAssertLessThan(loss, log(2))
    }

    func provenanceWithHash(_ card: ScoreCard, _ hash: String) -> Provenance? {
        var provenance = card.provenance
        provenance?.data?.sha256 = hash
        return provenance
    }
}
