import BoostedStumps
import Evaluation
import FeatureEncoding
import Foundation
import LeadData
import LeadMath
import ModelCore
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
///
/// One window of newest leads judges too few leads to choose criteria and shapes: on online shoppers
/// (1 521 leads, June–October) selection kept 5 criteria and the card tested at AUC 0.682 (its model 0.703).
/// So the judgement rolls its origin over several windows (`Holdout.recentWindowCount`), each scored by a
/// model of only the leads before it, and each window's model has its intercept refitted on its window
/// (`refittingIntercept`) before it judges criteria and shapes: a stale base rate would otherwise decide
/// which criteria seem to help. Only the intercept: those models' log-odds, put on the card's scale, are
/// also the held-out totals that calibrate the card, so scaling them by a refitted slope would calibrate
/// totals the card never gives (online shoppers: calibration error 0.113 on November–December).
enum RecentValidation {
    /// What the training note adds for rounds or a strength chosen this way.
    static func roundsNote(windows: Int) -> String {
        " (chosen on the \(windowsText(windows)) before test by log loss after refitting points → probability on each; then refitted on all)"
    }
    static func strengthNote(windows: Int) -> String {
        " (the \(windowsText(windows)) before test, by log loss after refitting points → probability on each; then refitted on all)"
    }
    private static func windowsText(_ windows: Int) -> String {
        windows == 1 ? "newest leads" : "\(windows) newest windows of leads, each by a model of the leads before it,"
    }

    /// The round count whose recalibrated loss, pooled over windows (weighted by their leads), is least, and
    /// that loss. A window whose run stopped early keeps its last loss for the later rounds.
    static func pooledBest(_ losses: [[Double]], rows: [Int]) -> (rounds: Int, loss: Double) {
        let length = losses.map(\.count).max() ?? 0
        guard length > 0 else { return (0, .infinity) }
        let total = Double(rows.reduce(0, +))
        let pooled = (0..<length).map { round in
            zip(losses, rows).reduce(0.0) { sum, window in
                window.0.isEmpty ? sum : sum + window.0[min(round, window.0.count - 1)] * Double(window.1)
            } / total
        }
        let best = pooled.indices.min { pooled[$0] < pooled[$1] }!
        return (best, pooled[best])
    }

    /// Mean log loss of `labels` under the best link `σ(a + b · logOdds)`. Called once per boosting round
    /// and window (`bestRounds`), so it sums as it goes instead of keeping each lead's loss.
    static func recalibratedLogLoss(logOdds: [Double], labels: [UInt8]) -> Double {
        let (link, constant) = recalibration(logOdds: logOdds, labels: labels)
        guard let link else { return constant.mean }
        var sum = 0.0
        for (score, label) in zip(logOdds, labels) { sum += linkLoss(link, score, label) }
        return min(sum / Double(labels.count), constant.mean)
    }

    /// Each lead's log loss under the best link `σ(a + b · logOdds)` fitted on all of them, or under the
    /// constant base rate when that fits them better on average (a model that ranks no better than chance):
    /// the per-lead terms of `recalibratedLogLoss`, for a paired test.
    static func recalibratedLosses(logOdds: [Double], labels: [UInt8]) -> [Double] {
        let (link, constant) = recalibration(logOdds: logOdds, labels: labels)
        let byConstant = labels.map { $0 == 1 ? constant.positive : constant.negative }
        guard let link else { return byConstant }
        let losses = zip(logOdds, labels).map { linkLoss(link, $0, $1) }
        return losses.reduce(0, +) / Double(labels.count) <= constant.mean ? losses : byConstant
    }

    /// The Platt link fitted on the leads (`nil` when it cannot be), and the constant base-rate prediction's
    /// loss for a conversion, for a lost lead, and on average.
    private static func recalibration(logOdds: [Double], labels: [UInt8])
        -> (link: PlattCalibrator?, constant: (positive: Double, negative: Double, mean: Double)) {
        let positives = Double(labels.reduce(0) { $0 + Int($1) }), count = Double(labels.count)
        let rate = min(max(positives / count, 1e-12), 1 - 1e-12)
        let mean = -(positives * log(rate) + (count - positives) * log(1 - rate)) / count
        return (try? PlattCalibrator.fit(scores: logOdds, outcomes: labels, priorCorrection: false), (-log(rate), -log(1 - rate), mean))
    }

    /// −log σ(z) for a conversion, −log(1 − σ(z)) otherwise, z = a + b · score, without overflow.
    @inline(__always)
    private static func linkLoss(_ link: PlattCalibrator, _ score: Double, _ label: UInt8) -> Double {
        let z = link.intercept + link.slope * score
        let margin = label == 1 ? z : -z
        return margin > 0 ? log1p(exp(-margin)) : -margin + log1p(exp(margin))
    }

    /// `recalibratedLogLoss` of probabilities (turned into log-odds, clamped away from 0 and 1).
    static func recalibratedLogLoss(probabilities: [Double], labels: [UInt8]) -> Double {
        recalibratedLogLoss(logOdds: probabilities.map { p in
            let q = min(max(p, 1e-15), 1 - 1e-15)
            return log(q / (1 - q))
        }, labels: labels)
    }

    /// `model` with its intercept moved so its mean log loss on `leads` is least (the slope left at 1):
    /// what a window's model would score once the card's points → probability is refitted on that window.
    /// Damped Newton's method on the one offset (convex in it); the model unchanged without outcomes or with one class only.
    static func refittingIntercept(_ model: AdditiveModel, on leads: Dataset) -> AdditiveModel {
        guard let labels = leads.labels, leads.rowCount > 0 else { return model }
        let positives = labels.reduce(0) { $0 + Int($1) }
        guard positives > 0, positives < labels.count else { return model }
        let logOdds = model.logOdds(leads)
        var shift = 0.0
        for _ in 0..<50 {
            var gradient = 0.0, curvature = 0.0
            for (score, label) in zip(logOdds, labels) {
                let p = logistic(score + shift)
                gradient += p - Double(label)
                curvature += p * (1 - p)
            }
            guard curvature > 0 else { break }
            // Newton's step, at most one unit of log-odds: from a far-off start (σ near 0 or 1) the full
            // step overshoots where the curvature vanishes.
            let step = max(-1, min(1, gradient / curvature))
            shift -= step
            if abs(step) < 1e-10 { break }
        }
        var refitted = model
        refitted.intercept += shift
        return refitted
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
