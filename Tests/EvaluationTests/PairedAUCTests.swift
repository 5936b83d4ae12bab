import Evaluation
import Foundation
import XCTest

/// DeLong's paired AUC test against the Python implementation in Benchmarks/accuracy/paired_auc.py (checked
/// there against scikit-learn and a bootstrap); Fixtures/make_paired_auc_fixture.py wrote the reference.
final class PairedAUCTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable { var level, difference, se, low, high, p: Double; var auc_first, auc_second: Double }
        var outcomes: [UInt8]
        var first, second: [Double]
        var cases: [Case]
    }

    func testMatchesThePythonDeLongOnTiedIntegerPoints() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "paired_auc_reference", withExtension: "json", subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        for reference in fixture.cases {
            let result = try pairedAUCDifference(first: fixture.first, second: fixture.second, outcomes: fixture.outcomes, level: reference.level)
            XCTAssertEqual(result.firstAUC, reference.auc_first, accuracy: 1e-12)
            XCTAssertEqual(result.secondAUC, reference.auc_second, accuracy: 1e-12)
            XCTAssertEqual(result.difference, reference.difference, accuracy: 1e-12)
            XCTAssertEqual(result.standardError, reference.se, accuracy: 1e-12)
            XCTAssertEqual(result.lower, reference.low, accuracy: 1e-10)
            XCTAssertEqual(result.upper, reference.high, accuracy: 1e-10)
            XCTAssertEqual(result.pValue, reference.p, accuracy: 1e-10)
            XCTAssertEqual(result.firstAUC, try rocAUC(scores: fixture.first, outcomes: fixture.outcomes), accuracy: 1e-12)
        }
    }

    func testHandComputedFourLeads() throws {
        // Converted leads score 3 and 2, lost leads 2 and 1 (first card); the second card swaps the middle tie
        // away: 3, 1 against 2, 0. Placements by hand — first: V10 = (1, 0.75), V01 = (0.75, 1), AUC 0.875;
        // second: V10 = (1, 0.5), V01 = (0.5, 1), AUC 0.75. Difference 0.125; the per-class differences are
        // (0, 0.25) and (0.25, 0), each with sample variance 0.03125, so Var = 0.03125/2 + 0.03125/2.
        let result = try pairedAUCDifference(first: [3, 2, 2, 1], second: [3, 1, 2, 0], outcomes: [1, 1, 0, 0])
        XCTAssertEqual(result.firstAUC, 0.875, accuracy: 1e-15)
        XCTAssertEqual(result.secondAUC, 0.75, accuracy: 1e-15)
        XCTAssertEqual(result.standardError, 0.03125.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(result.lower, 0.125 - 1.959963984540054 * 0.03125.squareRoot(), accuracy: 1e-12)
        XCTAssertFalse(result.isSignificant)
    }

    func testSameScoresDifferByNothing() throws {
        let result = try pairedAUCDifference(first: [1, 2, 3, 4], second: [1, 2, 3, 4], outcomes: [0, 1, 0, 1])
        XCTAssertEqual(result.difference, 0)
        XCTAssertEqual(result.standardError, 0)
        XCTAssertEqual(result.pValue, 1)
    }

    func testBadInputIsAnError() {
        XCTAssertThrowsError(try pairedAUCDifference(first: [1, 2], second: [1], outcomes: [0, 1]))
        XCTAssertThrowsError(try pairedAUCDifference(first: [1, 2], second: [1, 2], outcomes: [1, 1]))
        XCTAssertThrowsError(try pairedAUCDifference(first: [1, .nan], second: [1, 2], outcomes: [0, 1]))
    }
}
