import Foundation
import XCTest
import ScoreCardFormat

/// evaluate, compare and report read a card's feature columns as the card types them (`LoadOptions.typed`),
/// the path monitor, recalibrate and diff use, not as this one file would be guessed (issue 17).
final class CardTypedLoadingTests: XCTestCase {
    /// "visits" holds only 0 and 1 here, so per-file inference makes it yes/no; the card reads it as a count.
    /// Converted exactly when visits ≥ 1, so read as the card reads it the card ranks perfectly (AUC 1),
    /// while read as yes/no every lead would score as missing (AUC 0.5).
    func testAColumnGuessedAsYesNoIsReadAsTheCardsNumbers() throws {
        let folder = try cliTemporaryFolder(self)
        let card = ScoreCard(name: "visits", basePoints: 0, maximumPoints: 10, criteria: [
            Criterion(feature: "visits", label: "Visits", type: .numeric, conditions: [
                Condition(.range(NumericRange(atLeast: 1, lessThan: nil)), points: 10, label: "1+"),
                Condition(.range(NumericRange(atLeast: nil, lessThan: 1)), points: 0, label: "0"),
                Condition(.missing, points: 5, label: "unknown"),
            ]),
        ])
        let cardPath = folder.appendingPathComponent("visits.json").path
        try card.write(toPath: cardPath)
        var csv = "visits,converted\n"
        for row in 0..<40 { csv += "\(row % 2),\(row % 2)\n" }
        let data = folder.appendingPathComponent("month.csv").path
        try csv.write(toFile: data, atomically: true, encoding: .utf8)

        let inspect = try runLeadScore(["inspect", data, "--json"])
        XCTAssertTrue(inspect.output.contains("\"boolean\""), "the premise: on its own this file's visits look yes/no: \(inspect.output)")

        let evaluate = try runLeadScore(["evaluate", cardPath, data, "--target", "converted", "--json"])
        XCTAssertEqual(evaluate.status, 0, evaluate.errors)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(evaluate.output.utf8)) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(report["auc"] as? Double), 1, accuracy: 1e-12)
        XCTAssertFalse(evaluate.errors.contains("does not fit"), evaluate.errors)

        let compare = try runLeadScore(["compare", cardPath, cardPath, data, "--target", "converted", "--json"])
        XCTAssertEqual(compare.status, 0, compare.errors)
        XCTAssertTrue(compare.output.contains("\"auc\" : 1"), compare.output)
    }
}
