import FeatureEncoding
import LeadData
import TestSupport
import XCTest

/// A category is its exact spelling: "café" typed with a precomposed é (NFC, Windows and the web) and with
/// e + combining acute (NFD, macOS) are two levels, as the reader interns them and the scorer and SQL
/// compare them. Swift's `String ==` calls them equal, which made binning trap on a duplicate key.
final class CategoryIdentityTests: XCTestCase {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    /// 20 rows of each spelling and of "tea", then a missing value.
    private var drinks: Dataset {
        let labels: [String?] = Array(repeating: Self.composed, count: 20) + Array(repeating: Self.decomposed, count: 20)
            + Array(repeating: "tea", count: 20) + [nil]
        let values = labelled(labels)
        return Dataset(source: "test", columns: [DataColumn(name: "drink", role: .categorical, values: values, missingCount: 1, distinctCount: 3)],
                       labels: nil, outcome: nil, rowCount: labels.count)
    }

    func testTestDataKeepsBothSpellings() throws {
        XCTAssertNotEqual(Array(Self.composed.utf8), Array(Self.decomposed.utf8))
        XCTAssertEqual(Self.composed, Self.decomposed, "Swift's String == is canonical equivalence: the trap this guards against")
        guard case .categorical(_, let levels) = drinks.columns[0].values else { return XCTFail("not categorical") }
        XCTAssertEqual(levels.map { Array($0.utf8) }, [Array(Self.composed.utf8), Array(Self.decomposed.utf8), Array("tea".utf8)])
    }

    func testBinMapperGivesEachSpellingItsOwnBinWithoutTrapping() throws {
        let mapper = try BinMapper(fitting: drinks, parameters: BinningParameters(minCategoryCount: 5))
        let feature = mapper.features[0]
        guard case .categorical(let levels, let pooled) = feature.kind else { return XCTFail("not categorical") }
        XCTAssertEqual(levels.map { Array($0.utf8) }, [Array(Self.composed.utf8), Array(Self.decomposed.utf8), Array("tea".utf8)])
        XCTAssertEqual(pooled, [])
        let bins = try mapper.transform(drinks).columns[0]
        XCTAssertEqual(Array(bins[0..<20]), Array(repeating: 0, count: 20))
        XCTAssertEqual(Array(bins[20..<40]), Array(repeating: 1, count: 20))
        XCTAssertEqual(Array(bins[40..<60]), Array(repeating: 2, count: 20))
        XCTAssertEqual(bins[60], UInt8(feature.missingBin))
        XCTAssertEqual(feature.bin(ofLevel: Self.composed), 0)
        XCTAssertEqual(feature.bin(ofLevel: Self.decomposed), 1)
        XCTAssertEqual(feature.bin(ofLevel: "cafe"), UInt8(feature.otherBin!))
        guard case .level(let second) = feature.content(ofBin: 1) else { return XCTFail("bin 1 is not a level") }
        XCTAssertEqual(Array(second.utf8), Array(Self.decomposed.utf8))
    }

    /// A spelling pooled as rare stays apart from its frequent canonical twin: it goes to "other".
    func testRareSpellingIsPooledApartFromItsFrequentTwin() throws {
        let labels: [String?] = Array(repeating: Self.composed, count: 30) + [Self.decomposed] + Array(repeating: "tea", count: 30)
        let data = Dataset(source: "test", columns: [DataColumn(name: "drink", role: .categorical, values: labelled(labels), missingCount: 0, distinctCount: 3)],
                           labels: nil, outcome: nil, rowCount: labels.count)
        let mapper = try BinMapper(fitting: data, parameters: BinningParameters(minCategoryCount: 5))
        let feature = mapper.features[0]
        let bins = try mapper.transform(data).columns[0]
        XCTAssertEqual(bins[0], 0)
        XCTAssertEqual(bins[30], UInt8(feature.otherBin!), "the rare NFD spelling must not borrow the NFC bin")
        XCTAssertEqual(feature.bin(ofLevel: Self.decomposed), UInt8(feature.otherBin!))
    }

    /// The logistic regression's one-hot encoding bins categories the same way.
    func testDesignEncoderEncodesBothSpellingsWithoutTrapping() throws {
        let data = drinks
        let encoder = try DesignEncoder(fitting: data, options: DesignOptions(minimumLevelCount: 5))
        let design = try encoder.encode(data)
        XCTAssertEqual(design.rowCount, data.rowCount)
        // The columns set in a row of each spelling: one each, and not the same one.
        let hot = { (row: Int) in (0..<design.columnCount).filter { design.column($0)[design.column($0).startIndex + row] == 1 } }
        XCTAssertEqual(hot(0).count, 1)
        XCTAssertEqual(hot(20).count, 1)
        XCTAssertNotEqual(hot(0), hot(20), "NFC and NFD rows share a one-hot column")
        XCTAssertEqual(hot(0), hot(19))
        XCTAssertEqual(hot(20), hot(39))
    }
}
