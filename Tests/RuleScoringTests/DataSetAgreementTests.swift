import LeadCSV
import RuleScoring
import ScoreCardFormat
import XCTest

/// The compiled scorer against the plain reference on every row of the shipped data sets, through each
/// of its entry points (dictionary, `[String]` row with and without the matched conditions, CSV reader bytes).
final class DataSetAgreementTests: XCTestCase {
    static let cases = [
        ("docs/examples/synthetic-seed-practice.json", "datasets/synthetic/leads.csv"),
        ("docs/examples/online-shoppers-hand-written.json", "datasets/online-shoppers/online_shoppers_intention.csv"),
    ]

    func testEveryRowAgreesWithTheReference() throws {
        for (cardPath, dataPath) in Self.cases {
            let scorer = try RuleScorer(path: repositoryPath(cardPath))
            let reference = ReferenceScorer(card: scorer.card)
            var reader = try CSVReader(path: repositoryPath(dataPath))
            let rows = scorer.rowScorer(header: reader.header)
            XCTAssertEqual(rows.absentCriteria, [], cardPath)
            var count = 0
            while try reader.nextRecord() {
                let record = reader.record
                let lead = Dictionary(uniqueKeysWithValues: zip(reader.header, record))
                let expected = reference.score(lead)
                let scored = scorer.score(lead)
                XCTAssertEqual(scored.points, expected.total, "\(dataPath) row \(count + 1)")
                XCTAssertEqual(scored.contributions.map(\.condition), expected.conditions, "\(dataPath) row \(count + 1)")
                XCTAssertEqual(rows.total(record), expected.total)
                var conditions = [Int32](repeating: -1, count: scorer.card.criteria.count)
                XCTAssertEqual(conditions.withUnsafeMutableBufferPointer { rows.total(record, conditions: $0) }, expected.total)
                XCTAssertEqual(conditions.map(Int.init), expected.conditions, "\(dataPath) row \(count + 1)")
                XCTAssertEqual(rows.total(fieldAt: { reader.field($0) }), expected.total)
                count += 1
            }
            XCTAssertGreaterThan(count, 10_000)
        }
    }
}
