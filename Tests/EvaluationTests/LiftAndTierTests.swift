import TestSupport
import XCTest
import Evaluation

/// Lift tables and tier tables on hand-computed cases.
final class LiftAndTierTests: XCTestCase {
    func testLiftWithoutTies() throws {
        let table = try liftTable(scores: [4, 3, 2, 1], outcomes: [1, 1, 0, 0], groups: 2)
        XCTAssertEqual(table.overallConversionRate, 0.5)
        XCTAssertEqual(table.groups.map(\.weight), [2, 2])
        XCTAssertEqual(table.groups.map(\.conversionRate), [1, 0])
        XCTAssertEqual(table.groups.map(\.lift), [2, 0])
        XCTAssertEqual(table.groups.map(\.cumulativeGain), [1, 1])
        XCTAssertEqual(table.groups.map(\.cumulativeLift), [2, 1])
        XCTAssertEqual(table.groups.map(\.minScore), [3, 1])
        XCTAssertEqual(table.groups.map(\.maxScore), [4, 2])
    }

    func testTiedBlockIsSharedProRata() throws {
        // Group 1 = the row at 3 (converted) + half of the tied block at 2 (one converted, one lost → ½):
        // positives 1.5 of 2, rate ¾, lift 1.5; group 2 gets the other half-block (½) and the lost row at 1.
        let table = try liftTable(scores: [3, 2, 2, 1], outcomes: [1, 1, 0, 0], groups: 2)
        XCTAssertEqual(table.groups.map(\.positives), [1.5, 0.5])
        XCTAssertEqual(table.groups.map(\.conversionRate), [0.75, 0.25])
        XCTAssertEqual(table.groups.map(\.lift), [1.5, 0.5])
        XCTAssertEqual(table.groups.map(\.cumulativeGain), [0.75, 1])
        XCTAssertEqual(table.groups.map(\.minScore), [2, 1])
        XCTAssertEqual(table.groups.map(\.maxScore), [3, 2])
    }

    func testLiftDoesNotDependOnRowOrder() throws {
        var rng = SplitMix64(seed: 3)
        let scores = (0..<200).map { _ in Double(Int(rng.uniform() * 6)) }
        let outcomes = scores.map { rng.bernoulli(0.1 + $0 / 8) }
        let reversed = try liftTable(scores: scores.reversed(), outcomes: outcomes.reversed(), groups: 10)
        let forward = try liftTable(scores: scores, outcomes: outcomes, groups: 10)
        for (a, b) in zip(forward.groups, reversed.groups) {
            assertClose(a.positives, b.positives)
            XCTAssertEqual(a.minScore, b.minScore)
            XCTAssertEqual(a.maxScore, b.maxScore)
        }
        // Every group has exactly a tenth of the rows, even though only 6 distinct scores exist.
        XCTAssert(forward.groups.allSatisfy { abs($0.weight - 20) < 1e-12 })
        assertClose(forward.groups.last!.cumulativeGain, 1)
        assertClose(forward.groups.last!.cumulativeLift, 1)
    }

    func testAllScoresEqualGivesLiftOne() throws {
        let table = try liftTable(scores: [5, 5, 5, 5, 5], outcomes: [1, 0, 0, 1, 0], groups: 5)
        for row in table.groups { assertClose(row.lift, 1) }
    }

    func testLiftArgumentErrors() {
        assertThrows(EvaluationError.invalidGroupCount(0)) { () throws(EvaluationError) in
            try liftTable(scores: [1, 2], outcomes: [0, 1], groups: 0)
        }
        assertThrows(EvaluationError.noConversions) { () throws(EvaluationError) in
            try liftTable(scores: [1, 2], outcomes: [0, 0])
        }
    }

    func testTierTableByHand() throws {
        let table = try tierTable(tiers: [0, 0, 1, 1, 1, 2], names: ["A", "B", "C", "D"], outcomes: [1, 1, 1, 0, 0, 0])
        XCTAssertEqual(table.tiers.map(\.name), ["A", "B", "C", "D"])
        XCTAssertEqual(table.tiers.map(\.rows), [2, 3, 1, 0])
        assertClose(table.tiers.map(\.shareOfLeads), [2.0 / 6, 3.0 / 6, 1.0 / 6, 0])
        XCTAssertEqual(table.tiers.map(\.conversionRate), [1, 1.0 / 3, 0, nil])
        assertClose(table.tiers.map(\.shareOfConversions), [2.0 / 3, 1.0 / 3, 0, 0])
        XCTAssertEqual(table.tiers[0].conversionInterval?.upper, 1)  // all converted: upper bound exactly 1
        XCTAssertEqual(table.tiers[2].conversionInterval?.lower, 0)  // none converted: lower bound exactly 0
        XCTAssertNil(table.tiers[3].conversionInterval)              // empty tier: no interval, not NaN
    }

    func testTierErrors() {
        assertThrows(EvaluationError.invalidTier(index: 1, tier: 2, tierCount: 2)) { () throws(EvaluationError) in
            try tierTable(tiers: [0, 2], names: ["A", "B"], outcomes: [1, 0])
        }
        assertThrows(EvaluationError.invalidConfidence(1)) { () throws(EvaluationError) in
            try tierTable(tiers: [0, 1], names: ["A", "B"], outcomes: [1, 0], confidence: 1)
        }
    }

    func testWilsonIntervalByHand() throws {
        // 5 of 10 at 95 %: z = 1.959963984540054, centre ½, half-width z/(2(n+z²))·√(4·10·¼ + z²).
        let z = 1.959963984540054
        let half = z / (2 * (10 + z * z)) * (10 + z * z).squareRoot()
        let interval = try wilsonInterval(successes: 5, trials: 10)
        assertClose(interval.lower, 0.5 - half)
        assertClose(interval.upper, 0.5 + half)
        assertClose(interval.lower, 0.2365930905, tolerance: 1e-9)
        assertThrows(EvaluationError.invalidCount(successes: 11, trials: 10)) { () throws(EvaluationError) in
            try wilsonInterval(successes: 11, trials: 10)
        }
    }
}
