import XCTest
import LeadMath

/// The stable forms against hand values. Each expected value is `1 / (1 + e^(−z))` or `ln(1 + eᶻ)` evaluated
/// with Python's `decimal` module at 50 significant digits and rounded to 17; for z = −700, where ln(1 + x) = x
/// to far below a Double's precision, σ(z) and softplus(z) both equal e^(−700) to 17 digits.
final class LogisticTests: XCTestCase {
    func testLogisticMatchesHandValuesIncludingTheTails() {
        let cases: [(z: Double, sigma: Double)] = [
            (0, 0.5),
            (2, 0.88079707797788243),
            (-2, 0.11920292202211756),
            (-36.5, 1.4068617124461467e-16),
            (-40, 4.2483542552915889e-18),
            (-700, 9.8596765437597708e-305),
            (36.5, 0.99999999999999989),
            (40, 1),
            (700, 1),
        ]
        for (z, sigma) in cases {
            XCTAssertEqual(logistic(z), sigma, accuracy: abs(sigma) * 4e-16, "σ(\(z))")
        }
    }

    func testLogisticNeverOverflowsToNaN() {
        // The naive e^z / (1 + e^z) is ∞/∞ = NaN here; 1 / (1 + e^(−z)) would be fine, but both tails must be.
        for z in [-1e308, -5000, -745.2, 745.2, 5000, 1e308] {
            let p = logistic(z)
            XCTAssertFalse(p.isNaN, "σ(\(z))")
            XCTAssertTrue((0...1).contains(p), "σ(\(z)) = \(p)")
        }
        XCTAssertEqual(logistic(5000), 1)
        XCTAssertEqual(logistic(-5000), 0)
    }

    func testSoftplusMatchesHandValuesIncludingTheTails() {
        let cases: [(z: Double, value: Double)] = [
            (0, 0.69314718055994529),
            (2, 2.1269280110429727),
            (-2, 0.12692801104297249),
            // The naive log(1 + e^z) is exactly 0 here: 1 + 4e−18 rounds to 1. The stable form keeps every digit.
            (-40, 4.2483542552915889e-18),
            (-36.5, 1.4068617124461467e-16),
            (-700, 9.8596765437597708e-305),
            (40, 40),
            // The naive form is +∞ from z ≈ 709.8 on.
            (700, 700),
            (1e300, 1e300),
        ]
        for (z, value) in cases {
            XCTAssertEqual(softplus(z), value, accuracy: abs(value) * 4e-16, "softplus(\(z))")
        }
    }

    func testSoftplusDifferenceIsTheLogOdds() {
        // log(1 + eᶻ) − log(1 + e^(−z)) = z: the two log losses of one lead differ by its log-odds.
        for z in [-30.0, -3.25, -0.5, 0, 0.75, 4, 29] {
            XCTAssertEqual(softplus(z) - softplus(-z), z, accuracy: 1e-14)
        }
    }

    func testTailFormsAreBitForBitTheOneArgumentForms() {
        for z in [-800.0, -40, -1.5, -1e-9, 0, 1e-9, 1.5, 40, 800] {
            let tail = logisticTail(z)
            XCTAssertEqual(logistic(z, tail: tail).bitPattern, logistic(z).bitPattern)
            XCTAssertEqual(softplus(z, tail: tail).bitPattern, softplus(z).bitPattern)
        }
    }
}
