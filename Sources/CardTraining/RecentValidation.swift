import BoostedStumps
import Evaluation
import FeatureEncoding
import Foundation
import LeadData
import ProbabilityCalibration

/// How time-aware training (`Holdout.recent`) judges a model on the newest leads before test.
///
/// When the base rate moves between the older leads a model is fitted on and the newest ones that judge
/// it, the plain validation log loss mostly measures the stale intercept: on online shoppers (February–May
/// fitting at 10 % converted, June–October validating at 18 %) it stops boosting after 7 rounds, a model
/// that ranks November–December at AUC 0.680. The card never uses the model's intercept or scale as they
/// are: its points → probability table is refitted on these very leads. So rounds, the penalty strength
/// and `auto`'s trainer are chosen by the log loss **after** the best logistic link `a + b · log-odds` is
/// refitted on the validation leads (Platt scaling without prior correction): the loss the card would
/// have, which rewards ranking the newest leads well and ignores a shifted base rate. A model that ranks
/// them no better than chance (fitted slope ≤ 0) gets the loss of the constant base-rate prediction.
enum RecentValidation {
    /// What the training note adds for rounds or a strength chosen this way.
    static let roundsNote = " (chosen on the newest leads before test by log loss after refitting points → probability on them; then refitted on all)"
    static let strengthNote = " (the newest leads before test, by log loss after refitting points → probability on them; then refitted on all)"

    /// Mean log loss of `labels` under the best link `σ(a + b · logOdds)`.
    static func recalibratedLogLoss(logOdds: [Double], labels: [UInt8]) -> Double {
        let positives = Double(labels.reduce(0) { $0 + Int($1) }), count = Double(labels.count)
        let rate = min(max(positives / count, 1e-12), 1 - 1e-12)
        let constant = -(positives * log(rate) + (count - positives) * log(1 - rate)) / count
        guard let link = try? PlattCalibrator.fit(scores: logOdds, outcomes: labels, priorCorrection: false) else { return constant }
        var sum = 0.0
        for (score, label) in zip(logOdds, labels) {
            let z = link.intercept + link.slope * score
            // −log σ(z) for a conversion, −log(1 − σ(z)) otherwise, without overflow.
            let margin = label == 1 ? z : -z
            sum += margin > 0 ? log1p(exp(-margin)) : -margin + log1p(exp(margin))
        }
        return min(sum / count, constant)
    }

    /// `recalibratedLogLoss` of probabilities (turned into log-odds, clamped away from 0 and 1).
    static func recalibratedLogLoss(probabilities: [Double], labels: [UInt8]) -> Double {
        recalibratedLogLoss(logOdds: probabilities.map { p in
            let q = min(max(p, 1e-15), 1 - 1e-15)
            return log(q / (1 - q))
        }, labels: labels)
    }

    /// The round count (0…`model.stumps.count`) with the lowest recalibrated validation loss, and that
    /// loss: the stumps' scores on `validation` are accumulated round by round from one binning of it.
    static func bestRounds(_ model: StumpModel, validation: Dataset) throws -> (rounds: Int, loss: Double, losses: [Double]) {
        guard let labels = validation.labels else { return (model.stumps.count, .infinity, []) }
        let binned = try model.mapper.transform(validation, threads: 1)
        var scores = [Double](repeating: model.intercept, count: validation.rowCount)
        var losses = [recalibratedLogLoss(logOdds: scores, labels: labels)]
        for stump in model.stumps {
            let bins = binned.columns[stump.feature], missingBin = model.mapper.features[stump.feature].missingBin
            let values = (0..<model.mapper.features[stump.feature].binCount).map {
                stump.goesLeft(bin: $0, missingBin: missingBin) ? stump.leftValue : stump.rightValue
            }
            for row in scores.indices { scores[row] += values[Int(bins[row])] }
            losses.append(recalibratedLogLoss(logOdds: scores, labels: labels))
        }
        let best = losses.indices.min { losses[$0] < losses[$1] }!
        return (best, losses[best], losses)
    }
}
