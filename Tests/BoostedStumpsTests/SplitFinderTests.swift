@testable import BoostedStumps
import FeatureEncoding
import LeadData
import XCTest

/// `bestSplit` against enumerating every split on small random histograms.
final class SplitFinderTests: XCTestCase {
    private let loose = SplitRules(l2: 0, minLeafRows: 1, minLeafHessian: 0)

    private func randomHistogram(binCount: Int, generator: inout SeededGenerator) -> (histogram: [Double], rows: [Int]) {
        var histogram: [Double] = [], rows: [Int] = []
        for _ in 0..<binCount {
            let count = generator.next() % 4 == 0 ? 0 : Int(1 + generator.next() % 50)
            let hessian = Double(count) * (0.05 + 0.2 * generator.nextUniform())
            histogram += [count == 0 ? 0 : Double(count) * (generator.nextUniform() - 0.5), hessian]
            rows.append(count)
        }
        return (histogram, rows)
    }

    private func sums(_ bins: [Int], _ histogram: [Double], _ rows: [Int]) -> LeafSums {
        bins.reduce(LeafSums()) { $0 + LeafSums(gradient: histogram[2 * $1], hessian: histogram[2 * $1 + 1], rows: rows[$1]) }
    }

    /// The best gain over all candidate left sets, each checked against the rules.
    private func bruteForceGain(_ leftSets: [[Int]], binCount: Int, histogram: [Double], rows: [Int], rules: SplitRules,
                                monotone: Int = 0) -> Double {
        let total = sums(Array(0..<binCount), histogram, rows)
        var best = 0.0
        for leftBins in leftSets {
            let left = sums(leftBins, histogram, rows), right = total - left
            guard left.rows >= rules.minLeafRows, right.rows >= rules.minLeafRows,
                  left.hessian >= rules.minLeafHessian, right.hessian >= rules.minLeafHessian,
                  left.hessian + rules.l2 > 0, right.hessian + rules.l2 > 0 else { continue }
            let (l, r) = (left.value(l2: rules.l2), right.value(l2: rules.l2))
            if monotone > 0, l > r { continue }
            if monotone < 0, l < r { continue }
            best = max(best, left.score(l2: rules.l2) + right.score(l2: rules.l2) - total.score(l2: rules.l2))
        }
        return best
    }

    func testNumericSplitsMatchEveryThresholdAndMissingSide() {
        var generator = SeededGenerator(seed: 21)
        for trial in 0..<300 {
            let valueBins = 1 + Int(generator.next() % 12)
            let feature = FeatureBins(name: "x", role: .numeric, kind: .numeric(upperEdges: (1..<valueBins).map(Double.init)))
            let (histogram, rows) = randomHistogram(binCount: feature.binCount, generator: &generator)
            let rules = trial % 2 == 0 ? loose : SplitRules(l2: 1.5, minLeafRows: 30, minLeafHessian: 0.5)
            let monotone = [0, 1, -1][trial % 3]
            // Left = value bins 0…t, with or without the missing bin, excluding "everything".
            var leftSets: [[Int]] = []
            for threshold in 0..<valueBins {
                leftSets.append(Array(0...threshold))
                leftSets.append(Array(0...threshold) + [feature.missingBin])
            }
            let found = histogram.withUnsafeBufferPointer {
                bestSplit(histogram: $0.baseAddress!, rowCounts: rows, feature: feature, monotone: monotone, rules: rules)
            }
            let expected = bruteForceGain(leftSets, binCount: feature.binCount, histogram: histogram, rows: rows,
                                          rules: rules, monotone: monotone)
            XCTAssertEqual(found?.gain ?? 0, expected, accuracy: 1e-9 * max(1, expected), "trial \(trial)")
            if let found {
                let leftBins = (0..<feature.binCount).filter { bin in
                    Stump(feature: 0, split: found.split, leftValue: 1, rightValue: 0, gain: 0)
                        .goesLeft(bin: bin, missingBin: feature.missingBin)
                }
                XCTAssertEqual(sums(leftBins, histogram, rows).value(l2: rules.l2), found.leftValue, accuracy: 1e-12,
                               "the split's bins give its leaf value")
            }
        }
    }

    func testCategoricalSplitsMatchEverySubsetWithoutLeafLimits() {
        var generator = SeededGenerator(seed: 22)
        for trial in 0..<200 {
            let levels = 1 + Int(generator.next() % 7)
            let feature = FeatureBins(name: "c", role: .categorical,
                                      kind: .categorical(levels: (0..<levels).map { "l\($0)" }, pooled: []))
            let (histogram, rows) = randomHistogram(binCount: feature.binCount, generator: &generator)
            let bins = feature.binCount
            let leftSets = (1..<(1 << bins) - 1).map { mask in (0..<bins).filter { mask & (1 << $0) != 0 } }
            let found = histogram.withUnsafeBufferPointer {
                bestSplit(histogram: $0.baseAddress!, rowCounts: rows, feature: feature, monotone: 0, rules: loose)
            }
            let expected = bruteForceGain(leftSets, binCount: bins, histogram: histogram, rows: rows, rules: loose)
            XCTAssertEqual(found?.gain ?? 0, expected, accuracy: 1e-9 * max(1, expected), "trial \(trial)")
        }
    }

    func testCategoricalSplitsRespectTheGroupLimitsAndScoreWithTheExtraPenalty() {
        var generator = SeededGenerator(seed: 23)
        let rules = SplitRules(l2: 1, minLeafRows: 1, minLeafHessian: 0, categorySmoothing: 25, categoryL2: 4,
                               minCategoryGroupRows: 60)
        for trial in 0..<200 {
            let levels = 2 + Int(generator.next() % 8)
            let feature = FeatureBins(name: "c", role: .categorical,
                                      kind: .categorical(levels: (0..<levels).map { "l\($0)" }, pooled: []))
            let (histogram, rows) = randomHistogram(binCount: feature.binCount, generator: &generator)
            let found = histogram.withUnsafeBufferPointer {
                bestSplit(histogram: $0.baseAddress!, rowCounts: rows, feature: feature, monotone: 0, rules: rules)
            }
            guard let found, case .categories(let leftBins) = found.split else { continue }
            let left = sums(leftBins, histogram, rows)
            let right = sums(Array(0..<feature.binCount), histogram, rows) - left
            XCTAssertGreaterThanOrEqual(min(left.rows, right.rows), 60, "trial \(trial)")
            XCTAssertEqual(found.leftValue, left.value(l2: 5), accuracy: 1e-12)
            XCTAssertEqual(found.rightValue, right.value(l2: 5), accuracy: 1e-12)
            // Categories below the smoothing count are placed together, with the larger side.
            let small = (0..<feature.binCount).filter { rows[$0] < 25 }
            XCTAssertTrue(small.allSatisfy(leftBins.contains) || !small.contains(where: leftBins.contains), "trial \(trial)")
        }
    }
}
