import Evaluation
import Foundation
import ScoreCardFormat

/// The limits `monitor` judges by. The PSI limits are the usual convention (below 0.1 stable, 0.1–0.25
/// moderate, 0.25+ major); the others are LeadScore's, stated in `docs/monitoring.md`.
public struct MonitorThresholds: Sendable, Equatable, Codable {
    /// Total PSI at or above this: recalibrate (the tier shares and the table have moved).
    public var psiRecalibrate = 0.1
    /// Total PSI at or above this: retrain. A criterion's PSI at or above it: recalibrate.
    public var psiRetrain = 0.25
    /// With outcomes, calibration error (10 equal-width bins) above this: recalibrate.
    public var eceRecalibrate = 0.05
    /// With outcomes, an AUC this much below the card's at training, and more than two standard errors
    /// below: retrain (the points no longer rank leads; a new table cannot fix that).
    public var aucDropRetrain = 0.03
    /// Share of leads with a category no training lead had, in one criterion, at or above this: retrain.
    public var unseenShareRetrain = 0.05

    /// The documented limits.
    public init() {}
}

/// What `monitor` recommends.
public enum MonitorVerdict: String, Sendable, Codable, Comparable {
    /// The leads look like the training leads: keep the card.
    case ok
    /// The leads moved, or the probabilities drifted: refit the points → probability table (`recalibrate`).
    case recalibrate
    /// The points no longer rank leads, or the leads changed too much: train a new card.
    case retrain

    var severity: Int { self == .ok ? 0 : self == .recalibrate ? 1 : 2 }
    public static func < (a: Self, b: Self) -> Bool { a.severity < b.severity }
}

/// New leads compared with the card's training leads (and, with outcomes, with its measured accuracy).
public struct MonitorReport: Sendable, Codable {
    /// How far one criterion's leads have moved.
    public struct CriterionDrift: Sendable, Codable {
        /// The criterion's feature.
        public var feature: String
        /// The criterion's label.
        public var label: String
        /// PSI of the condition shares; `nil` when the baseline's conditions do not match the card's.
        public var psi: Double?
        /// Per condition: its label, the share then and now.
        public var conditions: [ConditionShare]
        /// Leads whose value is a category no training lead had (categorical), with up to 5 examples.
        public var unseenCategories: Int
        /// Up to 5 of those categories, to show what is new.
        public var unseenExamples: [String]
        /// Leads whose number lies outside the training range (numeric), and that range.
        public var outOfRange: Int
        /// Least value of the training leads.
        public var trainingMinimum: Double?
        /// Greatest value of the training leads.
        public var trainingMaximum: Double?
    }

    /// One condition's share of leads, then and now.
    public struct ConditionShare: Sendable, Codable {
        /// The condition's label.
        public var label: String
        /// `nil` when the baseline does not match the criterion's conditions.
        public var then: Double?
        /// Share of the new leads matching the condition.
        public var now: Double
    }

    /// One tier's share of leads (and conversion), then and now.
    public struct TierShare: Sendable, Codable {
        /// The tier's name.
        public var name: String
        /// Share of the training leads in the tier.
        public var then: Double
        /// Share of the new leads in the tier: what capacity it asks of sales now.
        public var now: Double
        /// With outcomes: the tier's conversion rate now, and the card's historical rate.
        public var conversionNow: Double?
        /// The tier's conversion rate recorded on the card.
        public var conversionThen: Double?
    }

    /// Ranking and calibration now, against the card's own record (its `metrics`, measured on test leads
    /// at training or at the last recalibration).
    public struct Outcomes: Sendable, Codable {
        /// New leads with an outcome.
        public var rows: Int
        /// Their conversion rate.
        public var positiveRate: Double
        /// The card's test leads' conversion rate.
        public var positiveRateThen: Double?
        /// AUC of the card's totals on the new leads.
        public var auc: Double
        /// Hanley–McNeil standard error of `auc`.
        public var aucStandardError: Double
        /// The card's AUC at training (or its last recalibration).
        public var aucThen: Double?
        /// Calibration error on the new leads (10 equal-width bins).
        public var ece: Double
        /// The card's calibration error at training.
        public var eceThen: Double?
        /// Mean of the card's probabilities on these leads: with `positiveRate`, calibration in the large.
        public var meanProbability: Double
    }

    /// A rule that fired and what it recommends.
    public struct Reason: Sendable, Codable {
        /// What the rule recommends.
        public var verdict: MonitorVerdict
        /// What fired, with the numbers and the limit.
        public var text: String
    }

    /// The card's name.
    public var card: String
    /// New leads compared.
    public var rows: Int
    /// Where the "then" figures come from ("the card's baseline: 12 000 training leads", or a file).
    public var baseline: String
    /// PSI of the total distribution: the one number for how far the leads moved.
    public var totalPSI: Double
    /// The total buckets: lowest total of each, share then, share now.
    public var totalBuckets: [TotalBucket]
    /// One entry per criterion, in the card's order.
    public var criteria: [CriterionDrift]
    /// One entry per tier, in the card's order.
    public var tiers: [TierShare]
    /// Ranking and calibration now, when the new leads have outcomes.
    public var outcomes: Outcomes?
    /// Card features the new leads have no column for (scored as missing on every lead).
    public var absentFeatures: [String]
    /// What else the reader should know (e.g. a baseline that does not match the card).
    public var notes: [String]
    /// The limits the verdict used.
    public var thresholds: MonitorThresholds
    /// The recommendation: ok, recalibrate or retrain.
    public var verdict: MonitorVerdict
    /// Every rule that fired, the worst first; empty when the verdict is ok.
    public var reasons: [Reason]

    /// One bucket of totals, with its share then and now.
    public struct TotalBucket: Sendable, Codable {
        /// Lowest total of the bucket.
        public var from: Int
        /// Highest total of the bucket; `nil` for the last, open bucket.
        public var to: Int?
        /// Share of the training leads in the bucket.
        public var then: Double
        /// Share of the new leads in the bucket.
        public var now: Double
    }
}

/// Compares new leads with a card's training distribution: `leadscore monitor`.
public struct CardMonitor: Sendable {
    /// The limits the verdicts are judged by.
    public var thresholds: MonitorThresholds

    /// A monitor with these limits (the documented ones unless given).
    public init(thresholds: MonitorThresholds = MonitorThresholds()) {
        self.thresholds = thresholds
    }

    /// - Parameters:
    ///   - baseline: the training distribution: the card's stored one, or one computed from a file.
    ///   - baselineDescription: where it comes from, for the report.
    public func check(_ leads: CardLeads, baseline: Baseline, baselineDescription: String) throws(CardOperationError) -> MonitorReport {
        let card = leads.card
        var notes: [String] = []
        let baselineTotals = baseline.totals.map { (points: $0.points, share: $0.share) }
        let bins = PSIBins(totals: baselineTotals)
        let then = bins.shares(of: baselineTotals), now = bins.shares(of: leads.totals)
        let totalPSI = populationStabilityIndex(expected: then, actual: now)
        let buckets = bins.lower.indices.map { index in
            MonitorReport.TotalBucket(from: bins.lower[index], to: index + 1 < bins.lower.count ? bins.lower[index + 1] - 1 : nil,
                                      then: then[index], now: now[index])
        }

        let rows = max(leads.rows, 1)
        var criteria: [MonitorReport.CriterionDrift] = []
        for (index, criterion) in card.criteria.enumerated() {
            var counts = [Int](repeating: 0, count: criterion.conditions.count)
            for condition in leads.conditions[index] { counts[condition] += 1 }
            let shareNow = counts.map { Double($0) / Double(rows) }
            let stored = baseline.criteria.first { $0.feature == criterion.feature }
            let matches = stored.map { $0.shares.count == criterion.conditions.count } ?? false
            if stored == nil { notes.append("the baseline has no record of \(criterion.feature); its drift is not measured") }
            else if !matches { notes.append("the baseline of \(criterion.feature) has \(stored!.shares.count) conditions and the card \(criterion.conditions.count); its drift is not measured") }
            var drift = MonitorReport.CriterionDrift(
                feature: criterion.feature, label: criterion.label,
                psi: matches ? populationStabilityIndex(expected: stored!.shares, actual: shareNow) : nil,
                conditions: criterion.conditions.indices.map { position in
                    MonitorReport.ConditionShare(label: criterion.conditions[position].label,
                                                 then: matches ? stored!.shares[position] : nil, now: shareNow[position])
                },
                unseenCategories: 0, unseenExamples: [], outOfRange: 0,
                trainingMinimum: stored?.minimum, trainingMaximum: stored?.maximum)
            switch criterion.type {
            case .categorical:
                let otherwise = criterion.conditions.firstIndex { $0.match == .otherwise }
                let known = Set(stored?.otherwiseCategories ?? [])
                var examples = Set<String>()
                for row in 0..<leads.rows where leads.conditions[index][row] == otherwise {
                    guard let value = leads.rawValues[index][row], !known.contains(value) else { continue }
                    drift.unseenCategories += 1
                    if examples.count < 5 { examples.insert(value) }
                }
                drift.unseenExamples = examples.sorted()
                if stored?.otherwiseCategoriesTruncated == true, drift.unseenCategories > 0 {
                    notes.append("the baseline of \(criterion.feature) lists only its first \(Baseline.otherwiseCategoryLimit) other categories, so some 'unseen' ones may be rare training ones")
                }
            case .numeric:
                if let low = stored?.minimum, let high = stored?.maximum {
                    drift.outOfRange = leads.numbers(criterion: index).reduce(0) { $0 + ($1 < low || $1 > high ? 1 : 0) }
                }
            case .boolean:
                break
            }
            criteria.append(drift)
        }

        var tierShares: [MonitorReport.TierShare] = []
        if let tierOfRow = leads.tiers {
            let tierOf = { (total: Int) in card.tiers.firstIndex { total >= $0.minimumPoints } ?? card.tiers.count - 1 }
            var thenShares = [Double](repeating: 0, count: card.tiers.count)
            for total in baseline.totals { thenShares[tierOf(total.points)] += total.share }
            var nowCounts = [Int](repeating: 0, count: card.tiers.count), nowConversions = [Int](repeating: 0, count: card.tiers.count)
            for row in 0..<leads.rows {
                nowCounts[tierOfRow[row]] += 1
                if let labels = leads.labels { nowConversions[tierOfRow[row]] += Int(labels[row]) }
            }
            tierShares = card.tiers.indices.map { index in
                MonitorReport.TierShare(
                    name: card.tiers[index].name, then: thenShares[index], now: Double(nowCounts[index]) / Double(rows),
                    conversionNow: leads.labels != nil && nowCounts[index] > 0 ? Double(nowConversions[index]) / Double(nowCounts[index]) : nil,
                    conversionThen: card.tiers[index].history?.conversionRate)
            }
        }

        var outcomes: MonitorReport.Outcomes?
        if let labels = leads.labels {
            let positives = labels.reduce(0) { $0 + Int($1) }
            if positives == 0 || positives == labels.count {
                notes.append("every lead here has the same outcome, so AUC and calibration cannot be measured")
            } else if card.calibration == nil {
                notes.append("the card has no calibration: its probabilities cannot be checked")
            } else {
                let probabilities = leads.probabilities
                do {
                    let auc = try rocAUC(scores: leads.totals.map(Double.init), outcomes: labels)
                    let ece = try expectedCalibrationError(probabilities: probabilities, outcomes: labels,
                                                           bins: MetricSet.calibrationBins, binning: .equalWidth)
                    outcomes = MonitorReport.Outcomes(
                        rows: labels.count, positiveRate: Double(positives) / Double(labels.count),
                        positiveRateThen: card.metrics?.positiveRate ?? card.provenance?.data?.positiveRate,
                        auc: auc, aucStandardError: hanleyMcNeilError(auc: auc, positives: positives, negatives: labels.count - positives),
                        aucThen: card.metrics?.auc, ece: ece, eceThen: card.metrics?.ece,
                        meanProbability: probabilities.reduce(0, +) / Double(probabilities.count))
                } catch {
                    throw .failed("measuring the card on the new leads: \(error)")
                }
            }
        }
        if !leads.absentFeatures.isEmpty {
            notes.append("not in the new leads, scored as missing on every lead: \(leads.absentFeatures.joined(separator: ", "))")
        }

        var report = MonitorReport(
            card: card.name, rows: leads.rows, baseline: baselineDescription, totalPSI: totalPSI, totalBuckets: buckets,
            criteria: criteria, tiers: tierShares, outcomes: outcomes, absentFeatures: leads.absentFeatures, notes: notes,
            thresholds: thresholds, verdict: .ok, reasons: [])
        report.reasons = reasons(report).sorted { $0.verdict > $1.verdict }
        report.verdict = report.reasons.map(\.verdict).max() ?? .ok
        return report
    }

    /// Every rule that fires on the report.
    func reasons(_ report: MonitorReport) -> [MonitorReport.Reason] {
        var reasons: [MonitorReport.Reason] = []
        let psi = { (value: Double) in String(format: "%.3f", value) }
        if report.totalPSI >= thresholds.psiRetrain {
            reasons.append(.init(verdict: .retrain, text: "PSI of the total \(psi(report.totalPSI)) ≥ \(thresholds.psiRetrain): a major shift of the leads"))
        } else if report.totalPSI >= thresholds.psiRecalibrate {
            reasons.append(.init(verdict: .recalibrate, text: "PSI of the total \(psi(report.totalPSI)) ≥ \(thresholds.psiRecalibrate): the tier shares and the points → probability table have moved"))
        }
        for criterion in report.criteria {
            if let value = criterion.psi, value >= thresholds.psiRetrain {
                reasons.append(.init(verdict: .recalibrate, text: "PSI of \(criterion.feature) \(psi(value)) ≥ \(thresholds.psiRetrain): its values have shifted"))
            }
            let share = Double(criterion.unseenCategories) / Double(max(report.rows, 1))
            if share >= thresholds.unseenShareRetrain {
                reasons.append(.init(verdict: .retrain, text: String(format: "%.1f %% of leads have a %@ category no training lead had (≥ %.0f %%): the card gives them its 'otherwise' points", share * 100, criterion.feature, thresholds.unseenShareRetrain * 100)))
            }
        }
        if let outcomes = report.outcomes {
            if let then = outcomes.aucThen, then - outcomes.auc >= thresholds.aucDropRetrain, then - outcomes.auc > 2 * outcomes.aucStandardError {
                reasons.append(.init(verdict: .retrain, text: String(format: "AUC %.3f against %.3f at training: a drop of %.3f (≥ %.2f and more than two standard errors, %.3f): the points no longer rank leads as well", outcomes.auc, then, then - outcomes.auc, thresholds.aucDropRetrain, 2 * outcomes.aucStandardError)))
            }
            if outcomes.ece > thresholds.eceRecalibrate {
                reasons.append(.init(verdict: .recalibrate, text: String(format: "calibration error %.3f > %.2f: the probabilities are off (predicted %.1f %% on average, %.1f %% converted)", outcomes.ece, thresholds.eceRecalibrate, outcomes.meanProbability * 100, outcomes.positiveRate * 100)))
            }
        }
        return reasons
    }
}

/// Hanley & McNeil (1982): the standard error of an AUC from `positives` and `negatives` leads.
func hanleyMcNeilError(auc: Double, positives: Int, negatives: Int) -> Double {
    let (a, n1, n0) = (auc, Double(positives), Double(negatives))
    let q1 = a / (2 - a), q2 = 2 * a * a / (1 + a)
    let variance = (a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / (n1 * n0)
    return max(variance, 0).squareRoot()
}
