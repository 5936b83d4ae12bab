import Foundation
import TestSupport
import XCTest
import ProbabilityCalibration
import Evaluation

/// Calibration fitted on one half of a validation set, judged on the other half by log loss.
/// "Noise" is measured, not guessed: the per-row difference in log loss between calibrated and raw
/// probabilities has a standard error s/√n; calibration may not be worse by more than 2 standard errors.
final class HeldOutLogLossTests: XCTestCase {
    struct Split { var scores: [Double]; var outcomes: [UInt8] }

    func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// True conversion probability σ(z); the "model" reports `distort(z)`. Even rows fit, odd rows judge.
    func halves(rows: Int, seed: UInt64, distort: (Double) -> Double) -> (fit: Split, judge: Split) {
        var rng = SplitMix64(seed: seed)
        var fit = Split(scores: [], outcomes: []), judge = Split(scores: [], outcomes: [])
        for i in 0..<rows {
            // z from a logistic-ish spread, true probabilities mostly within 0.05…0.95.
            let z = 3 * (rng.uniform() - 0.5) + 1.2 * (rng.uniform() - 0.5)
            let outcome = rng.bernoulli(sigmoid(z))
            if i.isMultiple(of: 2) {
                fit.scores.append(distort(z)); fit.outcomes.append(outcome)
            } else {
                judge.scores.append(distort(z)); judge.outcomes.append(outcome)
            }
        }
        return (fit, judge)
    }

    /// Mean and standard error of the per-row log-loss difference (calibrated − raw).
    func lossDifference(calibrated: [Double], raw: [Double], outcomes: [UInt8]) throws -> (mean: Double, standardError: Double) {
        var differences: [Double] = []
        for i in outcomes.indices {
            differences.append(try logLoss(probabilities: [calibrated[i]], outcomes: [outcomes[i]])
                               - logLoss(probabilities: [raw[i]], outcomes: [outcomes[i]]))
        }
        let n = Double(differences.count)
        let mean = differences.reduce(0, +) / n
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (variance / n).squareRoot())
    }

    func testCalibrationRepairsOverconfidentProbabilities() throws {
        // Overconfident and shifted: reported p = σ(2.5·z + 0.8).
        let (fit, judge) = halves(rows: 20_000, seed: 77) { self.sigmoid(2.5 * $0 + 0.8) }
        let raw = try logLoss(probabilities: judge.scores, outcomes: judge.outcomes)
        let platt = try PlattCalibrator.fit(scores: fit.scores, outcomes: fit.outcomes)
        let isotonic = try IsotonicCalibrator.fit(scores: fit.scores, outcomes: fit.outcomes)
        for (name, calibrated) in [("Platt", platt.probabilities(for: judge.scores)),
                                   ("isotonic", isotonic.probabilities(for: judge.scores))] {
            let difference = try lossDifference(calibrated: calibrated, raw: judge.scores, outcomes: judge.outcomes)
            XCTAssertLessThan(difference.mean, -4 * difference.standardError,
                              "\(name) should clearly improve on raw log loss \(raw): Δ = \(difference)")
        }
        // Calibration is monotone, so the ranking (AUC) is untouched by Platt and at most flattened by isotonic.
        let rawAUC = try rocAUC(scores: judge.scores, outcomes: judge.outcomes)
        assertClose(try rocAUC(scores: platt.probabilities(for: judge.scores), outcomes: judge.outcomes), rawAUC)
    }

    func testCalibrationDoesNotHurtCalibratedProbabilities() throws {
        // Already calibrated: reported p = σ(z). Calibrating can only add estimation noise.
        let (fit, judge) = halves(rows: 20_000, seed: 78) { self.sigmoid($0) }
        let platt = try PlattCalibrator.fit(scores: fit.scores, outcomes: fit.outcomes)
        let isotonic = try IsotonicCalibrator.fit(scores: fit.scores, outcomes: fit.outcomes, priorCorrection: true)
        for (name, calibrated) in [("Platt", platt.probabilities(for: judge.scores)),
                                   ("isotonic", isotonic.probabilities(for: judge.scores))] {
            let difference = try lossDifference(calibrated: calibrated, raw: judge.scores, outcomes: judge.outcomes)
            XCTAssertLessThan(difference.mean, 2 * difference.standardError + 1e-3,
                              "\(name) made calibrated probabilities worse by more than noise: Δ = \(difference)")
        }
    }

    func testCalibratingIntegerPointTotals() throws {
        // A score card: total = round(10·z + 50) points; the card's probability per total comes from calibration.
        let (fit, judge) = halves(rows: 20_000, seed: 79) { (10 * $0 + 50).rounded() }
        let baseRate = Double(fit.outcomes.reduce(0) { $0 + Int($1) }) / Double(fit.outcomes.count)
        let constant = [Double](repeating: baseRate, count: judge.outcomes.count)
        for calibrator in [try PlattCalibrator.fit(scores: fit.scores, outcomes: fit.outcomes) as any ScoreCalibrator,
                           try IsotonicCalibrator.fit(scores: fit.scores, outcomes: fit.outcomes, priorCorrection: true)] {
            let table = calibrator.probabilities(for: (0...100).map(Double.init))
            XCTAssert(zip(table, table.dropFirst()).allSatisfy { $0 <= $1 }, "\(type(of: calibrator)) not monotone")
            // Points carry real information: calibrated totals beat the base rate clearly.
            let difference = try lossDifference(calibrated: calibrator.probabilities(for: judge.scores), raw: constant,
                                                outcomes: judge.outcomes)
            XCTAssertLessThan(difference.mean, -4 * difference.standardError, "\(type(of: calibrator))")
        }
    }
}
