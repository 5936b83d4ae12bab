import Foundation
import LeadData
import LinearModels
import TestSupport
import XCTest

/// A single logistic fit reports every Newton iteration and stops part-way when told to, with the
/// structured `LogisticRegressionError.cancelled`, for every solver.
final class CancellationTests: XCTestCase {
    /// 2 000 leads, three numeric features with a known logistic truth: several Newton iterations to converge.
    private let data: Dataset = {
        var generator = SeededGenerator(seed: 31)
        var columns: [[Double]] = [[], [], []], labels: [UInt8] = []
        for _ in 0..<2_000 {
            let x = (0..<3).map { _ in generator.nextUniform() * 6 - 3 }
            for j in 0..<3 { columns[j].append(x[j]) }
            let z = -0.5 + 1.5 * x[0] - 1.0 * x[1] + 0.5 * x[2]
            labels.append(generator.nextUniform() < 1 / (1 + exp(-z)) ? 1 : 0)
        }
        return makeDataset((0..<3).map { ("x\($0)", .numeric, .numeric(columns[$0])) }, labels: labels)
    }()

    /// Everything an observer saw, from the fitting thread.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [LogisticFitProgress] = []
        func add(_ event: LogisticFitProgress) { lock.withLock { events.append(event) } }
        var all: [LogisticFitProgress] { lock.withLock { events } }
    }

    func testEveryIterationIsReportedAndTheCountMatchesTheDiagnostics() throws {
        let seen = Seen()
        let model = try LogisticRegression(strength: 1).fit(data) { seen.add($0); return true }
        XCTAssertGreaterThan(model.diagnostics.iterations, 2)
        XCTAssertEqual(seen.all.map(\.iteration), Array(0...model.diagnostics.iterations))
        XCTAssertTrue(seen.all.allSatisfy { $0.fit == 0 && $0.fits == 1 && $0.maxIterations == 100 })
        XCTAssertLessThanOrEqual(seen.all.last!.gradientNorm, seen.all.last!.threshold, "the last report is the converged one")
    }

    func testAFitPathReportsWhichFitIsRunning() throws {
        let seen = Seen()
        let models = try LogisticRegression().fitPath(data, strengths: [0.1, 10]) { seen.add($0); return true }
        XCTAssertEqual(seen.all.filter { $0.fit == 0 }.count, models[0].diagnostics.iterations + 1)
        XCTAssertEqual(seen.all.filter { $0.fit == 1 }.count, models[1].diagnostics.iterations + 1)
        XCTAssertTrue(seen.all.allSatisfy { $0.fits == 2 })
    }

    func testAnObserverStopsTheFitAfterTheIterationItSaw() {
        for (solver, penalty) in [(LogisticRegression.Solver.newtonCholesky, LogisticRegression.Penalty.l2),
                                  (.newtonCG, .l2), (.proximalNewton, .l1)] {
            let seen = Seen()
            XCTAssertThrowsError(try LogisticRegression(penalty: penalty, strength: 1, solver: solver).fit(data) {
                seen.add($0)
                return $0.iteration < 1
            }, "\(solver)") { error in
                XCTAssertEqual(error as? LogisticRegressionError, .cancelled, "\(solver)")
            }
            XCTAssertEqual(seen.all.map(\.iteration), [0, 1], "\(solver): no iteration after the stop")
        }
    }

    func testCancellingTheRunningTaskStopsASingleFitPartWay() async throws {
        let seen = Seen()
        let data = data
        // The observer cancels the task that runs the fit once the first iteration is done, as another task
        // cancelling it at that moment would; it keeps answering "go on", so only the task's cancellation stops it.
        let task = Task.detached { () throws -> Int in
            try LogisticRegression(strength: 1, solver: .newtonCG).fit(data) { progress in
                seen.add(progress)
                if progress.iteration == 1 { withUnsafeCurrentTask { $0?.cancel() } }
                return true
            }.diagnostics.iterations
        }
        do {
            let iterations = try await task.value
            XCTFail("the fit ran on to \(iterations) iterations after cancellation")
        } catch let error as LogisticRegressionError {
            XCTAssertEqual(error, .cancelled)
            XCTAssertEqual(error.description, "the logistic fit was cancelled")
        }
        XCTAssertEqual(seen.all.map(\.iteration), [0, 1], "stopped before a second Newton iteration finished")
    }

    func testAFitOutsideACancelledTaskIsUnchangedByTheObserver() throws {
        let plain = try LogisticRegression(strength: 1).fit(data)
        let observed = try LogisticRegression(strength: 1).fit(data) { _ in true }
        XCTAssertEqual(plain.coefficients, observed.coefficients)
        XCTAssertEqual(plain.intercept, observed.intercept)
    }
}
