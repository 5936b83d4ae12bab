import FeatureEncoding
import Foundation
import LeadData
import LinearAlgebra
import LinearModels
import TestSupport
import XCTest

/// Loads the shipped online-shoppers data with the project's loader and checks that the Swift encoder builds
/// exactly the design `make_reference.py` fitted scikit-learn on (its first 6 000 rows), then that the
/// whole dataset-level fit lands on scikit-learn's weights.
final class ShoppersEncodingTests: XCTestCase {
    private static let csv = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../datasets/online-shoppers/online_shoppers_intention.csv").standardized.path

    private func load() throws -> Dataset {
        let all = try Dataset.load(csv: Self.csv, options: LoadOptions(target: "Revenue"))
        return all.selecting(Array(0..<ReferenceFixture.shoppers.metadata.rows))
    }

    func testTheSwiftEncoderBuildsTheReferenceDesign() throws {
        let fixture = ReferenceFixture.shoppers
        let encoder = try DesignEncoder(fitting: try load(), options: DesignOptions(minimumLevelCount: fixture.metadata.minimum_level_count))
        XCTAssertEqual(encoder.terms.map(\.label), fixture.metadata.terms)
        let design = try encoder.encode(try load())
        XCTAssertEqual(design.rowCount, fixture.design.rows)
        // The fixture holds 10 significant digits.
        assertClose(design.values, fixture.design.storage, relative: 1e-9, absolute: 1e-9, "design")
    }

    func testTheDatasetLevelFitMatchesScikitLearnOnTheDesignScale() throws {
        let fixture = ReferenceFixture.shoppers
        let reference = fixture.case("l2")
        let parameters = LogisticRegression(strength: 1 / reference.C, tolerance: 1e-10,
                                            encoding: DesignOptions(minimumLevelCount: fixture.metadata.minimum_level_count))
        let model = try parameters.fit(try load())
        let scaled = model.encoder.designScale(weights: model.coefficients, intercept: model.intercept)
        assertClose(scaled.weights, reference.coef, relative: 1e-4, absolute: 1e-6, "weights")
        XCTAssertEqual(scaled.intercept, reference.intercept, accuracy: 1e-4 * abs(reference.intercept))
    }
}
