@testable import BoostedStumps
import LeadData
import XCTest

final class HistogramTests: XCTestCase {
    /// scikit-learn keeps `_build_histogram_naive` "to compare with the optimized version"; this is ours.
    private func naiveHistogram(bins: [UInt8], gradHess: [Double], binCount: Int) -> [Double] {
        var histogram = [Double](repeating: 0, count: 2 * binCount)
        for (row, bin) in bins.enumerated() {
            histogram[2 * Int(bin)] += gradHess[2 * row]
            histogram[2 * Int(bin) + 1] += gradHess[2 * row + 1]
        }
        return histogram
    }

    func testHistogramsMatchTheNaiveSumsOverSeveralChunksAndThreadCounts() {
        let rowCount = 2 * chunkRows + 1_234
        let binCounts = [3, 256, 17]
        var generator = SeededGenerator(seed: 11)
        let columns = binCounts.map { count in (0..<rowCount).map { _ in UInt8(generator.next() % UInt64(count)) } }
        let gradHess = (0..<(2 * rowCount)).map { _ in generator.nextUniform() - 0.3 }
        let matrix = Array(columns.joined())
        for threads in [1, 2] {
            var builder = HistogramBuilder(rowCount: rowCount, featureCount: binCounts.count)
            let built = matrix.withUnsafeBufferPointer { bins in
                gradHess.withUnsafeBufferPointer { gradHess in
                    builder.build(binCounts: binCounts, bins: bins.baseAddress!, gradHess: gradHess.baseAddress!,
                                  threads: threads)
                }
            }
            for feature in binCounts.indices {
                let expected = naiveHistogram(bins: columns[feature], gradHess: gradHess, binCount: binCounts[feature])
                let actual = built[(feature * HistogramBuilder.stride)..<(feature * HistogramBuilder.stride + expected.count)]
                for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: 1e-9 * max(1, abs(e))) }
            }
        }
    }
}
