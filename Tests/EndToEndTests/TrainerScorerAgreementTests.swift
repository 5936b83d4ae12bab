import XCTest
import BoostedStumps
import FeatureEncoding
import LeadCSV
import LeadData
import LinearModels
import PointExport
import RuleScoring
import ScoreCardFormat

/// The card is the contract between trainer and scorer: the rule scorer, reading the raw CSV text, must
/// give every test row exactly the integer total the trainer computed from its typed columns, and the
/// probability of the card's calibration table — on every shipped data set, for both trainers.
final class TrainerScorerAgreementTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Case {
        var path: String
        var options: LoadOptions
    }

    static var cases: [Case] {
        var cases = [
            Case(path: root.appendingPathComponent("datasets/synthetic/leads.csv").path, options: LoadOptions(target: "converted")),
            Case(path: root.appendingPathComponent("datasets/online-shoppers/online_shoppers_intention.csv").path,
                 options: LoadOptions(roles: ["OperatingSystems": .categorical, "Browser": .categorical, "Region": .categorical, "TrafficType": .categorical],
                                      target: "Revenue")),
        ]
        // Not redistributed (licence unknown): used from the sibling shared folder when it is there.
        let leads = root.deletingLastPathComponent().appendingPathComponent("shared/datasets/x-education-leads/Leads.csv").path
        if FileManager.default.fileExists(atPath: leads) {
            cases.append(Case(path: leads, options: LoadOptions(
                missingTokens: ["Select"],
                excluded: ["Prospect ID", "Lead Number", "Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"],
                target: "Converted")))
        }
        return cases
    }

    func testRuleScorerReproducesTrainerTotalsOnEveryTestRow() throws {
        for testCase in Self.cases {
            let data = try Dataset.load(csv: testCase.path, options: testCase.options)
            XCTAssertEqual(data.outcome?.droppedMissing, 0, "row numbers of the dataset and the file must line up")
            let split = try data.split(.stratified(seed: 3))
            let (train, validation) = (data.selecting(split.train), data.selecting(split.validation))
            let stumps = try StumpBooster(rounds: 150, learningRate: 0.2, seed: 3).fit(train, validation: validation)
            let logistic = try LogisticRegression(strength: 10, encoding: DesignOptions(numericEncoding: .binned(maxBins: 12))).fit(train)
            for (name, model) in [("stumps", try stumps.additiveModel()), ("logistic", try logistic.additiveModel())] {
                let export = CardExport(missingValues: testCase.options.allMissingTokens)
                let (card, points) = try export.card(from: model, name: name, train: train, heldOut: .validation(validation))
                // Through the card's JSON, as a scorer elsewhere would receive it.
                let scorer = try RuleScorer(card: try ScoreCard(json: try card.jsonData()))
                let expected = points.totals(data.selecting(split.test))
                let testRows = Set(split.test)
                var reader = try CSVReader(path: testCase.path)
                let rows = scorer.rowScorer(header: reader.header)
                var row = 0, compared = 0
                while try reader.nextRecord() {
                    defer { row += 1 }
                    guard testRows.contains(row) else { continue }
                    let total = rows.total(fieldAt: { reader.field($0) })
                    XCTAssertEqual(total, expected[compared], "\(testCase.path) \(name): data row \(row)")
                    XCTAssertEqual(scorer.probability(forTotal: total), card.calibration?.probability(forTotal: total))
                    compared += 1
                    if total != expected[compared - 1] { break }
                }
                XCTAssertEqual(compared, split.test.count)
            }
        }
    }
}
