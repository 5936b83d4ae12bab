import FeatureEncoding
import Foundation
import LeadData
import TestSupport
import XCTest

/// `encodeCodes` must stand for exactly the dense design `encode` writes: every entry expanded from the
/// codes and tables equals the dense one bit for bit, for every encoding, on training rows and on data to
/// score (unseen levels, absent columns), and it refuses what `encode` refuses.
final class CodedDesignTests: XCTestCase {
    /// 40 017 rows (three chunks of gathering and a ragged end) of every column kind, with missing values.
    private static let data: Dataset = {
        var generator = SplitMix64(seed: 5)
        let rows = 40_017
        let levels = (0..<30).map { "level \($0)" }
        var source: [String?] = [], visits: [Double] = [], size: [Double] = [], demo: [Double] = [], score: [Double] = []
        for _ in 0..<rows {
            let u = generator.uniform()
            source.append(u < 0.03 ? nil : levels[Int(generator.next() % UInt64(levels.count))])
            visits.append(generator.uniform() < 0.1 ? .nan : Double(generator.next() % 12))
            size.append(generator.uniform() < 0.05 ? .nan : exp(4 + 1.5 * generator.uniform()))
            demo.append(generator.uniform() < 0.02 ? .nan : Double(generator.bernoulli(0.3)))
            score.append(generator.uniform() < 0.07 ? .nan : [0, 1, 2.5][Int(generator.next() % 3)])
        }
        return designDataset(("source", .categorical, labelled(source)), ("visits", .numeric, .numeric(visits)),
                             ("size", .numeric, .numeric(size)), ("demo", .boolean, .boolean(demo)),
                             // a boolean-role column holding other numbers too: coded as a value column
                             ("score", .boolean, .numeric(score)), ("id", .identifier, .none))
    }()

    private let encodings: [NumericEncoding] = [.linear, .binned(maxBins: 7), .steps(maxBins: 16)]

    func testCodesExpandToTheDenseDesignBitForBit() throws {
        for encoding in encodings {
            let encoder = try DesignEncoder(fitting: Self.data, options: DesignOptions(minimumLevelCount: 500, numericEncoding: encoding))
            let coded = try encoder.encodeCodes(Self.data)
            let dense = try encoder.encode(Self.data)
            XCTAssertEqual(coded.terms, dense.terms)
            XCTAssertEqual(coded.rowCount, dense.rowCount)
            XCTAssertEqual(expand(coded), dense.values, "\(encoding)")
        }
    }

    func testEachKindIsCodedWhereItCanBe() throws {
        let linear = try DesignEncoder(fitting: Self.data, options: DesignOptions(minimumLevelCount: 500))
        let coded = try linear.encodeCodes(Self.data)
        // source (one-hot), visits and size (missing indicators), demo (0/1 and missing) are codes;
        // the standardised visits and size, and score (not 0/1), are values.
        XCTAssertEqual(coded.blocks.map(\.codeCount), [linearSourceCodes(linear), 2, 2, 3, 2])
        XCTAssertEqual(coded.valueColumns.map { coded.terms[$0.column].label }, ["visits", "size", "score"])
        let steps = try DesignEncoder(fitting: Self.data, options: DesignOptions(minimumLevelCount: 500, numericEncoding: .steps(maxBins: 16)))
        XCTAssertEqual(try steps.encodeCodes(Self.data).valueColumns.map(\.column).count, 1, "only score holds values")
    }

    /// Issue 21 item 2: binned blocks read the data columns' own codes through a table of one bin per code,
    /// so the design copies no code per row for them; the missing indicators and 0/1 codes, computed, are
    /// columns of their own.
    func testBinnedBlocksShareTheColumnsCodes() throws {
        let steps = try DesignEncoder(fitting: Self.data, options: DesignOptions(minimumLevelCount: 500, numericEncoding: .steps(maxBins: 16)))
        let coded = try steps.encodeCodes(Self.data)
        // source (one-hot over its level codes), visits (12 values: narrow codes), size (distinct doubles:
        // 2-byte codes), demo (0/1 and missing, computed), score's missing indicator (computed).
        XCTAssertEqual(coded.codeColumns.map { $0.binOfCode != nil }, [true, true, true, false, false])
        guard case .shorts = coded.codeColumns[2].codes else { return XCTFail("size is not read through its 2-byte codes") }
    }

    private func linearSourceCodes(_ encoder: DesignEncoder) -> Int {
        guard case .oneHot(let bins, _) = encoder.features[0].kind else { return -1 }
        return bins.binCount
    }

    func testDataToScoreIsCodedLikeTheDenseDesign() throws {
        for encoding in encodings {
            let encoder = try DesignEncoder(fitting: Self.data, options: DesignOptions(minimumLevelCount: 500, numericEncoding: encoding))
            let score = designDataset(("source", .categorical, labelled(["never seen", nil, "level 3", "level 29"])),
                                      ("visits", .numeric, .numeric([.nan, 100, -3, 4])),
                                      ("score", .boolean, .boolean([1, .nan, 0, 0])))
            let coded = try encoder.encodeCodes(score)
            let dense = try encoder.encode(score)
            XCTAssertEqual(expand(coded), dense.values, "\(encoding)")
            XCTAssertEqual(coded.notes, dense.notes)
            XCTAssertEqual(coded.notes.count, 2, "size and demo are absent")
        }
    }

    func testAChangedColumnTypeOrLengthIsTheSameErrorAsForTheDenseDesign() throws {
        for encoding in encodings {
            let encoder = try DesignEncoder(fitting: Self.data, options: DesignOptions(minimumLevelCount: 500, numericEncoding: encoding))
            for bad in [designDataset(("source", .numeric, .numeric([1, 2]))),
                        designDataset(("visits", .categorical, labelled(["a", "b"]))),
                        designDataset(("demo", .categorical, labelled(["yes", "no"]))),
                        designDataset(("source", .categorical, labelled(["a", "b"])), ("size", .numeric, .numeric([1])))] {
                var dense: DesignError?, coded: DesignError?
                XCTAssertThrowsError(try encoder.encode(bad)) { dense = $0 as? DesignError }
                XCTAssertThrowsError(try encoder.encodeCodes(bad)) { coded = $0 as? DesignError }
                XCTAssertNotNil(coded)
                XCTAssertEqual(coded, dense, "\(encoding)")
            }
        }
    }

    /// More qualifying levels than a bin index holds: the 254 most frequent keep a column (the bins' limit,
    /// as the boosted trainer's BinMapper), the rest share "other". Used to trap converting bin 256 to `UInt8`.
    func testACategoricalWithMoreLevelsThanBinsKeepsTheMostFrequent() throws {
        let labels: [String?] = (0..<300).flatMap { level in
            Array(repeating: "city \(level)", count: level < 254 ? 12 : 10) as [String?]
        }
        let data = designDataset(("city", .categorical, labelled(labels)))
        let encoder = try DesignEncoder(fitting: data)
        XCTAssertEqual(encoder.terms.map(\.label), (0..<254).map { "city = city \($0)" } + ["city: other"])
        XCTAssertEqual(expand(try encoder.encodeCodes(data)), try encoder.encode(data).values)
    }

    /// The dense column-major design the codes stand for, written entry by entry from the tables.
    private func expand(_ coded: CodedDesign) -> [Double] {
        let n = coded.rowCount
        var values = [Double](repeating: 0, count: n * coded.columnCount)
        for (b, block) in coded.blocks.enumerated() {
            for row in 0..<n {
                let code = coded.code(row: row, block: b)
                for (k, column) in block.columns.enumerated() { values[column * n + row] = block.value(code: code, column: k) }
            }
        }
        for value in coded.valueColumns {
            for row in 0..<n { values[value.column * n + row] = value.values[row] }
        }
        return values
    }
}
