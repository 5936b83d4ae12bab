import LeadData
import LinearModels
import XCTest

/// `fitPath` encodes once and fits every strength; each model must be the one a single `fit` gives.
final class RegularisationPathTests: XCTestCase {
    func testPathModelsEqualSingleFits() throws {
        let (data, _) = SyntheticLeads(rows: 20_000, seed: 31, noiseColumns: 1).generate()
        let parameters = LogisticRegression(encoding: .init(numericEncoding: .steps(maxBins: 16)))
        let strengths: [Double] = [3, 1000, 0.3]
        let path = try parameters.fitPath(data, strengths: strengths)
        XCTAssertEqual(path.map(\.parameters.strength), strengths, "models come back in the order asked")
        for (strength, model) in zip(strengths, path) {
            var single = parameters
            single.strength = strength
            XCTAssertEqual(model, try single.fit(data), "strength \(strength)")
        }
        XCTAssertThrowsError(try parameters.fitPath(data, strengths: [1, -2])) { error in
            XCTAssertTrue("\(error)".contains("strength"), "\(error)")
        }
    }
}
