import CardOperations
import CardHoldout
import Evaluation
import Foundation
import LeadData
import ProbabilityCalibration
import RuleScoring
import ScoreCardFormat

/// A card — learned or written by hand — measured on labelled historical leads: how its points rank
/// (AUC on the totals), how right its probabilities are, and how its tiers convert. `evaluate`,
/// `compare` and the reports print from this one value.
struct CardEvaluation: Encodable {
    var card: String
    var rows: Int
    var positiveRate: Double
    /// AUC of the integer totals (ties count half): the card's ranking, whatever its calibration.
    var auc: Double
    var averagePrecision: Double
    var ks: Double
    /// Where the probabilities come from: the card's own calibration, or — for a card without one — a
    /// logistic fit of points on these very leads (in-sample, so only indicative).
    var probabilitySource: String
    var logLoss: Double
    var brier: Double
    var ece: Double
    var reliability: ReliabilityTable
    var lift: LiftTable
    var tiers: TierTable?
    var absentFeatures: [String]
    /// Median days from creation to conversion per tier, when the dates were named (`--created`, `--converted-at`).
    var leadVelocity: LeadVelocity?
    /// Which leads these figures are on ("4000 of 20000 leads: the held-out test leads …"), whether they
    /// include leads the card learned from, and what the reader must know about that (`HeldOutSelection`).
    var measuredOn: String
    var inSample: Bool
    var warnings: [String]
    /// Per row, for plots; not part of the JSON.
    var totals: [Int]
    var probabilities: [Double]
    var labels: [UInt8]

    enum CodingKeys: String, CodingKey {
        case card, rows, positiveRate, auc, averagePrecision, ks, probabilitySource, logLoss, brier, ece, reliability, lift, tiers, absentFeatures, leadVelocity
        case measuredOn, inSample, warnings
    }

    /// - Parameter selection: which of `data`'s rows to measure on and how to label the figures; `nil`
    ///   measures on all of them (leads the caller already knows are held out, such as train's test split).
    init(card: ScoreCard, data all: Dataset, selection: HeldOutSelection? = nil) throws {
        let data = selection?.leads(of: all) ?? all
        measuredOn = selection?.description ?? "all \(all.rowCount) leads"
        inSample = selection?.inSample ?? false
        warnings = selection?.warnings ?? []
        guard let labels = data.labels else { throw ValidationErrorMessage("name the outcome column with --target") }
        let scorer = try RuleScorer(card: card)
        let columns = data.columns.filter(\.hasValues)
        let rows = scorer.rowScorer(header: columns.map(\.name))
        totals = (0..<data.rowCount).map { row in rows.total(columns.map { $0.formattedValue(row: row) }) }
        self.card = card.name
        self.labels = labels
        self.rows = data.rowCount
        positiveRate = data.positiveRate ?? 0
        absentFeatures = rows.absentCriteria.map { card.criteria[$0].feature }
        let scores = totals.map(Double.init)
        auc = try rocAUC(scores: scores, outcomes: labels)
        averagePrecision = try Evaluation.averagePrecision(scores: scores, outcomes: labels)
        ks = try ksStatistic(scores: scores, outcomes: labels)
        if card.calibration != nil {
            probabilities = totals.map { scorer.probability(forTotal: $0) ?? card.calibration?.probability(forTotal: $0) ?? 0 }
            probabilitySource = "the card's calibration (\(card.calibration!.method))"
        } else {
            let link = try PlattCalibrator.fit(scores: scores, outcomes: labels)
            probabilities = link.probabilities(for: scores)
            probabilitySource = "no calibration in the card: a logistic fit of its points on these leads (in-sample)"
        }
        logLoss = try Evaluation.logLoss(probabilities: probabilities, outcomes: labels)
        brier = try brierScore(probabilities: probabilities, outcomes: labels)
        reliability = try reliabilityTable(probabilities: probabilities, outcomes: labels)
        ece = reliability.expectedCalibrationError
        lift = try liftTable(scores: scores, outcomes: labels)
        if !card.tiers.isEmpty {
            let tierOfRow = totals.map { total in card.tiers.firstIndex { total >= $0.minimumPoints } ?? card.tiers.count - 1 }
            tiers = try tierTable(tiers: tierOfRow, names: card.tiers.map(\.name), outcomes: labels)
        }
    }

    /// The figures side by side, one column per evaluation.
    static func table(_ evaluations: [CardEvaluation]) -> String {
        func row(_ name: String, _ value: (CardEvaluation) -> String) -> [String] { [name] + evaluations.map(value) }
        let number = { (value: Double) in String(format: "%.4f", value) }
        let scope = evaluations.contains(where: \.inSample) ? ", IN-SAMPLE" : ""
        return TextColumns.render([
            row("card") { $0.card },
            row("leads") { "\($0.rows) (\(String(format: "%.1f", $0.positiveRate * 100)) % converted)" },
            row("AUC (points\(scope))") { number($0.auc) },
            row("average precision") { number($0.averagePrecision) },
            row("KS") { number($0.ks) },
            row("log loss") { number($0.logLoss) },
            row("Brier") { number($0.brier) },
            row("calibration error") { number($0.ece) },
            row("top 10 % lift") { String(format: "%.2f×", $0.lift.groups.first?.lift ?? 0) },
        ])
    }

    /// "Measured on …" and the warnings, printed above the figures.
    var scopeLines: [String] {
        ["Measured on \(measuredOn)."] + warnings.map { "warning: \($0)" }
    }

    func text() -> String {
        var lines = scopeLines + ["", Self.table([self]), "", "Probabilities from \(probabilitySource)."]
        if !absentFeatures.isEmpty {
            lines.append("Not in the data, scored as missing: \(absentFeatures.joined(separator: ", ")).")
        }
        if let tiers {
            lines.append("")
            lines.append("Tiers:")
            lines.append(TextColumns.render([["tier", "leads", "converted", "95% interval", "of all conversions"]] + tiers.tiers.map { tier in
                [tier.name, percent(tier.shareOfLeads), tier.conversionRate.map(percent) ?? "–",
                 tier.conversionInterval.map { "\(percent($0.lower))–\(percent($0.upper))" } ?? "–", percent(tier.shareOfConversions)]
            }, indent: 2))
        }
        if let leadVelocity {
            lines.append("")
            lines.append(leadVelocity.text())
        }
        lines.append("")
        lines.append("Lift by decile of points (best first):")
        lines.append(TextColumns.render([["decile", "points", "converted", "lift", "cumulative gain"]] + lift.groups.map { group in
            ["\(group.group)", "\(Int(group.minScore))–\(Int(group.maxScore))", percent(group.conversionRate),
             String(format: "%.2f×", group.lift), percent(group.cumulativeGain)]
        }, indent: 2))
        return lines.joined(separator: "\n")
    }

    private func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}

/// A user-facing failure message for conditions that are not argument errors.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
