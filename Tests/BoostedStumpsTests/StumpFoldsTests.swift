import BoostedStumps
import LeadData
import ModelCore
import XCTest

final class StumpFoldsTests: XCTestCase {
    func testTheAverageIsTheMeanOfItsMembersAndCollapsesExactly() throws {
        let leads = SyntheticLeads(rows: 6_000, seed: 8).generate().dataset
        let split = try leads.split(.stratified(seed: 8), validationFraction: 0, testFraction: 0.25)
        let (pool, test) = (leads.selecting(split.train), leads.selecting(split.test))
        let folds = try pool.stratifiedFolds(3, seed: 8)
        let average = try StumpBooster(rounds: 200, earlyStoppingPatience: 20).fitFolds(pool, heldOut: folds)
        XCTAssertEqual(average.members.count, 3)
        for (member, heldOut) in zip(average.members, folds) {
            // Each member learned from every row but its fold's, and early-stopped on that fold.
            XCTAssertEqual(member.trainingRowCounts[0].reduce(0, +), pool.rowCount - heldOut.count)
            XCTAssertEqual(member.history.validationLoss.count, member.history.roundsRun + 1)
        }
        let memberScores = try average.members.map { try $0.logOdds(test) }
        let scores = try average.logOdds(test)
        let shapes = average.additiveModel().logOdds(test)
        for row in scores.indices {
            let mean = memberScores.reduce(0) { $0 + $1[row] } / 3
            XCTAssertEqual(scores[row], mean, accuracy: 1e-12)
            XCTAssertEqual(shapes[row], mean, accuracy: 1e-12)
        }
        // Log loss is convex in the log-odds, so the average can do no worse than its members on average.
        func loss(_ z: [Double]) -> Double {
            zip(z, test.labels!).reduce(0) { $0 + ($1.1 == 1 ? log1p(exp(-$1.0)) : log1p(exp($1.0))) } / Double(z.count)
        }
        XCTAssertLessThanOrEqual(loss(scores), memberScores.map(loss).reduce(0, +) / 3 + 1e-12)
    }
}
