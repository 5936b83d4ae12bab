import Foundation
import XCTest
import CardTraining
import LeadData

/// Progress reports and cancellation of `CardTrainer.train`.
final class ProgressTests: XCTestCase {
    static let synthetic = SmallDataTests.root.appendingPathComponent("datasets/synthetic/leads.csv").path

    /// Everything a handler received, from the training thread.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [TrainingProgress] = []
        func add(_ event: TrainingProgress) { lock.withLock { events.append(event) } }
        var all: [TrainingProgress] { lock.withLock { events } }
    }

    func testStagesRoundsElapsedAndTimeLeftAreReported() throws {
        let recorder = Recorder()
        let trainer = CardTrainer(progress: { recorder.add($0) })
        let result = try trainer.train(csv: Self.synthetic, loadOptions: LoadOptions(target: "converted"))
        let events = recorder.all
        XCTAssertEqual(events.first?.stage, .loading(file: Self.synthetic))
        XCTAssertEqual(events.last?.stage, .exporting)
        let fitting = events.filter { $0.stage == .fitting(model: "boosted stumps") }
        // 4 folds of at most 1 000 rounds; every kept or tried round was reported.
        XCTAssertEqual(fitting.first?.total, 4_000)
        // Rounds boosted, without the stumps a warm-started refit carried over from the first fit.
        let rounds = result.report.folds.compactMap { fold in fold.roundsRun.map { $0 - (fold.carriedRounds ?? 0) } }
        XCTAssertEqual(rounds.count, 4)
        XCTAssertEqual(fitting.last?.done, 3 * 1_000 + rounds[3], "earlier folds count in full, the last by its rounds")
        // One run of reports per fit: the refit after criterion selection (the shipped leads' noise columns are
        // left out) starts a second run; within each, rounds and time only grow.
        var runs: [[TrainingProgress]] = []
        for event in fitting {
            if let last = runs.last?.last, event.done >= last.done { runs[runs.count - 1].append(event) } else { runs.append([event]) }
        }
        XCTAssertEqual(runs.count, result.report.modelNote.contains("refitted without the") ? 2 : 1)
        if runs.count == 2 { XCTAssertTrue(result.report.folds.allSatisfy { ($0.carriedRounds ?? 0) > 0 }, "the refit is warm-started") }
        for run in runs { XCTAssertTrue(zip(run, run.dropFirst()).allSatisfy { $0.done <= $1.done && $0.elapsed <= $1.elapsed }) }
        XCTAssertNotNil(fitting.last?.estimatedRemaining)
        XCTAssertEqual(result.report.rows.folds, 4)
    }

    func testCancellingTheTaskStopsTrainingWithinARound() async throws {
        let recorder = Recorder()
        let trainer = CardTrainer(progress: { recorder.add($0) })
        let path = Self.synthetic
        let task = Task.detached { () throws -> Int in
            try trainer.train(csv: path, loadOptions: LoadOptions(target: "converted")).card.criteria.count
        }
        while recorder.all.filter({ $0.stage == .fitting(model: "boosted stumps") }).count < 20 {
            try await Task.sleep(for: .milliseconds(5))
        }
        task.cancel()
        let reportedAtCancel = recorder.all.count
        do {
            _ = try await task.value
            XCTFail("training went on after cancellation")
        } catch is CancellationError {
        }
        XCTAssertLessThanOrEqual(recorder.all.count - reportedAtCancel, 1, "at most the round in flight is reported after cancelling")
        XCTAssertFalse(recorder.all.contains { $0.stage == .exporting })
    }

    func testALogisticFitReportsItsNewtonIterationsAndCancellingStopsItPartWay() async throws {
        let recorder = Recorder()
        // The handler cancels the task running `train` once the third fit of the strength search has done one
        // Newton iteration (as a user's cancel arriving then would): the fit must stop there, not at its end.
        let starts = Recorder()
        let trainer = CardTrainer(options: TrainingOptions(model: .logistic), progress: { progress in
            recorder.add(progress)
            if progress.iteration == 0 { starts.add(progress) }
            if progress.iteration == 1, starts.all.count == 3 { withUnsafeCurrentTask { $0?.cancel() } }
        })
        let path = Self.synthetic
        let task = Task.detached { () throws -> Int in
            try trainer.train(csv: path, loadOptions: LoadOptions(target: "converted")).card.criteria.count
        }
        do {
            _ = try await task.value
            XCTFail("training went on after cancellation")
        } catch is CancellationError {
        }
        let iterations = recorder.all.filter { $0.stage == .fitting(model: "logistic regression") }.compactMap(\.iteration)
        // Each fit reports iteration 0 when it starts and then every iteration, one by one.
        XCTAssertEqual(iterations.filter { $0 == 0 }.count, 3)
        XCTAssertTrue(zip(iterations, iterations.dropFirst()).allSatisfy { $1 == 0 || $1 == $0 + 1 }, "\(iterations)")
        XCTAssertGreaterThan(iterations.max() ?? 0, 2, "the first fits ran to convergence")
        XCTAssertEqual(iterations.last, 1, "nothing reported after the iteration that saw the cancel")
        XCTAssertFalse(recorder.all.contains { $0.stage == .exporting })
    }
}
