import Foundation

/// The calibration part of Tests/EvaluationTests/Fixtures/sklearn_reference.json (written by make_fixtures.py
/// in that folder). This test target declares no resources, so the file is read from the source tree.
struct CalibrationFixture: Decodable {
    struct Isotonic: Decodable {
        var input: String
        var weighted: Bool
        var xThresholds, yThresholds, grid, predictions: [Double]
    }
    struct Platt: Decodable {
        var input: String
        var weighted: Bool
        var slope, intercept, sklearnSlope, sklearnIntercept: Double
    }

    var probabilities, scores, weights: [Double]
    var outcomes: [UInt8]
    var isotonic: [Isotonic]
    var platt: [Platt]

    static func load(file: String = #filePath) throws -> CalibrationFixture {
        let url = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EvaluationTests/Fixtures/sklearn_reference.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(CalibrationFixture.self, from: Data(contentsOf: url))
    }
}
