import TestSupport
import XCTest
import Evaluation

/// AUC, average precision and KS on cases small enough to count pairs and thresholds by hand.
final class RankingMetricTests: XCTestCase {
    func testAUCCountsWinningPairs() throws {
        // scikit-learn's docstring example: positive 0.35 beats 0.1 but not 0.4; positive 0.8 beats both → 3/4.
        XCTAssertEqual(try rocAUC(scores: [0.1, 0.4, 0.35, 0.8], outcomes: [0, 0, 1, 1]), 0.75)
    }

    func testAUCCountsTiesAsHalf() throws {
        // Pairs (positive, negative): (2,1) win, (2,2) tie ½, (3,1) win, (3,2) win → 3.5 / 4.
        XCTAssertEqual(try rocAUC(scores: [1, 2, 2, 3], outcomes: [0, 1, 0, 1]), 0.875)
        // (1,1) ½, (1,2) 0, (2,1) 1, (2,2) ½ → 2 / 4.
        XCTAssertEqual(try rocAUC(scores: [1, 1, 2, 2], outcomes: [0, 1, 0, 1]), 0.5)
    }

    func testAUCWithWeights() throws {
        // Positive at 2 (weight 2) vs negatives at 1 and 2: 2·1 + 2·½ = 3; positive at 3 (weight 1) wins both: 2.
        // Total pair weight 3 · 2 = 6 → 5/6.
        assertClose(try rocAUC(scores: [1, 2, 2, 3], outcomes: [0, 1, 0, 1], weights: [1, 2, 1, 1]), 5.0 / 6.0)
    }

    func testIntegerWeightsEqualRepeatedRows() throws {
        var rng = SplitMix64(seed: 11)
        let scores = (0..<60).map { _ in Double(Int(rng.uniform() * 8)) }
        let outcomes = scores.map { rng.bernoulli(0.2 + $0 / 10) }
        let weights = scores.map { _ in Double(1 + Int(rng.uniform() * 3)) }
        var repeatedScores: [Double] = [], repeatedOutcomes: [UInt8] = []
        for i in scores.indices {
            for _ in 0..<Int(weights[i]) {
                repeatedScores.append(scores[i])
                repeatedOutcomes.append(outcomes[i])
            }
        }
        assertClose(try rocAUC(scores: scores, outcomes: outcomes, weights: weights),
                    try rocAUC(scores: repeatedScores, outcomes: repeatedOutcomes))
        assertClose(try averagePrecision(scores: scores, outcomes: outcomes, weights: weights),
                    try averagePrecision(scores: repeatedScores, outcomes: repeatedOutcomes))
        assertClose(try ksStatistic(scores: scores, outcomes: outcomes, weights: weights),
                    try ksStatistic(scores: repeatedScores, outcomes: repeatedOutcomes))
    }

    func testAUCMatchesPairCountingOnRandomTies() throws {
        var rng = SplitMix64(seed: 5)
        let scores = (0..<300).map { _ in Double(Int(rng.uniform() * 20)) }
        let outcomes = scores.map { rng.bernoulli($0 / 25) }
        var wins = 0.0, pairs = 0.0
        for i in scores.indices where outcomes[i] == 1 {
            for j in scores.indices where outcomes[j] == 0 {
                pairs += 1
                wins += scores[i] > scores[j] ? 1 : (scores[i] == scores[j] ? 0.5 : 0)
            }
        }
        assertClose(try rocAUC(scores: scores, outcomes: outcomes), wins / pairs)
    }

    func testAUCOfConstantAndOfOrderedScores() throws {
        XCTAssertEqual(try rocAUC(scores: [0.3, 0.3, 0.3, 0.3], outcomes: [0, 1, 0, 1]), 0.5)
        XCTAssertEqual(try rocAUC(scores: [1, 2, 3, 4], outcomes: [0, 0, 1, 1]), 1)
        XCTAssertEqual(try rocAUC(scores: [4, 3, 2, 1], outcomes: [0, 0, 1, 1]), 0)
    }

    func testAUCNeedsBothClasses() {
        assertThrows(EvaluationError.singleClass(positives: 3, negatives: 0)) { () throws(EvaluationError) in
            try rocAUC(scores: [0.1, 0.2, 0.3], outcomes: [1, 1, 1])
        }
        // A class present only with weight 0 does not count.
        assertThrows(EvaluationError.singleClass(positives: 2, negatives: 0)) { () throws(EvaluationError) in
            try rocAUC(scores: [0.1, 0.2, 0.3], outcomes: [1, 1, 0], weights: [1, 1, 0])
        }
    }

    func testAveragePrecisionIsStepSum() throws {
        // Thresholds 0.8 (P = 1, R = ½), 0.4 (no new positive), 0.35 (P = 2/3, R = 1): ½·1 + ½·⅔ = 5/6.
        assertClose(try averagePrecision(scores: [0.1, 0.4, 0.35, 0.8], outcomes: [0, 0, 1, 1]), 5.0 / 6.0)
        // Tied block first: precision ½ at recall ½; then precision ⅔ at recall 1 → ¼ + ⅓.
        assertClose(try averagePrecision(scores: [2, 2, 1], outcomes: [1, 0, 1]), 0.25 + 1.0 / 3.0)
        XCTAssertEqual(try averagePrecision(scores: [1, 2, 3], outcomes: [1, 1, 1]), 1)
        assertThrows(EvaluationError.noConversions) { () throws(EvaluationError) in
            try averagePrecision(scores: [1, 2], outcomes: [0, 0])
        }
    }

    func testKSStatistic() throws {
        XCTAssertEqual(try ksStatistic(scores: [1, 2, 3, 4], outcomes: [0, 0, 1, 1]), 1)
        // Highest first: after 4: TPR ½, FPR 0; after 3: ½, ½; after 2: 1, ½; after 1: 1, 1 → ½.
        XCTAssertEqual(try ksStatistic(scores: [1, 2, 3, 4], outcomes: [0, 1, 0, 1]), 0.5)
        XCTAssertEqual(try ksStatistic(scores: [7, 7, 7, 7], outcomes: [0, 1, 0, 1]), 0)
        // Ties are not split: the only cut inside {2, 2} would reach 1, but the block moves as one → ½.
        XCTAssertEqual(try ksStatistic(scores: [2, 2, 1, 3], outcomes: [1, 0, 0, 1]), 0.5)
    }
}
