import Foundation
import LeadCSV
import LeadData
import PointExport
import RuleScoring
import ScoreCardFormat
import XCTest
@testable import LeadScoreCLI

/// Issue 7's exactness: a card learned the way `leadscore train` learns it, scored by the rule scorer
/// from the raw CSV text, gives every test row the trainer's own integer total, and the probability of
/// the card's calibration table.
final class TrainedCardExactnessTests: XCTestCase {
    func testStumpCardsOnTheShippedDataSets() throws {
        try checkExactness(data: "datasets/synthetic/leads.csv", target: "converted", model: .stumps)
        try checkExactness(data: "datasets/online-shoppers/online_shoppers_intention.csv", target: "Revenue", model: .stumps)
    }

    func testLogisticCardOnTheSyntheticLeads() throws {
        try checkExactness(data: "datasets/synthetic/leads.csv", target: "converted", model: .logistic)
    }

    private func checkExactness(data relative: String, target: String, model: ModelKind, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = cliRepositoryRoot.appendingPathComponent(relative).path
        let options = LoadOptions(target: target)
        let dataset = try Dataset.load(csv: path, options: options)
        let parts = try dataset.split(.stratified(seed: 1))
        let (train, validation, test) = (dataset.selecting(parts.train), dataset.selecting(parts.validation), dataset.selecting(parts.test))
        let fitted = try TrainedModel.fit(model, train: train, validation: validation, seed: 1)
        let (card, points) = try CardExport(missingValues: options.allMissingTokens)
            .card(from: try fitted.model.additiveModel(), name: "exactness", train: train, heldOut: validation)
        let trainerTotals = points.totals(test)

        var reader = try CSVReader(path: path)
        var records: [[String]] = []
        while try reader.nextRecord() { records.append(reader.record) }
        let scorer = try RuleScorer(card: try ScoreCard(json: card.jsonData()))
        let rows = scorer.rowScorer(header: reader.header)
        XCTAssertEqual(rows.absentCriteria, [], file: file, line: line)
        var mismatches = 0
        for (position, row) in parts.test.enumerated() {
            let lead = rows.score(records[row])
            if lead.points != trainerTotals[position] { mismatches += 1 }
            XCTAssertEqual(lead.probability, card.calibration?.probability(forTotal: lead.points), file: file, line: line)
        }
        XCTAssertEqual(mismatches, 0, "\(relative) \(model): rule scorer and trainer disagree on \(mismatches) of \(parts.test.count) test rows", file: file, line: line)
        XCTAssertGreaterThan(parts.test.count, 1000, file: file, line: line)
    }
}
