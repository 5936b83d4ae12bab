import XCTest
@testable import FeatureEncoding
import LeadData

/// Issue 21 item 2: the booster reads bins through the data columns' own codes (`CodedBins`) instead of a
/// bin column; every row must get the bin `transform` gives it, for every way a column is stored.
final class CodedBinsTests: XCTestCase {
    func testCodedBinsEqualTransformRowByRowForEveryStorage() throws {
        let rows = 70_100
        // narrow: 9 distinct values and missing; wide: 1,000 distinct; plain: more than 65,536 distinct.
        let narrow = (0..<rows).map { $0 % 13 == 0 ? Double.nan : Double($0 % 9) }
        let wide = (0..<rows).map { $0 % 17 == 0 ? Double.nan : Double($0 % 1_000) * 0.25 }
        let plain = (0..<rows).map { Double($0) * 1.5 }
        let fewLevels = (0..<rows).map { Int32($0 % 7 == 0 ? -1 : $0 % 5) }
        let manyLevels = (0..<rows).map { Int32($0 % 11 == 0 ? -1 : $0 % 300) }
        let leads = Dataset(source: "hand", columns: [
            DataColumn(name: "narrow", role: .numeric, values: .numeric(narrow), missingCount: 0, distinctCount: 9),
            DataColumn(name: "wide", role: .numeric, values: .numeric(wide), missingCount: 0, distinctCount: 1_000),
            DataColumn(name: "plain", role: .numeric, values: .numeric(plain), missingCount: 0, distinctCount: rows),
            DataColumn(name: "yes", role: .boolean, values: .boolean((0..<rows).map { Double($0 % 2) }), missingCount: 0, distinctCount: 2),
            DataColumn(name: "few", role: .categorical, values: .categorical(codes: fewLevels, levels: (0..<5).map { "l\($0)" }),
                       missingCount: 0, distinctCount: 5),
            DataColumn(name: "many", role: .categorical, values: .categorical(codes: manyLevels, levels: (0..<300).map { "m\($0)" }),
                       missingCount: 0, distinctCount: 300),
        ], labels: nil, outcome: nil, rowCount: rows, notes: [])
        // Fewer value bins than distinct values, and rare levels pooled into "other": bins are not codes.
        let mapper = try BinMapper(fitting: leads, parameters: BinningParameters(maxBins: 32, minCategoryCount: 300))
        let bins = try mapper.transform(leads)
        let coded = try mapper.transformCoded(leads)
        XCTAssertEqual(coded.count, 6)
        for (feature, column) in coded.enumerated() {
            XCTAssertEqual(column.rowCount, rows)
            XCTAssertEqual(column.bins, bins.columns[feature], mapper.features[feature].name)
            let binCount = mapper.features[feature].binCount
            XCTAssertEqual(column.binCounts(binCount: binCount), bins.binCounts(feature: feature, binCount: binCount))
        }
        // Which columns share the data's codes (a table per code) and which got a bin column.
        let shared = coded.map { $0.binOfCode != nil }
        XCTAssertEqual(shared, [true, true, false, true, true, false])
        guard case .shorts = coded[1].codes, case .bytes = coded[0].codes else { return XCTFail("storage changed") }
        // By hand: a missing value of `narrow` falls in its feature's missing bin.
        XCTAssertEqual(Int(coded[0][0]), mapper.features[0].missingBin)
    }
}
