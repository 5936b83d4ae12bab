import XCTest
@testable import CardTraining
import LeadData

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

    /// The default rate follows how the leads are held out: 0.1 under cross-fitting (up to 200 000 leads
    /// before test) and time-aware windows, 0.3 for one validation split of more; a rate given is used as is.
    func testDefaultLearningRateFollowsTheHoldout() throws {
        func leads(_ rows: Int) -> Dataset {
            let x = (0..<rows).map { Double($0 % 10) }
            return Dataset(source: "leads.csv", columns: [DataColumn(name: "x", role: .numeric, values: .numeric(x), missingCount: 0, distinctCount: 10)],
                           labels: (0..<rows).map { UInt8($0 % 3 == 0 ? 1 : 0) },
                           outcome: Outcome(column: "converted", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0), rowCount: rows)
        }
        let trainer = CardTrainer()
        let (_, large) = try trainer.plan(leads(260_000), separateTest: false)  // 208 000 before test: one split
        let (_, small) = try trainer.plan(leads(250_000), separateTest: false)  // 200 000 before test: folds
        guard case .split = large, case .folds = small else { return XCTFail("\(large.description); \(small.description)") }
        XCTAssertEqual(TrainingOptions().learningRate(for: large), TrainingOptions.largeDataLearningRate)
        XCTAssertEqual(TrainingOptions().learningRate(for: large), 0.3)
        XCTAssertEqual(TrainingOptions().learningRate(for: small), 0.1)
        XCTAssertEqual(TrainingOptions(learningRate: 0.1).learningRate(for: large), 0.1)
        XCTAssertEqual(TrainingOptions(learningRate: 0.5).learningRate(for: small), 0.5)
    }
}
