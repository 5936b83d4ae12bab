import CardTraining
import Foundation
import PointExport

/// What `train` tells the user: model and card on test, the tiers, the strongest criteria.
struct TrainingSummary: Encodable {
    typealias Scores = TrainingReport.Scores
    struct TierLine: Encodable {
        var name: String
        var minimumPoints: Int
        var action: String?
        var shareOfLeads: Double?
        var conversionRate: Double?
        var conversionInterval: [Double]?
        var shareOfConversions: Double?
    }
    struct CriterionLine: Encodable {
        var feature: String
        var minimumPoints: Int
        var maximumPoints: Int
        var best: String
    }

    /// Time-aware training's history: what the model learned from and the windows' log loss per candidate.
    struct HistoryLine: Encodable {
        var chosen: String
        var fittingLeads: Int
        var leadsBeforeTest: Int
        var logLoss: [String: Double]
        var zScore: Double?
    }

    var model: String
    var modelNote: String
    var history: HistoryLine?
    var split: String
    /// Leads the model learned from (`train`), held out for calibration and tiers (`heldOut`: the validation
    /// split, or all of train under cross-fitting, with `folds`), and tested on (`test`).
    var rows: [String: Int]
    /// Where the tier history was measured.
    var tiersMeasuredOn: String
    /// Seconds to fit the model(s), excluding loading and the card export.
    var fitSeconds: Double
    var criteria: Int
    var modelTest: Scores
    var cardTest: Scores
    var tiers: [TierLine]
    var topCriteria: [CriterionLine]
    var droppedFeatures: [String]
    /// Criterion selection's held-out test of each feature (why a column earns points or not).
    var selection: [CriterionTest]
    var notes: [String]
    var output: String
    private var holdoutDescription: String
    private enum CodingKeys: String, CodingKey {
        case model, modelNote, history, split, rows, tiersMeasuredOn, fitSeconds, criteria, modelTest, cardTest, tiers, topCriteria, droppedFeatures, selection, notes, output
    }

    init(_ result: TrainingResult, output: String) {
        let report = result.report
        model = report.model
        modelNote = report.modelNote
        history = report.historyChoice.map { choice in
            HistoryLine(chosen: choice.chosen.rawValue, fittingLeads: choice.fittingLeads, leadsBeforeTest: choice.leadsBeforeTest,
                        logLoss: Dictionary(uniqueKeysWithValues: choice.logLoss.map { ($0.key.rawValue, $0.value) }), zScore: choice.zScore)
        }
        split = report.split
        rows = ["train": report.rows.fit, "heldOut": report.rows.heldOut, "test": report.rows.test]
        if let folds = report.rows.folds { rows["folds"] = folds }
        tiersMeasuredOn = report.tiersMeasuredOn
        holdoutDescription = report.holdout
        fitSeconds = report.fitSeconds
        criteria = result.card.criteria.count
        modelTest = report.modelTest
        cardTest = report.cardTest
        tiers = report.tiers.map { tier in
            TierLine(name: tier.name, minimumPoints: tier.minimumPoints, action: tier.action, shareOfLeads: tier.history?.shareOfLeads,
                     conversionRate: tier.history?.conversionRate,
                     conversionInterval: tier.history?.conversionInterval.map { [$0.lower, $0.upper] },
                     shareOfConversions: tier.history?.shareOfConversions)
        }
        topCriteria = result.card.criteria
            .sorted { ($0.bestPoints - ($0.conditions.map(\.points).min() ?? 0)) > ($1.bestPoints - ($1.conditions.map(\.points).min() ?? 0)) }
            .prefix(8)
            .map { criterion in
                let best = criterion.conditions.max { $0.points < $1.points }!
                return CriterionLine(feature: criterion.feature, minimumPoints: criterion.conditions.map(\.points).min() ?? 0,
                                     maximumPoints: criterion.bestPoints, best: best.label)
            }
        droppedFeatures = report.droppedFeatures
        selection = report.selection
        notes = report.notes.map(CLIFlagText.flags(in:))
        self.output = output
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    func text() -> String {
        var lines: [String] = []
        lines.append("Trained \(model) on \(holdoutDescription); test \(rows["test"]!); \(split)).")
        lines.append("  \(modelNote); fitted in \(String(format: "%.2f", fitSeconds)) s")
        lines += notes.map { "  note: \($0)" }
        lines.append("")
        lines.append(TextColumns.render([["on test", "AUC", "log loss", "Brier", "calibration error"],
                                         ["model", fixed(modelTest.auc), fixed(modelTest.logLoss), fixed(modelTest.brier), fixed(modelTest.ece)],
                                         ["card", fixed(cardTest.auc), fixed(cardTest.logLoss), fixed(cardTest.brier), fixed(cardTest.ece)]]))
        lines.append("")
        lines.append("Tiers (measured on \(tiersMeasuredOn)):")
        var tierRows = [["tier", "points", "leads", "converted", "95% interval", "of all conversions", "action"]]
        for tier in tiers {
            tierRows.append([tier.name, "\(tier.minimumPoints)+", percent(tier.shareOfLeads), percent(tier.conversionRate),
                             tier.conversionInterval.map { "\(percent($0[0]))–\(percent($0[1]))" } ?? "", percent(tier.shareOfConversions),
                             tier.action ?? ""])
        }
        lines.append(TextColumns.render(tierRows, indent: 2))
        lines.append("")
        lines.append("Strongest criteria (points from weakest to best condition):")
        lines.append(TextColumns.render([["criterion", "points", "best condition"]] + topCriteria.map {
            [$0.feature, "\($0.minimumPoints) to \($0.maximumPoints)", $0.best]
        }, indent: 2))
        if !droppedFeatures.isEmpty {
            // Where selection's test left a column out, its p-value says how far it was from earning points.
            let tested = Dictionary(selection.map { ($0.feature, $0) }, uniquingKeysWith: { first, _ in first })
            lines.append("  no points for: " + droppedFeatures.map { feature in
                guard let test = tested[feature], !test.kept else { return feature }
                // A column can be significant yet worth too little (selection's floor on the gain): say so when
                // the p-value alone might have passed.
                if test.pValue < CardExport.defaultFalseDiscoveryRate, test.heldOutGain < CardExport.defaultMinimumGain {
                    return "\(feature) (held-out p \(pValueText(test.pValue)); gain \(String(format: "%.5f", test.heldOutGain)) nats a lead, "
                        + "under the \(CardExport.defaultMinimumGain) floor)"
                }
                return "\(feature) (held-out p \(pValueText(test.pValue)))"
            }.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Card written to \(output)")
        return lines.joined(separator: "\n")
    }

    private func pValueText(_ value: Double) -> String { value < 0.001 ? "< 0.001" : String(format: "%.3f", value) }
    private func fixed(_ value: Double) -> String { value.isFinite ? String(format: "%.4f", value) : "–" }
    private func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
}

/// Left-aligned text columns separated by two spaces.
enum TextColumns {
    static func render(_ rows: [[String]], indent: Int = 0) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            String(repeating: " ", count: indent) + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
