import XCTest
import CardTraining
import LeadCSV
import LeadData
import PointExport
import RuleScoring
import ScoreCardFormat
import TestSupport

/// The card is the contract between trainer and scorer: the rule scorer, reading the raw CSV text, must
/// give every test row exactly the integer total the trainer computed from its typed columns, and the
/// probability of the card's calibration table — on every shipped data set, for both trainers, through
/// the same library call `leadscore train` makes (`CardTrainer`: cross-fitted, early-stopped or
/// strength-searched, calibrated and tiered on out-of-fold totals).
final class TrainerScorerAgreementTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Case {
        var path: String
        var options: LoadOptions
    }

    static let synthetic = Case(path: root.appendingPathComponent("datasets/synthetic/leads.csv").path, options: LoadOptions(target: "converted"))
    static let shoppers = Case(
        path: root.appendingPathComponent("datasets/online-shoppers/online_shoppers_intention.csv").path,
        options: LoadOptions(roles: ["OperatingSystems": .categorical, "Browser": .categorical, "Region": .categorical, "TrafficType": .categorical],
                             target: "Revenue"))

    func testRuleScorerReproducesTrainerTotalsOnEveryTestRow() throws {
        // Each trainer once: boosted stumps on the synthetic leads, logistic regression on online shoppers.
        try checkAgreement(Self.synthetic, TrainingOptions(model: .stumps, seed: 3))
        try checkAgreement(Self.shoppers, TrainingOptions(model: .logistic, seed: 3))
    }

    /// Negative points (base points above 0, totals clamped once at the end) and the isotonic table: the
    /// card's reachable totals, its calibration table and the scorer must agree on every test lead.
    func testNegativePointsWithIsotonicCalibrationScoreAlike() throws {
        // Scaled to the best training lead, totals beyond it are capped: where clamping once or per criterion
        // differ (CardArithmeticTests covers both scalings through CardExport).
        for reach in [PointScale.Reach.trainingLeads] {
            let options = TrainingOptions(scale: PointScale(allowNegative: true, reach: reach), calibration: .isotonic, seed: 5)
            let result = try checkAgreement(Self.synthetic, options)
            XCTAssertGreaterThan(result.card.basePoints, 0, "negative points need base points to keep totals at or above 0")
            XCTAssertEqual(result.card.calibration?.table.map(\.points), result.card.reachableTotals())
        }
    }

    /// X Education (not redistributed): runs when `../shared` holds it, as on the development machine and in CI.
    func testXEducationFromTheSharedFolder() throws {
        let leads = try SharedData.path(xEducationLeads)
        try checkAgreement(Case(path: leads, options: LoadOptions(
            missingTokens: ["Select"],
            excluded: ["Prospect ID", "Lead Number", "Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"],
            target: "Converted")), TrainingOptions(seed: 3))
    }

    @discardableResult
    private func checkAgreement(_ testCase: Case, _ options: TrainingOptions) throws -> TrainingResult {
        let result = try CardTrainer(options: options).train(csv: testCase.path, loadOptions: testCase.options)
        let label = "\(URL(fileURLWithPath: testCase.path).lastPathComponent) \(options.model)"
        // Through the card's JSON, as a scorer elsewhere would receive it.
        let scorer = try RuleScorer(card: try ScoreCard(json: try result.card.jsonData()))
        let expected = result.points.totals(result.testLeads)
        let testRows = Set(try XCTUnwrap(result.testRows))
        XCTAssertEqual(result.report.rows.test, testRows.count)
        let reachable = Set(result.card.reachableTotals())
        var reader = try CSVReader(path: testCase.path)
        let rows = scorer.rowScorer(header: reader.header)
        var row = 0, compared = 0
        while try reader.nextRecord() {
            defer { row += 1 }
            guard testRows.contains(row) else { continue }
            let total = rows.total(fieldAt: { reader.field($0) })
            XCTAssertEqual(total, expected[compared], "\(label): data row \(row)")
            XCTAssertTrue(reachable.contains(total), "\(label): total \(total) of row \(row) is not among the card's reachable totals")
            XCTAssertEqual(scorer.probability(forTotal: total), result.card.calibration?.probability(forTotal: total))
            compared += 1
            if total != expected[compared - 1] { break }
        }
        XCTAssertEqual(compared, testRows.count, label)
        XCTAssertEqual(row, result.card.provenance?.data?.rows, "\(label): row numbers of the dataset and the file must line up")
        return result
    }
}
