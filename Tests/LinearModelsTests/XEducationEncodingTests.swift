import FeatureEncoding
import Foundation
import LeadData
import LinearAlgebra
import LinearModels
import XCTest

/// Loads Leads.csv with the project's loader and checks that the Swift encoder builds exactly the design
/// `make_reference.py` fitted scikit-learn on, then that the whole dataset-level fit lands on
/// scikit-learn's weights. Skipped when the shared data folder is not beside the repository.
final class XEducationEncodingTests: XCTestCase {
    private static let csv = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/datasets/x-education-leads/Leads.csv").standardized.path

    private func load() throws -> Dataset {
        guard FileManager.default.fileExists(atPath: Self.csv) else { throw XCTSkip("\(Self.csv) is not here") }
        let excluded = ["Prospect ID", "Lead Number", "Tags", "Lead Quality", "Lead Profile", "Last Activity", "Last Notable Activity"]
        return try Dataset.load(csv: Self.csv, options: LoadOptions(missingTokens: ["Select"], excluded: excluded, target: "Converted"))
    }

    func testTheSwiftEncoderBuildsTheReferenceDesign() throws {
        let fixture = ReferenceFixture.xEducation
        let encoder = try DesignEncoder(fitting: try load(), options: DesignOptions(minimumLevelCount: fixture.metadata.minimum_level_count))
        XCTAssertEqual(encoder.terms.map(\.label), fixture.metadata.terms)
        let design = try encoder.encode(try load())
        XCTAssertEqual(design.rowCount, fixture.design.rows)
        // The fixture holds 10 significant digits.
        assertClose(design.values, fixture.design.storage, relative: 1e-9, absolute: 1e-9, "design")
    }

    func testTheDatasetLevelFitMatchesScikitLearnOnTheDesignScale() throws {
        let fixture = ReferenceFixture.xEducation
        let reference = fixture.case("l2")
        let parameters = LogisticRegression(strength: 1 / reference.C, tolerance: 1e-10,
                                            encoding: DesignOptions(minimumLevelCount: fixture.metadata.minimum_level_count))
        let model = try parameters.fit(try load())
        let scaled = model.encoder.designScale(weights: model.coefficients, intercept: model.intercept)
        assertClose(scaled.weights, reference.coef, relative: 1e-4, absolute: 1e-6, "weights")
        XCTAssertEqual(scaled.intercept, reference.intercept, accuracy: 1e-4 * abs(reference.intercept))
    }
}
