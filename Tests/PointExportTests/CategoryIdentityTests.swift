import XCTest
import LeadData
import ModelCore
import ScoreCardFormat
@testable import PointExport

/// Categories are exact spellings from the model to the card: a shape that gives "café" (NFC) and "café"
/// (NFD) different log-odds scores each row by its own spelling, and the card keeps them as two conditions
/// a reader can tell apart. Swift's `String ==` (canonical equivalence) used to send both to the first.
final class CategoryIdentityTests: XCTestCase {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    private let shape = FeatureShape(feature: "drink", role: .categorical, pieces: [
        ShapePiece(.categories([composed]), logOdds: 1),
        ShapePiece(.categories([decomposed]), logOdds: -1),
        ShapePiece(.missing, logOdds: 0),
        ShapePiece(.otherwise, logOdds: 0.25),
    ])

    func testShapeScoresEachSpellingByItsOwnPiece() {
        XCTAssertEqual(shape.pieceIndex(category: Self.composed), 0)
        XCTAssertEqual(shape.pieceIndex(category: Self.decomposed), 1)
        XCTAssertEqual(shape.logOdds(category: Self.decomposed), -1)
        XCTAssertEqual(shape.logOdds(category: "cafe"), 0.25)
        // Levels in the other order, as a file written on a Mac first would have them.
        let column = DataColumn(name: "drink", role: .categorical,
                                values: .categorical(codes: [0, 1, -1, 2], levels: [Self.decomposed, Self.composed, "tea"]),
                                missingCount: 1, distinctCount: 3)
        XCTAssertEqual(shape.pieceIndices(column, rowCount: 4), [1, 0, 2, 3])
    }

    func testCardKeepsTwoConditionsWithLabelsThatTellThemApart() throws {
        let rows = 400
        var generator = SeededGenerator(seed: 5)
        let codes = (0..<rows).map { _ in Int32(generator.nextUniform() * 3) }
        let labels = codes.map { code -> UInt8 in generator.nextUniform() < (code == 0 ? 0.7 : code == 1 ? 0.2 : 0.45) ? 1 : 0 }
        let data = Dataset(source: "test", columns: [
            DataColumn(name: "drink", role: .categorical, values: .categorical(codes: codes, levels: [Self.composed, Self.decomposed, "tea"]),
                       missingCount: 0, distinctCount: 3),
        ], labels: labels, outcome: nil, rowCount: rows)
        let model = AdditiveModel(intercept: -0.5, shapes: [shape])
        let (card, points) = try CardExport().card(from: model, name: "drinks", train: data, heldOut: .validation(data))
        XCTAssertEqual(card.problems(), [], "the two spellings must not count as one category listed twice")
        let conditions = try XCTUnwrap(card.criteria.first { $0.feature == "drink" }).conditions
        let spellings = conditions.compactMap { condition -> [UInt8]? in
            guard case .categories(let names) = condition.match, names.count == 1 else { return nil }
            return Array(names[0].utf8)
        }
        XCTAssertTrue(spellings.contains(Array(Self.composed.utf8)) && spellings.contains(Array(Self.decomposed.utf8)), "\(conditions)")
        let composedCondition = try XCTUnwrap(conditions.first { $0.match == .categories([Self.composed]) && $0.label.contains("U+00E9") })
        let decomposedCondition = try XCTUnwrap(conditions.first { $0.label.contains("U+0301") })
        XCTAssertEqual(composedCondition.label, "caf\u{E9} (U+00E9)")
        XCTAssertEqual(decomposedCondition.label, "cafe\u{301} (U+0301)")
        XCTAssertGreaterThan(composedCondition.points, decomposedCondition.points)
        // The card's totals per row follow each row's own spelling.
        let totals = points.totals(data)
        let byCode = Dictionary(grouping: totals.indices, by: { codes[$0] }).mapValues { Set($0.map { totals[$0] }) }
        XCTAssertEqual(byCode[0]?.count, 1)
        XCTAssertEqual(byCode[1]?.count, 1)
        XCTAssertNotEqual(byCode[0], byCode[1])
    }

    func testDistinctNameLeavesOrdinaryCategoriesAlone() {
        XCTAssertEqual(PointedShape.distinctName("tea", among: ["tea", Self.composed]), "tea")
        XCTAssertEqual(PointedShape.distinctName(Self.composed, among: ["tea", Self.composed]), Self.composed)
    }
}
