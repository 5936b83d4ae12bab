import FeatureEncoding
import Foundation
import LeadData
import TestSupport
import XCTest

final class DesignEncoderTests: XCTestCase {
    func testNumericIsStandardisedAndMissingGetsMeanPlusIndicator() throws {
        let data = designDataset(("visits", .numeric, .numeric([1, 3, .nan, 5])))
        let encoder = try DesignEncoder(fitting: data)
        XCTAssertEqual(encoder.terms.map(\.label), ["visits", "visits: missing"])
        let design = try encoder.encode(data)
        let sd = (8.0 / 3).squareRoot()  // population sd of 1, 3, 5
        XCTAssertEqual(Array(design.column(0)), [-2 / sd, 0, 0, 2 / sd].map { $0 }, accuracy: 1e-12)
        XCTAssertEqual(Array(design.column(1)), [0, 0, 1, 0])
        XCTAssertEqual(encoder.terms[0].center, 3)
        XCTAssertEqual(encoder.terms[0].scale, sd, accuracy: 1e-15)
    }

    func testBooleansStayZeroOneAndConstantsAreDropped() throws {
        let data = designDataset(("demo", .boolean, .boolean([1, 0, .nan, 1])),
                                 ("magazine", .boolean, .boolean([0, 0, 0, 0])),
                                 ("country", .categorical, labelled(["in", "in", "in", "in"])))
        let encoder = try DesignEncoder(fitting: data)
        XCTAssertEqual(encoder.terms.map(\.label), ["demo", "demo: missing"])
        XCTAssertEqual(encoder.constantFeatures, ["magazine", "country"])
        let design = try encoder.encode(data)
        XCTAssertEqual(design.values, [1, 0, 0, 1, 0, 0, 1, 0])
    }

    func testRareLevelsPoolIntoOtherAtTheDocumentedThreshold() throws {
        let labels: [String?] = Array(repeating: "web", count: 5) + Array(repeating: "event", count: 4) + ["fax", nil]
        let data = designDataset(("source", .categorical, labelled(labels)))
        let atFive = try DesignEncoder(fitting: data, options: DesignOptions(minimumLevelCount: 5))
        XCTAssertEqual(atFive.terms.map(\.label), ["source = web", "source: other", "source: missing"])
        let atFour = try DesignEncoder(fitting: data, options: DesignOptions(minimumLevelCount: 4))
        XCTAssertEqual(atFour.terms.map(\.label), ["source = web", "source = event", "source: other", "source: missing"])
        XCTAssertEqual(DesignOptions().minimumLevelCount, 10)
    }

    func testUnseenLevelsScoreAsOtherAndAbsentFeaturesAsMissing() throws {
        let train = designDataset(("source", .categorical, labelled(["web", "web", "fax", nil])),
                                  ("visits", .numeric, .numeric([1, 2, .nan, 4])))
        let encoder = try DesignEncoder(fitting: train, options: DesignOptions(minimumLevelCount: 2))
        XCTAssertEqual(encoder.terms.map(\.label), ["source = web", "source: other", "source: missing", "visits", "visits: missing"])
        let score = designDataset(("source", .categorical, labelled(["telex", "web", nil])))
        let design = try encoder.encode(score)
        XCTAssertEqual(Array(design.column(0)), [0, 1, 0])
        XCTAssertEqual(Array(design.column(1)), [1, 0, 0], "an unseen level lands in other")
        XCTAssertEqual(Array(design.column(2)), [0, 0, 1])
        XCTAssertEqual(Array(design.column(4)), [1, 1, 1], "an absent feature is missing")
        XCTAssertEqual(design.notes.count, 1)
    }

    func testAChangedColumnTypeIsAClearError() throws {
        let encoder = try DesignEncoder(fitting: designDataset(("source", .categorical, labelled(["a", "b"]))),
                                        options: DesignOptions(minimumLevelCount: 1))
        XCTAssertThrowsError(try encoder.encode(designDataset(("source", .numeric, .numeric([1, 2]))))) { error in
            XCTAssertEqual(error as? DesignError, .roleChanged(column: "source", fitted: .categorical, found: .numeric))
        }
    }

    func testEncoderRoundTripsThroughJSONAndEncodesIdentically() throws {
        let data = designDataset(("source", .categorical, labelled(["web", "web", "fax", nil, "web"])),
                                 ("visits", .numeric, .numeric([1, 2, .nan, 4, 9])),
                                 ("size", .numeric, .numeric([10, 20, 30, .nan, 50])))
        let options = DesignOptions(minimumLevelCount: 2, numericEncoding: .binned(maxBins: 3))
        let encoder = try DesignEncoder(fitting: data, options: options)
        let decoded = try JSONDecoder().decode(DesignEncoder.self, from: JSONEncoder().encode(encoder))
        XCTAssertEqual(decoded, encoder)
        XCTAssertEqual(try decoded.encode(data).values, try encoder.encode(data).values)
    }

    func testBinnedNumericsAreOneHotOverTheBinMappersBins() throws {
        let data = designDataset(("visits", .numeric, .numeric([0, 0, 1, 1, 2, 7, .nan])))
        let encoder = try DesignEncoder(fitting: data, options: DesignOptions(numericEncoding: .binned(maxBins: 255)))
        XCTAssertEqual(encoder.terms.map(\.kind), [
            .interval(lower: -.infinity, upper: 0.5), .interval(lower: 0.5, upper: 1.5),
            .interval(lower: 1.5, upper: 4.5), .interval(lower: 4.5, upper: .infinity), .missing,
        ])
        let design = try encoder.encode(data)
        for row in 0..<data.rowCount {
            XCTAssertEqual((0..<design.columnCount).reduce(0) { $0 + design.values[$1 * design.rowCount + row] }, 1,
                           "row \(row) is in exactly one bin")
        }
        XCTAssertEqual(Array(design.column(2)), [0, 0, 0, 0, 1, 0, 0])
    }

    func testStepNumericsAreCumulativeOverTheBinMappersBins() throws {
        let data = designDataset(("visits", .numeric, .numeric([0, 0, 1, 1, 2, 7, .nan])))
        let encoder = try DesignEncoder(fitting: data, options: DesignOptions(numericEncoding: .steps(maxBins: 255)))
        // Bins (−∞, 0.5], (0.5, 1.5], (1.5, 4.5], (4.5, ∞): the lowest is the baseline, one step per boundary above it.
        XCTAssertEqual(encoder.terms.map(\.kind), [.above(lower: 0.5), .above(lower: 1.5), .above(lower: 4.5), .missing])
        let design = try encoder.encode(data)
        let rows = (0..<design.rowCount).map { row in (0..<design.columnCount).map { design.values[$0 * design.rowCount + row] } }
        XCTAssertEqual(rows, [[0, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [1, 1, 1, 0], [0, 0, 0, 1]])
        // New values land in the bin the training edges give them: 100 is above every step, 1.2 above the first.
        let later = designDataset(("visits", .numeric, .numeric([100, 1.2, -3])))
        XCTAssertEqual(try encoder.encode(later).values, [1, 1, 0, /**/ 1, 0, 0, /**/ 1, 0, 0, /**/ 0, 0, 0])
    }

    func testRawAndDesignScaleAreInverse() throws {
        let data = designDataset(("visits", .numeric, .numeric([1, 3, .nan, 5])),
                                 ("demo", .boolean, .boolean([1, 0, 1, 1])))
        let encoder = try DesignEncoder(fitting: data)
        let raw = encoder.rawScale(weights: [0.7, -0.2, 1.1], intercept: 0.3)
        let sd = (8.0 / 3).squareRoot()
        XCTAssertEqual(raw.weights, [0.7 / sd, -0.2, 1.1], accuracy: 1e-15)
        XCTAssertEqual(raw.intercept, 0.3 - 0.7 * 3 / sd, accuracy: 1e-15)
        let back = encoder.designScale(weights: raw.weights, intercept: raw.intercept)
        XCTAssertEqual(back.weights, [0.7, -0.2, 1.1], accuracy: 1e-15)
        XCTAssertEqual(back.intercept, 0.3, accuracy: 1e-15)
    }
}

/// Element-wise equality within `accuracy`, reported at the caller.
func XCTAssertEqual(_ actual: [Double], _ expected: [Double], accuracy: Double,
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "lengths differ", file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= accuracy) {
        XCTFail("element \(index): \(a) vs \(e) (accuracy \(accuracy))", file: file, line: line)
    }
}
