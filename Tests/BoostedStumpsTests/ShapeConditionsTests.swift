import FeatureEncoding
import ModelCore
import XCTest

/// `FeatureBins.conditions(coveringBins:)` and `shape(logOddsPerBin:)` (ModelCore), shared by both trainers.
final class ShapeConditionsTests: XCTestCase {
    private let visits = FeatureBins(name: "visits", role: .numeric, kind: .numeric(upperEdges: [0.5, 2.5, 10]))
    private let source = FeatureBins(name: "source", role: .categorical,
                                     kind: .categorical(levels: ["web", "event", "partner"], pooled: ["fax"]))

    func testBinSetsBecomeTheFewestConditions() {
        XCTAssertEqual(visits.conditions(coveringBins: [2, 0, 1, 4]),
                       [.interval(lower: -.infinity, upper: 10), .missing])
        XCTAssertEqual(visits.conditions(coveringBins: [0, 3]),
                       [.interval(lower: -.infinity, upper: 0.5), .interval(lower: 10, upper: .infinity)])
        XCTAssertEqual(source.conditions(coveringBins: [2, 0, 3, 4]),
                       [.categories(["web", "partner"]), .missing, .otherwise])
    }

    func testShapesMergeEqualNeighboursAndCoverEveryValue() {
        let numeric = visits.shape(logOddsPerBin: [-0.5, 0.2, 0.2, 0.7, -0.1])
        XCTAssertEqual(numeric.pieces, [
            ShapePiece(.interval(lower: -.infinity, upper: 0.5), logOdds: -0.5),
            ShapePiece(.interval(lower: 0.5, upper: 10), logOdds: 0.2),
            ShapePiece(.interval(lower: 10, upper: .infinity), logOdds: 0.7),
            ShapePiece(.missing, logOdds: -0.1),
        ])
        XCTAssertEqual(numeric.logOdds(numeric: 2.5), 0.2)
        XCTAssertEqual(numeric.logOdds(numeric: .nan), -0.1)
        let categorical = source.shape(logOddsPerBin: [0.3, -0.2, 0.3, 0.1, 0])
        XCTAssertEqual(categorical.pieces, [
            ShapePiece(.categories(["web", "partner"]), logOdds: 0.3),
            ShapePiece(.categories(["event"]), logOdds: -0.2),
            ShapePiece(.missing, logOdds: 0),
            ShapePiece(.otherwise, logOdds: 0.1),
        ])
        XCTAssertEqual(categorical.logOdds(category: "fax"), 0.1, "pooled levels score as other")
        XCTAssertEqual(categorical.logOdds(category: "never seen"), 0.1)
    }
}
