import XCTest
@testable import CardTraining

/// The stumps trainer's round cap and learning rate are options of the library, checked there.
final class TrainingOptionsTests: XCTestCase {
    func testRoundsAndLearningRateOutOfRangeAreRefusedInTheLibrarysTerms() {
        XCTAssertNoThrow(try TrainingOptions(rounds: 1, learningRate: 1).validate())
        XCTAssertThrowsError(try TrainingOptions(rounds: 0).validate()) { error in
            guard case TrainingError.invalidOption(.roundsBelowOne(0)) = error else { return XCTFail("\(error)") }
        }
        for rate in [0, -0.1, 1.01, Double.nan] {
            XCTAssertThrowsError(try TrainingOptions(learningRate: rate).validate()) { error in
                guard case TrainingError.invalidOption(.learningRateOutOfRange) = error else { return XCTFail("\(error)") }
            }
        }
        // Monotone shapes are no longer limited to the stumps trainer.
        XCTAssertNoThrow(try TrainingOptions(model: .logistic, monotone: ["visits": .increasing]).validate())
    }
}
