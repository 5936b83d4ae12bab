import FeatureEncoding
import LeadData
import TestSupport
import XCTest

final class BinningTests: XCTestCase {
    func testFewDistinctValuesGetOneBinEachWithMidpointEdges() throws {
        let data = dataset(("visits", .numeric, .numeric([0, 3, 1, 3, 0, .nan, 10])),
                           ("opted_in", .boolean, .boolean([0, 1, 1, .nan, 0, 0, 1])))
        let mapper = try BinMapper(fitting: data)
        XCTAssertEqual(mapper.features[0].kind, .numeric(upperEdges: [0.5, 2, 6.5]))
        XCTAssertEqual(mapper.features[1].kind, .numeric(upperEdges: [0.5]))
        let binned = try mapper.transform(data)
        XCTAssertEqual(binned.columns[0], [0, 2, 1, 2, 0, 4, 3])
        XCTAssertEqual(binned.columns[1], [0, 1, 1, 2, 0, 0, 1])
        XCTAssertEqual(mapper.features[0].missingBin, 4)
        XCTAssertEqual(mapper.features[0].content(ofBin: 0), .interval(lower: -.infinity, upper: 0.5))
        XCTAssertEqual(mapper.features[0].content(ofBin: 3), .interval(lower: 6.5, upper: .infinity))
        XCTAssertEqual(mapper.features[0].content(ofBin: 4), .missing)
    }

    func testManyValuesGetAtMostMaxBinsOfSimilarSizeAndAHeavyValueItsOwnBin() throws {
        var generator = SeededGenerator(seed: 3)
        // 30 % zeros (a heavy value), the rest spread over many distinct values.
        let values = (0..<20_000).map { _ in generator.nextUniform() < 0.3 ? 0 : (generator.nextUniform() * 1000).rounded() + 1 }
        let mapper = try BinMapper(fitting: dataset(("x", .numeric, .numeric(values))),
                                   parameters: BinningParameters(maxBins: 32))
        let feature = mapper.features[0]
        XCTAssertLessThanOrEqual(feature.valueBinCount, 32)
        XCTAssertGreaterThanOrEqual(feature.valueBinCount, 28)
        let counts = try mapper.transform(dataset(("x", .numeric, .numeric(values)))).binCounts(feature: 0, binCount: feature.binCount)
        XCTAssertEqual(feature.content(ofBin: 0), .interval(lower: -.infinity, upper: 0.5), "zero alone in bin 0")
        XCTAssertEqual(counts[0], values.filter { $0 == 0 }.count)
        let others = counts[1..<feature.valueBinCount]
        let mean = Double(others.reduce(0, +)) / Double(others.count)
        XCTAssertLessThan(Double(others.max()!), 1.6 * mean, "equal-frequency bins: \(counts)")
        XCTAssertGreaterThan(Double(others.min()!), 0.4 * mean, "equal-frequency bins: \(counts)")
        XCTAssertEqual(counts[feature.missingBin], 0)
    }

    func testEveryValueFallsInsideItsBinsInterval() throws {
        var generator = SeededGenerator(seed: 5)
        let values = (0..<5_000).map { _ in generator.nextUniform() < 0.1 ? .nan : exp(4 * generator.nextUniform()) }
        let data = dataset(("x", .numeric, .numeric(values)))
        let mapper = try BinMapper(fitting: data, parameters: BinningParameters(maxBins: 255, quantileSampleSize: 1_000))
        let bins = try mapper.transform(data).columns[0]
        for (value, bin) in zip(values, bins) {
            switch mapper.features[0].content(ofBin: Int(bin)) {
            case .interval(let lower, let upper): XCTAssertTrue(lower < value && value <= upper, "\(value) in bin \(bin)")
            case .missing: XCTAssertTrue(value.isNaN)
            default: XCTFail("numeric bins are intervals or missing")
            }
        }
    }

    func testRareCategoriesArePooledAndUnseenOnesGoToOther() throws {
        let labels = Array(repeating: "web", count: 12) + Array(repeating: "event", count: 10) + ["fax", "fax"]
        let train = dataset(("source", .categorical, labelled(labels + [nil])))
        let mapper = try BinMapper(fitting: train, parameters: BinningParameters(minCategoryCount: 10))
        let feature = mapper.features[0]
        XCTAssertEqual(feature.kind, .categorical(levels: ["web", "event"], pooled: ["fax"]))
        XCTAssertEqual(feature.otherBin, 2)
        XCTAssertEqual(feature.missingBin, 3)
        // Levels in another order, one never seen in training: binned by label, unseen → other.
        let test = dataset(("source", .categorical, labelled(["partner", "event", nil, "fax", "web"])))
        XCTAssertEqual(try mapper.transform(test).columns[0], [2, 1, 3, 2, 0])
        XCTAssertEqual(feature.bin(ofLevel: "partner"), 2)
        XCTAssertEqual(feature.content(ofBin: 2), .other(pooled: ["fax"]))
    }

    func testTooManyLevelsKeepTheMostFrequent() throws {
        let labels = (0..<300).flatMap { level in Array(repeating: "level\(level)", count: 1 + level % 7) }
        let mapper = try BinMapper(fitting: dataset(("many", .categorical, labelled(labels))),
                                   parameters: BinningParameters(maxBins: 255, minCategoryCount: 1))
        let feature = mapper.features[0]
        XCTAssertEqual(feature.binCount, 256, "254 levels + other + missing")
        guard case .categorical(let kept, let pooled) = feature.kind else { return XCTFail("categorical") }
        XCTAssertEqual(kept.count + pooled.count, 300)
        XCTAssertTrue(pooled.allSatisfy { label in Int(label.dropFirst(5))! % 7 <= 1 }, "only the rarest levels pooled")
    }

    func testColumnsAreCheckedByNameAndKind() throws {
        let mapper = try BinMapper(fitting: dataset(("x", .numeric, .numeric([1, 2, 3]))))
        XCTAssertThrowsError(try mapper.transform(dataset(("y", .numeric, .numeric([1])))) ) { error in
            XCTAssertEqual(error as? BinningError, .missingColumn("x"))
        }
        XCTAssertThrowsError(try mapper.transform(dataset(("x", .categorical, labelled(["a"]))))) { error in
            XCTAssertEqual(error as? BinningError, .roleMismatch(column: "x", expected: .numeric, found: .categorical))
        }
        XCTAssertThrowsError(try BinMapper(fitting: dataset(("x", .numeric, .numeric([1]))),
                                           parameters: BinningParameters(maxBins: 256)))
        // A numeric feature may come back as boolean (a test file holding only 0 and 1).
        XCTAssertEqual(try mapper.transform(dataset(("x", .boolean, .boolean([0, 1])))).columns[0], [0, 0])
    }

    func testFittingIsDeterministicAndIndependentOfThreads() throws {
        var generator = SeededGenerator(seed: 9)
        let data = dataset(("a", .numeric, .numeric((0..<30_000).map { _ in generator.nextUniform() })),
                           ("b", .numeric, .numeric((0..<30_000).map { _ in generator.nextUniform().squareRoot() })))
        let parameters = BinningParameters(quantileSampleSize: 5_000, seed: 4)
        let one = try BinMapper(fitting: data, parameters: parameters, threads: 1)
        let two = try BinMapper(fitting: data, parameters: parameters, threads: 2)
        XCTAssertEqual(one, two)
        XCTAssertEqual(try one.transform(data, threads: 1), try two.transform(data, threads: 2))
        XCTAssertEqual(try JSONDecoder().decode(BinMapper.self, from: JSONEncoder().encode(one)), one)
    }
}

/// A dataset of the given columns (equal lengths), without labels.
private func dataset(_ columns: (String, ColumnRole, ColumnValues)...) -> Dataset {
    let rowCount = columns.first?.2.count ?? 0
    return Dataset(source: "test", columns: columns.map { name, role, values in
        DataColumn(name: name, role: role, values: values, missingCount: 0, distinctCount: 0)
    }, labels: nil, outcome: nil, rowCount: rowCount)
}
