import FeatureEncoding
import Foundation
import LeadData
import LinearAlgebra
import LinearModels
import TestSupport
import XCTest

/// A fit on codes lands on the weights of the fit on the dense design (the path that is checked against
/// scikit-learn) to 1e-8, for every encoding, solver, penalty and weighting, on the repository's synthetic
/// leads and on `SyntheticLeads`.
final class CodedFitTests: XCTestCase {
    private static let leadsCSV = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../datasets/synthetic/leads.csv").standardized.path

    private static let settings: [(String, LogisticRegression)] = [
        ("L2, 1", LogisticRegression(strength: 1)),
        ("L2, 30, balanced", LogisticRegression(strength: 30, classWeight: .balanced)),
        // Newton-CG solves each step inexactly, so two runs stop at different points of the tolerance
        // region: a tight tolerance puts both within 1e-8 of the optimum.
        ("L2, Newton-CG", LogisticRegression(strength: 3, solver: .newtonCG, tolerance: 1e-11)),
        ("L1, proximal Newton", LogisticRegression(penalty: .l1, strength: 5)),
    ]

    private func assertCodedFitsMatchDenseFits(_ data: Dataset, sampleWeights: [Double]?, encodings: [NumericEncoding],
                                               settings: [(String, LogisticRegression)],
                                               file: StaticString = #filePath, line: UInt = #line) throws {
        let labels = try XCTUnwrap(data.labels)
        for encoding in encodings {
            let encoder = try DesignEncoder(fitting: data, options: DesignOptions(numericEncoding: encoding))
            let encoded = try encoder.encode(data)
            let matrix = Matrix(rows: encoded.rowCount, columns: encoded.columnCount, columnMajor: encoded.values)
            let coded = try encoder.encodeCodes(data)
            for (name, parameters) in settings {
                let dense = try parameters.fit(design: matrix, labels: labels, sampleWeights: sampleWeights)
                let onCodes = try parameters.fit(design: coded, labels: labels, sampleWeights: sampleWeights)
                let context = "\(encoding), \(name)"
                XCTAssertTrue(dense.diagnostics.converged && onCodes.diagnostics.converged, context, file: file, line: line)
                XCTAssertEqual(onCodes.diagnostics.solver, dense.diagnostics.solver, context, file: file, line: line)
                assertClose(onCodes.weights, dense.weights, absolute: 1e-8, context, file: file, line: line)
                XCTAssertEqual(onCodes.intercept, dense.intercept, accuracy: 1e-8, context, file: file, line: line)
            }
            // The dataset-level fit (on codes) reports the dense fit's weights on the raw scale.
            let model = try LogisticRegression(strength: 3, encoding: DesignOptions(numericEncoding: encoding))
                .fit(data, sampleWeights: sampleWeights)
            let dense = try LogisticRegression(strength: 3).fit(design: matrix, labels: labels, sampleWeights: sampleWeights)
            let raw = encoder.rawScale(weights: dense.weights, intercept: dense.intercept)
            assertClose(model.coefficients, raw.weights, relative: 1e-8, absolute: 1e-8, "\(encoding), fit(dataset)", file: file, line: line)
            let scores = try model.logOdds(data)
            let denseScores = try matrix.times(dense.weights).map { $0 + dense.intercept }
            assertClose(scores, denseScores, absolute: 1e-8, "\(encoding), logOdds", file: file, line: line)
        }
    }

    /// `train --model logistic`'s fit: numerics as 16 steps, L2, the automatic solver (Newton–Cholesky).
    func testTrainsFitsOnTheRepositorysSyntheticLeadsMatchTheDenseFits() throws {
        let data = try Dataset.load(csv: Self.leadsCSV, options: LoadOptions(excluded: ["lead_id"], target: "converted"))
        XCTAssertEqual(data.rowCount, 20_000)
        try assertCodedFitsMatchDenseFits(data, sampleWeights: nil, encodings: [.steps(maxBins: 16)],
                                          settings: [("L2, 1", LogisticRegression(strength: 1)), ("L2, 100", LogisticRegression(strength: 100))])
    }

    /// Complete numerics entered linearly: a design of value columns only, no codes.
    func testAllLinearNumericsWithoutMissingValuesMatchTheDenseFit() throws {
        let (generated, _) = SyntheticLeads(rows: 3_000, seed: 8, noiseColumns: 3).generate()
        let numeric = generated.columns.filter { column in
            guard case .numeric(let values) = column.values else { return false }
            return column.role == .numeric && !values.contains { $0.isNaN }
        }
        XCTAssertGreaterThanOrEqual(numeric.count, 3)
        let data = Dataset(source: "numeric", columns: numeric, labels: generated.labels, outcome: nil, rowCount: generated.rowCount)
        let coded = try DesignEncoder(fitting: data).encodeCodes(data)
        XCTAssertTrue(coded.blocks.isEmpty, "nothing to code")
        try assertCodedFitsMatchDenseFits(data, sampleWeights: nil, encodings: [.linear], settings: Self.settings)
    }

    func testEveryEncodingSolverAndPenaltyWithWeightsMatchesTheDenseFits() throws {
        let (data, _) = SyntheticLeads(rows: 6_000, seed: 4, noiseColumns: 2).generate()
        var generator = SeededGenerator(seed: 6)
        let weights = (0..<data.rowCount).map { _ in generator.nextUniform() < 0.05 ? 0 : 0.5 + 2 * generator.nextUniform() }
        try assertCodedFitsMatchDenseFits(data, sampleWeights: weights, encodings: [.linear, .binned(maxBins: 16), .steps(maxBins: 16)],
                                          settings: Self.settings)
    }
}
