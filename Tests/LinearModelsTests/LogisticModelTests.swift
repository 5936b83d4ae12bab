import FeatureEncoding
import Foundation
import LeadData
import TestSupport
import LinearModels
import ModelCore
import XCTest

final class LogisticModelTests: XCTestCase {
    /// 400 leads: a source with a strong effect, visits with a linear one, a boolean, some missing.
    private let data: Dataset = {
        var generator = SeededGenerator(seed: 8)
        let sources = ["web", "event", "partner"]
        var source: [String?] = [], visits: [Double] = [], demo: [Double] = [], labels: [UInt8] = []
        for _ in 0..<400 {
            let s = Int(generator.next() % 3), v = Double(generator.next() % 10), d = generator.nextUniform() < 0.3 ? 1.0 : 0
            let z = -1 + [0, 1, -0.5][s] + 0.2 * v + 0.8 * d
            source.append(generator.nextUniform() < 0.05 ? nil : sources[s])
            visits.append(generator.nextUniform() < 0.1 ? .nan : v)
            demo.append(d)
            labels.append(generator.nextUniform() < 1 / (1 + exp(-z)) ? 1 : 0)
        }
        return makeDataset([("lead_id", .identifier, .none), ("source", .categorical, labelled(source)),
                            ("visits", .numeric, .numeric(visits)), ("demo", .boolean, .boolean(demo))], labels: labels)
    }()

    func testCoefficientsAreOnTheRawScale() throws {
        let model = try LogisticRegression().fit(data)
        XCTAssertEqual(model.terms.map(\.label), ["source = event", "source = partner", "source = web", "source: missing",
                                                  "visits", "visits: missing", "demo"])
        // Log-odds from raw values by hand agree with the model's own scoring.
        let visits = try XCTUnwrap(model.coefficient("visits"))
        let web = try XCTUnwrap(model.coefficient("source = web"))
        let lead = makeDataset([("source", .categorical, labelled(["web"])), ("visits", .numeric, .numeric([7])),
                                ("demo", .boolean, .boolean([0]))], labels: [0])
        XCTAssertEqual(try model.logOdds(lead)[0], model.intercept + web + 7 * visits, accuracy: 1e-12)
        XCTAssertEqual(visits, 0.2, accuracy: 0.1, "close to the simulated 0.2 per visit")
    }

    func testUnseenCategoriesAndAbsentColumnsScoreWithoutCrashing() throws {
        let model = try LogisticRegression().fit(data)
        let odd = makeDataset([("source", .categorical, labelled(["fax", nil]))], labels: [0, 0])
        let logOdds = try model.logOdds(odd)
        XCTAssertTrue(logOdds.allSatisfy(\.isFinite))
        let probabilities = try model.predictProbability(odd)
        XCTAssertTrue(probabilities.allSatisfy { $0 > 0 && $0 < 1 })
    }

    func testTheModelRoundTripsThroughJSON() throws {
        let model = try LogisticRegression(encoding: .init(numericEncoding: .binned(maxBins: 4))).fit(data)
        let decoded = try JSONDecoder().decode(LogisticModel.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(try decoded.logOdds(data), try model.logOdds(data))
    }

    func testBinnedModelsAreExactlyAdditiveAndLinearOnesSaySo() throws {
        for encoding in [NumericEncoding.binned(maxBins: 4), .steps(maxBins: 4)] {
            let binned = try LogisticRegression(encoding: .init(numericEncoding: encoding)).fit(data)
            let card = try binned.additiveModel()
            assertClose(card.logOdds(data), try binned.logOdds(data), relative: 0, absolute: 1e-12, "card = model, \(encoding)")
            XCTAssertEqual(card.shapes.map(\.feature), ["source", "visits", "demo"])
        }

        let linear = try LogisticRegression().fit(data)
        XCTAssertThrowsError(try linear.additiveModel()) { error in
            XCTAssertEqual(error as? LogisticModelError, .linearNumerics(["visits"]))
            XCTAssertTrue("\(error)".contains(".binned"))
        }
    }
}
