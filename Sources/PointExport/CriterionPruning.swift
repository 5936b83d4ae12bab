import Evaluation
import Foundation
import LeadData
import ModelCore
import ProbabilityCalibration

/// Drops criteria that do not earn their place on held-out leads.
///
/// A trainer can give a few points to noise (a stump on the tail of a random column); on a card that
/// reads as a claim the team would act on. For each criterion the card's held-out log-likelihood is
/// compared with and without it (the points → probability link refitted each time); a criterion whose
/// removal costs less than a likelihood-ratio test at `significance` (5 %) allows is dropped, and the model
/// is rounded again without the dropped features so the scale's maximum is reached again.
struct CriterionPruning {
    var significance: Double = 0.05

    /// Features whose criteria are not significant on `heldOut`.
    func insignificantFeatures(of points: PointModel, heldOut: Dataset) -> [String] {
        guard let labels = heldOut.labels else { return [] }
        let perCriterion = points.shapes.map { shape -> [Int] in
            let indices = shape.pointShape.pieceIndices(heldOut.column(named: shape.feature), rowCount: heldOut.rowCount)
            return indices.map { $0 >= 0 ? shape.pieces[Int($0)].points : 0 }
        }
        var totals = [Int](repeating: points.basePoints, count: heldOut.rowCount)
        for values in perCriterion { for row in totals.indices { totals[row] += values[row] } }
        guard let full = Self.logLikelihood(totals, labels) else { return [] }
        var dropped: [String] = []
        for (shape, values) in zip(points.shapes, perCriterion) {
            let without = zip(totals, values).map { $0 - $1 }
            let degrees = Set(shape.pieces.map(\.points)).count - 1
            guard degrees > 0, let reduced = Self.logLikelihood(without, labels) else { continue }
            if 2 * (full - reduced) < Self.chiSquaredQuantile(degrees: degrees, upperTail: significance) {
                dropped.append(shape.feature)
            }
        }
        return dropped
    }

    /// Log-likelihood of the labels under the best logistic link on the totals; `nil` if it cannot be fitted.
    static func logLikelihood(_ totals: [Int], _ labels: [UInt8]) -> Double? {
        guard let link = try? PlattCalibrator.fit(scores: totals.map(Double.init), outcomes: labels, priorCorrection: false) else { return nil }
        return -zip(totals, labels).reduce(0) { $0 + logLoss(link.intercept + link.slope * Double($1.0), $1.1) }
    }

    /// Wilson–Hilferty approximation of the χ² quantile (within 1 % of exact for the tails used here).
    static func chiSquaredQuantile(degrees: Int, upperTail: Double) -> Double {
        let k = Double(degrees)
        let z = normalQuantile(1 - upperTail)
        let term = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
        return k * term * term * term
    }
}
