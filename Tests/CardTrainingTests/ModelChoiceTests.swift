import XCTest
import CardTraining
import LeadData
import ScoreCardFormat

/// `auto` judges the two trainers on leads neither was fitted or tuned on, then trains the chosen one as
/// if asked for by name.
final class ModelChoiceTests: XCTestCase {
    func testAutoComparesOnUntouchedLeadsAndGivesTheChosenTrainersCard() throws {
        let (leads, _) = SyntheticLeads(rows: 5_000, seed: 17).generate()
        let auto = try CardTrainer(options: TrainingOptions(model: .auto, seed: 4)).train(leads)
        let choice = try XCTUnwrap(auto.report.modelChoice)
        // 5 000 leads: 1 000 test; of the 4 000 before test, 800 judge and 3 200 fit and tune the candidates.
        XCTAssertEqual(auto.report.rows.test, 1_000)
        XCTAssertEqual(choice.selectionLeads, 800)
        XCTAssertEqual(choice.tuningLeads, 3_200)
        let other: TrainingOptions.Model = choice.chosen == .stumps ? .logistic : .stumps
        XCTAssertLessThanOrEqual(try XCTUnwrap(choice.logLoss[choice.chosen]), try XCTUnwrap(choice.logLoss[other]))
        XCTAssertTrue(auto.report.modelNote.contains("neither was tuned on"), auto.report.modelNote)

        var named = try CardTrainer(options: TrainingOptions(model: choice.chosen, seed: 4)).train(leads).card
        var chosen = auto.card
        named.provenance?.created = nil
        chosen.provenance?.created = nil
        XCTAssertEqual(chosen, named, "auto's card is the chosen trainer's card")
    }
}
