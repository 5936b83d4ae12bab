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
        XCTAssertNil(chosen.typed(for: card).expectedRoles["visits"])
        XCTAssertEqual(LoadOptions().typed(for: card).expectedRoles["visits"], .numeric)
    }
}

final class LeadVelocityTests: XCTestCase {
    /// Hot leads converted after 2, 4 and 9 days (median 4, quartiles 3 and 6.5 by linear interpolation);
    /// the cold one after 30; a lost lead, one without a conversion date and one dated before its creation
    /// are left out (the last two counted).
    func testMedianDaysPerTierByHand() throws {
        let day = 86_400.0
        let demo = [true, true, true, false, false, true, true]
        let created = [0, 10, 20, 0, 0, 0, 50].map { Double($0) * day }
        let converted = [2, 14, 29, 30, .nan, .nan, 40].map { $0 * day }
        var data = TinyCard.leads(demo: demo, source: Array(repeating: "web", count: 7), converted: [1, 1, 1, 1, 0, 1, 1])
        data.columns.append(DataColumn(name: "created", role: .date, values: .date(created), missingCount: 0, distinctCount: 5))
        data.columns.append(DataColumn(name: "won", role: .date, values: .date(converted), missingCount: 2, distinctCount: 5))
        let velocity = try LeadVelocity(try CardLeads(card: TinyCard.card, leads: data), data: data, created: "created", converted: "won")
        XCTAssertEqual(velocity.tiers.map(\.tier), ["hot", "cold"])
        XCTAssertEqual(velocity.tiers[0].conversions, 3)
        XCTAssertEqual(velocity.tiers[0].medianDays, 4)
        XCTAssertEqual(velocity.tiers[0].lowerQuartileDays, 3)
        XCTAssertEqual(velocity.tiers[0].upperQuartileDays, 6.5)
        XCTAssertEqual(velocity.tiers[1].medianDays, 30)
        XCTAssertEqual(velocity.missingDates, 1)
        XCTAssertEqual(velocity.conversionBeforeCreation, 1)
        XCTAssertThrowsError(try LeadVelocity(try CardLeads(card: TinyCard.card, leads: data), data: data, created: "source", converted: "won"))
    }

    /// On the drifting leads, whose stronger leads convert faster by construction, the card's hot tier
    /// converts faster than its cold tier.
    func testHotLeadsConvertFasterOnDriftingLeads() throws {
        let card = try ScoreCard.load(path: RecalibrationTests.repository.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
        let (data, _) = DriftingLeads(rows: 6_000, seed: 2).generate()
        let velocity = try LeadVelocity(try CardLeads(card: card, leads: data), data: data, created: "created_at", converted: "converted_at")
        let (hot, cold) = (try XCTUnwrap(velocity.tiers.first?.medianDays), try XCTUnwrap(velocity.tiers.last?.medianDays))
        XCTAssertLessThan(hot, cold)
        XCTAssertEqual(velocity.missingDates, 0)
    }
}
