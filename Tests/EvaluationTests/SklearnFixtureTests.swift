import Foundation
import TestSupport
import XCTest
import Evaluation

/// Every metric against values from scikit-learn, SciPy and NumPy on 400 seeded rows with heavy ties and
/// weights including zeros (Fixtures/make_fixtures.py writes Fixtures/sklearn_reference.json; rerun it and
/// commit both if the data change). Tolerance 1e-9: both sides sum a few hundred terms in different orders.
final class SklearnFixtureTests: XCTestCase {
    struct Fixture: Decodable {
        struct Ranking: Decodable { var rocAuc, averagePrecision, ks: Double; var logLoss, brier: Double? }
        struct Metrics: Decodable { var probabilities, scores: Ranking }
        struct Reliability: Decodable {
            var strategy: String, bins: Int, weighted: Bool
            var lower, upper, weight, meanPredicted, observedRate: [Double]
            var rows: [Int]
            var ece: Double
        }
        struct Lift: Decodable {
            var groups: Int, weighted: Bool
            var weight, positives, conversionRate, lift, cumulativeGain, cumulativeLift, minScore, maxScore: [Double]
        }
        struct Wilson: Decodable { var successes, trials: Int; var confidence, low, high: Double }
        struct Tier: Decodable {
            var name: String, rows, conversions: Int
            var shareOfLeads, conversionRate, shareOfConversions, wilsonLow, wilsonHigh: Double
        }
        struct Tiers: Decodable { var tierOfRow: [Int]; var names: [String]; var tiers: [Tier] }

        var probabilities, scores, weights: [Double]
        var outcomes: [UInt8]
        var metrics: [String: Metrics]
        var ksScipyUnweighted: [String: Double]
        var reliability: [Reliability]
        var lift: [Lift]
        var wilson: [Wilson]
        var tiers: Tiers
    }

    static let fixture: Fixture = {
        guard let url = Bundle.module.url(forResource: "sklearn_reference", withExtension: "json", subdirectory: "Fixtures") else {
            fatalError("Fixtures/sklearn_reference.json is missing from the test bundle; run Fixtures/make_fixtures.py")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do { return try decoder.decode(Fixture.self, from: Data(contentsOf: url)) } catch { fatalError("\(error)") }
    }()

    var f: Fixture { Self.fixture }

    func testFixtureHasTiesAndZeroWeights() {
        XCTAssertEqual(f.probabilities.count, 400)
        XCTAssertLessThan(Set(f.probabilities).count, 100)
        XCTAssertLessThan(Set(f.scores).count, 41)
        XCTAssert(f.weights.contains(0))
    }

    func testRankingMetrics() throws {
        for (key, weights) in [("unweighted", nil), ("weighted", f.weights)] as [(String, [Double]?)] {
            let expected = try XCTUnwrap(f.metrics[key])
            for (name, scores, reference) in [("probabilities", f.probabilities, expected.probabilities),
                                              ("scores", f.scores, expected.scores)] {
                let context = "\(key) \(name)"
                assertClose(try rocAUC(scores: scores, outcomes: f.outcomes, weights: weights), reference.rocAuc,
                            tolerance: 1e-9, context)
                assertClose(try averagePrecision(scores: scores, outcomes: f.outcomes, weights: weights),
                            reference.averagePrecision, tolerance: 1e-9, context)
                assertClose(try ksStatistic(scores: scores, outcomes: f.outcomes, weights: weights), reference.ks,
                            tolerance: 1e-9, context)
            }
        }
        // SciPy's two-sample KS test agrees with max |TPR − FPR|.
        assertClose(try ksStatistic(scores: f.probabilities, outcomes: f.outcomes), f.ksScipyUnweighted["probabilities"]!,
                    tolerance: 1e-9)
        assertClose(try ksStatistic(scores: f.scores, outcomes: f.outcomes), f.ksScipyUnweighted["scores"]!, tolerance: 1e-9)
    }

    func testLogLossAndBrier() throws {
        for (key, weights) in [("unweighted", nil), ("weighted", f.weights)] as [(String, [Double]?)] {
            let reference = try XCTUnwrap(f.metrics[key]?.probabilities)
            assertClose(try logLoss(probabilities: f.probabilities, outcomes: f.outcomes, weights: weights),
                        try XCTUnwrap(reference.logLoss), tolerance: 1e-9, key)
            assertClose(try brierScore(probabilities: f.probabilities, outcomes: f.outcomes, weights: weights),
                        try XCTUnwrap(reference.brier), tolerance: 1e-9, key)
        }
    }

    func testReliabilityTablesMatchCalibrationCurve() throws {
        XCTAssertEqual(f.reliability.count, 8)
        for reference in f.reliability {
            let binning: ReliabilityBinning = reference.strategy == "uniform" ? .equalWidth : .equalCount
            let table = try reliabilityTable(probabilities: f.probabilities, outcomes: f.outcomes,
                                             weights: reference.weighted ? f.weights : nil,
                                             bins: reference.bins, binning: binning)
            let context = "\(reference.strategy) \(reference.bins) bins, weighted \(reference.weighted)"
            // Row counts equal means every probability, including those on an edge, is in the same bin.
            XCTAssertEqual(table.bins.map(\.rows), reference.rows, context)
            assertClose(table.bins.map(\.lower), reference.lower, tolerance: 0, context)
            assertClose(table.bins.map(\.upper), reference.upper, tolerance: 0, context)
            assertClose(table.bins.map(\.weight), reference.weight, tolerance: 1e-9, context)
            assertClose(table.bins.map(\.meanPredicted), reference.meanPredicted, tolerance: 1e-9, context)
            assertClose(table.bins.map(\.observedRate), reference.observedRate, tolerance: 1e-9, context)
            assertClose(table.expectedCalibrationError, reference.ece, tolerance: 1e-9, context)
        }
    }

    func testLiftTablesMatchUnitExpansion() throws {
        XCTAssertEqual(f.lift.count, 6)
        for reference in f.lift {
            let table = try liftTable(scores: f.scores, outcomes: f.outcomes,
                                      weights: reference.weighted ? f.weights : nil, groups: reference.groups)
            let context = "\(reference.groups) groups, weighted \(reference.weighted)"
            let rows = table.groups
            assertClose(rows.map(\.weight), reference.weight, tolerance: 1e-9, context)
            assertClose(rows.map(\.positives), reference.positives, tolerance: 1e-9, context)
            assertClose(rows.map(\.conversionRate), reference.conversionRate, tolerance: 1e-9, context)
            assertClose(rows.map(\.lift), reference.lift, tolerance: 1e-9, context)
            assertClose(rows.map(\.cumulativeGain), reference.cumulativeGain, tolerance: 1e-9, context)
            assertClose(rows.map(\.cumulativeLift), reference.cumulativeLift, tolerance: 1e-9, context)
            XCTAssertEqual(rows.map(\.minScore), reference.minScore, context)
            XCTAssertEqual(rows.map(\.maxScore), reference.maxScore, context)
        }
    }

    func testWilsonIntervalsMatchSciPy() throws {
        for reference in f.wilson {
            let interval = try wilsonInterval(successes: Double(reference.successes), trials: Double(reference.trials),
                                              confidence: reference.confidence)
            let context = "\(reference.successes)/\(reference.trials) at \(reference.confidence)"
            assertClose(interval.lower, reference.low, tolerance: 1e-12, context)
            assertClose(interval.upper, reference.high, tolerance: 1e-12, context)
        }
    }

    func testTierTableMatchesGroupBy() throws {
        let table = try tierTable(tiers: f.tiers.tierOfRow, names: f.tiers.names, outcomes: f.outcomes)
        XCTAssertEqual(table.tiers.map(\.name), f.tiers.tiers.map(\.name))
        for (row, reference) in zip(table.tiers, f.tiers.tiers) {
            XCTAssertEqual(row.rows, reference.rows)
            XCTAssertEqual(row.conversions, Double(reference.conversions))
            assertClose(row.shareOfLeads, reference.shareOfLeads)
            assertClose(try XCTUnwrap(row.conversionRate), reference.conversionRate)
            assertClose(row.shareOfConversions, reference.shareOfConversions)
            assertClose(try XCTUnwrap(row.conversionInterval?.lower), reference.wilsonLow, tolerance: 1e-12)
            assertClose(try XCTUnwrap(row.conversionInterval?.upper), reference.wilsonHigh, tolerance: 1e-12)
        }
    }
}
