import Evaluation
import Foundation
import PointExport
import ScoreCardFormat

/// What `recalibrate` refits besides the table, and how it measures the result.
public struct RecalibrationOptions: Sendable {
    /// `nil`: the card's own method (platt or isotonic; platt for any other).
    public var method: TotalsCalibrationMethod?
    /// Refit the tier thresholds by this capacity or conversion-rate rule, one share or rate per tier
    /// above the last; the card's tier names and actions are kept. `nil`: keep the thresholds.
    public var tiers: TierRule?
    /// The rule as the user wrote it, for the provenance ("capacity:20%,30%").
    public var tiersText: String?
    /// Hold out this fraction of the leads — the last ones in file order, so a date-ordered export
    /// holds out its newest — to measure the before/after calibration error on leads the refit did not
    /// see. `nil`: measure on the leads it was fitted on (and say so).
    public var holdoutFraction: Double?

    /// Options; every `nil` keeps the card's own choice.
    public init(method: TotalsCalibrationMethod? = nil, tiers: TierRule? = nil, tiersText: String? = nil, holdoutFraction: Double? = nil) {
        self.method = method
        self.tiers = tiers
        self.tiersText = tiersText
        self.holdoutFraction = holdoutFraction
    }

    /// The fewest converted and the fewest lost leads a refit needs: a two-parameter Platt curve is
    /// steady from about 30 of each; an isotonic table has a parameter per block and needs more.
    public static func minimumPerClass(_ method: TotalsCalibrationMethod) -> Int { method == .platt ? 30 : 100 }
}

/// A card with a new points → probability table (and tier thresholds) and how much it helped.
public struct RecalibrationResult: Sendable {
    /// The card with its new table (and thresholds), validated, ready to write.
    public var card: ScoreCard
    /// The calibration method used.
    public var method: TotalsCalibrationMethod
    /// Leads (and converted leads) the table was fitted on.
    public var fittedRows: Int, fittedPositives: Int
    /// Leads the before/after calibration error was measured on.
    public var measuredRows: Int
    /// Calibration error (10 equal-width bins) of the old and the new card on the measured leads.
    public var eceBefore: Double, eceAfter: Double
    /// Whether the measured leads are the ones the table was fitted on (then `eceAfter` flatters).
    public var inSample: Bool
    /// Tiers whose threshold moved: name, old and new minimum points.
    public var tierChanges: [(name: String, old: Int, new: Int)]

    /// Which leads the errors were measured on, in words, saying so when they are in-sample.
    public var measuredOn: String {
        inSample ? "the \(measuredRows) leads it was fitted on (in-sample)" : "\(measuredRows) held-out leads not used for the refit"
    }
}

/// Refits a card's points → probability table on recent outcomes, keeping every criterion's points.
public enum Recalibration {
    /// - Parameters:
    ///   - leads: recent leads with outcomes, scored by `card`.
    ///   - source: the file they came from, recorded in the provenance.
    ///   - created: the time to record (ISO 8601).
    public static func recalibrate(_ leads: CardLeads, source: DataFingerprint, options: RecalibrationOptions = RecalibrationOptions(),
                                   created: String) throws(CardOperationError) -> RecalibrationResult {
        let card = leads.card
        guard leads.labels != nil else { throw .noOutcome(operation: "recalibrate") }
        let method = options.method ?? TotalsCalibrationMethod(rawValue: card.calibration?.method ?? "") ?? .platt
        var fitRows = Array(0..<leads.rows), measureRows = fitRows
        if let fraction = options.holdoutFraction {
            guard fraction > 0, fraction < 1 else { throw .failed("the held-out fraction must be between 0 and 1, not \(fraction)") }
            let cut = leads.rows - Int((Double(leads.rows) * fraction).rounded())
            fitRows = Array(0..<cut)
            measureRows = Array(cut..<leads.rows)
        }
        let fit = leads.selecting(fitRows), measure = leads.selecting(measureRows)
        let fitLabels = fit.labels!, measureLabels = measure.labels!
        let positives = fitLabels.reduce(0) { $0 + Int($1) }, negatives = fitLabels.count - positives
        let minimum = RecalibrationOptions.minimumPerClass(method)
        guard positives >= minimum, negatives >= minimum else {
            throw .tooFewOutcomes(positives: positives, negatives: negatives,
                                  rule: "\(method.rawValue) needs at least \(minimum) of each\(options.holdoutFraction == nil ? "" : " among the leads not held out")")
        }
        let reachable = card.reachableTotals()
        var updated = card
        do {
            updated.calibration = try method.refit(totals: fit.totals, labels: fitLabels, reachable: reachable)
        } catch {
            throw .failed("refitting the points → probability table: \(error)")
        }
        let probability = { (total: Int) in updated.calibration?.probability(forTotal: total) ?? 0 }

        var tierChanges: [(name: String, old: Int, new: Int)] = []
        if let rule = options.tiers {
            guard card.tiers.count >= 2 else { throw .invalidTiers("the card has \(card.tiers.count) tier(s); refitting thresholds needs at least two") }
            guard rule.tierSpecs.count == card.tiers.count - 1 else {
                throw .invalidTiers("the card has \(card.tiers.count) tiers, so give \(card.tiers.count - 1) shares or rates (one per tier above \(card.tiers.last!.name))")
            }
            if case .fixed = rule { throw .invalidTiers("a refit chooses thresholds by capacity or by conversion rate; fixed points need no data") }
            let thresholds: [Int]
            do {
                thresholds = try rule.refitThresholds(totals: fit.totals, reachable: reachable, probability: probability)
            } catch {
                throw .invalidTiers("\(error)")
            }
            for (index, threshold) in thresholds.enumerated() where updated.tiers[index].minimumPoints != threshold {
                tierChanges.append((card.tiers[index].name, card.tiers[index].minimumPoints, threshold))
                updated.tiers[index].minimumPoints = threshold
            }
        }

        // The tiers' record and the card's metrics now describe the measured leads.
        let measuredProbabilities = measure.totals.map(probability)
        let before = measure.probabilities
        let eceBefore: Double, eceAfter: Double
        do {
            eceBefore = try expectedCalibrationError(probabilities: before, outcomes: measureLabels, bins: MetricSet.calibrationBins, binning: .equalWidth)
            eceAfter = try expectedCalibrationError(probabilities: measuredProbabilities, outcomes: measureLabels, bins: MetricSet.calibrationBins, binning: .equalWidth)
            let history = try CardExport.tierRecords(totals: measure.totals, labels: measureLabels, minimums: updated.tiers.map(\.minimumPoints),
                                                     names: updated.tiers.map(\.name))
            for index in updated.tiers.indices { updated.tiers[index].history = history[index] }
            let both = measureLabels.contains(1) && measureLabels.contains(0)
            if both {
                let metrics = try MetricSet(probabilities: measuredProbabilities, outcomes: measureLabels)
                let inSample = options.holdoutFraction == nil
                updated.metrics = CardMetrics(
                    data: "recalibration on \(source.file ?? "recent leads"): \(measureLabels.count) \(inSample ? "leads it was fitted on (in-sample)" : "held-out leads")",
                    rows: metrics.rows, positiveRate: metrics.positiveRate, auc: metrics.auc, averagePrecision: metrics.averagePrecision,
                    logLoss: metrics.logLoss, brier: metrics.brier, ece: metrics.ece)
            }
        } catch {
            throw .failed("measuring the recalibrated card: \(error)")
        }
        let result = RecalibrationResult(
            card: updated, method: method, fittedRows: fit.rows, fittedPositives: positives, measuredRows: measure.rows,
            eceBefore: eceBefore, eceAfter: eceAfter, inSample: options.holdoutFraction == nil, tierChanges: tierChanges)
        var provenance = updated.provenance ?? Provenance()
        provenance.recalibrations = (provenance.recalibrations ?? []) + [RecalibrationRecord(
            created: created, data: source, method: method.rawValue, fittedRows: fit.rows, eceBefore: eceBefore, eceAfter: eceAfter,
            measuredOn: result.measuredOn, tiers: options.tiers == nil ? nil : (options.tiersText ?? "refitted"))]
        var final = result
        final.card.provenance = provenance
        do {
            try final.card.validate()
        } catch {
            throw .failed("the recalibrated card is not valid: \(error)")
        }
        return final
    }
}
