@testable import BoostedStumps
import FeatureEncoding
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
        // Each way a feature's bins are read: a bin column; one-byte codes through a table (bins reversed);
        // two-byte codes through a table (code c in bin c mod 17, the column's bins chosen among 1,000 codes).
        let reversed = (0..<256).map { UInt8(255 - $0) }
        let shortCodes = columns[2].enumerated().map { row, bin in UInt16(Int(bin) + 17 * (row % 58)) }
        let features = [
            CodedBins(bins: columns[0]),
            CodedBins(codes: .bytes(columns[1].map { 255 - $0 }), binOfCode: reversed),
            CodedBins(codes: .shorts(shortCodes), binOfCode: (0..<1_000).map { UInt8($0 % 17) }),
        ]
        for threads in [1, 2] {
            var builder = HistogramBuilder(rowCount: rowCount, binCounts: binCounts)
            let built = gradHess.withUnsafeBufferPointer { gradHess in
                builder.build(binCounts: binCounts, features: features, gradHess: gradHess.baseAddress!, threads: threads)
            }
            for feature in binCounts.indices {
                let expected = naiveHistogram(bins: columns[feature], gradHess: gradHess, binCount: binCounts[feature])
                let actual = built[(feature * HistogramBuilder.stride)..<(feature * HistogramBuilder.stride + expected.count)]
                for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: 1e-9 * max(1, abs(e))) }
            }
        }
    }
}
