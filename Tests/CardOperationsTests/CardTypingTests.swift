import Foundation
import LeadData
import ScoreCardFormat
import XCTest
@testable import CardOperations

final class CardTypingTests: XCTestCase {
    /// A month in which a numeric column holds only 0s and 1s (online shoppers' SpecialDay in November)
    /// is inferred as yes/no; read that way, the card's numeric criterion sees no number and scores every
    /// lead as missing. Typed by the card, the values score as numbers.
    func testColumnsAreReadAsTheCardReadsThem() throws {
        let card = ScoreCard(name: "visits", basePoints: 0, maximumPoints: 10, criteria: [
            Criterion(feature: "visits", label: "Visits", type: .numeric, conditions: [
                Condition(.range(NumericRange(atLeast: 1, lessThan: nil)), points: 10, label: "1+"),
                Condition(.range(NumericRange(atLeast: nil, lessThan: 1)), points: 0, label: "0"),
                Condition(.missing, points: 5, label: "unknown"),
            ]),
        ])
        try card.validate()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("typing-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "visits,converted\n1,1\n0,0\n1,0\n0,0\n".write(toFile: path, atomically: true, encoding: .utf8)

        let inferred = try Dataset.load(csv: path, options: LoadOptions(target: "converted"))
        XCTAssertEqual(inferred.column(named: "visits")?.role, .boolean, "the premise: per-file inference calls this column yes/no")
        XCTAssertEqual(try CardLeads(card: card, leads: inferred).totals, [5, 5, 5, 5], "read as yes/no, every lead is 'unknown'")

        let typed = try Dataset.load(csv: path, options: LoadOptions(target: "converted").typed(for: card))
        XCTAssertEqual(typed.column(named: "visits")?.role, .numeric)
        XCTAssertEqual(try CardLeads(card: card, leads: typed).totals, [10, 0, 10, 0])

        var chosen = LoadOptions(target: "converted")
        chosen.roles["visits"] = .categorical
        XCTAssertEqual(chosen.typed(for: card).roles["visits"], .categorical, "a role the user set wins")
    }
}
