import Foundation
import LeadData
import ModelCore
import ProbabilityCalibration

/// Drops criteria that do not help on held-out leads.
///
/// A trainer can give a few points to noise (a stump on the tail of a random column); on a card that
/// reads as a claim the team would act on. The points were fitted on training rows, so held-out rows
/// judge them fairly: one at a time, the criterion whose removal raises the card's held-out
/// log-likelihood most (the points → probability link refitted each time) is dropped, until every
/// remaining criterion improves it. The caller rounds again without the dropped features so the
/// scale's maximum is reached again.
struct CriterionPruning {
    /// Features whose criteria do not improve the held-out log-likelihood, in the order they were dropped.
    func unhelpfulFeatures(_ heldOut: HeldOutPoints) -> [String] {
        let labels = heldOut.labels
        var remaining = Array(zip(heldOut.features, heldOut.criterionPoints))
        var totals = heldOut.sums
        var dropped: [String] = []
        while remaining.count > 1, let full = Self.logLikelihood(totals, labels) {
            var best: (index: Int, gain: Double)?
            for (index, criterion) in remaining.enumerated() {
                guard let reduced = Self.logLikelihood(zip(totals, criterion.1).map { $0 - Int($1) }, labels) else { continue }
                if reduced >= full, reduced - full >= best?.gain ?? 0 { best = (index, reduced - full) }
            }
            guard let best else { break }
            let criterion = remaining.remove(at: best.index)
            for row in totals.indices { totals[row] -= Int(criterion.1[row]) }
            dropped.append(criterion.0)
        }
        return dropped
    }

    /// Log-likelihood of the labels under the best logistic link on the totals; `nil` if it cannot be fitted.
    static func logLikelihood(_ totals: [Int], _ labels: [UInt8]) -> Double? {
        guard let link = try? PlattCalibrator.fit(scores: totals.map(Double.init), outcomes: labels, priorCorrection: false) else { return nil }
        return -zip(totals, labels).reduce(0) { $0 + logLoss(link.intercept + link.slope * Double($1.0), $1.1) }
    }
}
