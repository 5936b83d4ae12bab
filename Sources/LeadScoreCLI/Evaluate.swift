import ArgumentParser
import CardHoldout
import CardOperations
import Evaluation
import Foundation
import LeadData
import ScoreCardFormat

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a card (learned or written by hand) on historical leads.",
        discussion: """
            AUC of the point totals, calibration of the card's probabilities, lift by decile and, per tier, \
            the share of leads and their conversion rate. Given the file the card was trained on (same \
            SHA-256), only the card's held-out test leads are measured unless --all-rows says otherwise \
            (then the figures are labelled in-sample); a file with the training file's name \
            but other content may share leads with it, and a warning says so. --target \
            defaults to the card's own.

            Example:
              leadscore evaluate docs/examples/synthetic-seed-practice.json \\
                  datasets/synthetic/leads.csv --target converted
            """)

    @Argument(help: "The card (JSON).") var card: String
    @OptionGroup var history: HistoryOptions
    @OptionGroup var velocity: VelocityOptions

    func run() throws {
        try reportingFailure {
            let progress = Progress()
            let card = try ScoreCard.load(path: card)
            let (leads, selection) = try history.load(progress, cards: [card])
            progress.step("scoring \(selection.rows?.count ?? leads.rowCount) leads")
            try history.cardChecks.check(card, path: self.card, data: leads, json: history.json)
            var evaluation = try CardEvaluation(card: card, data: leads, selection: selection)
            evaluation.leadVelocity = try velocity.measure(card, leads)
            progress.finish()
            if history.json { history.warn(selection) }
            printText(history.json ? try jsonText(evaluation) : evaluation.text())
        }
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two cards on the same historical leads, e.g. the team's hand-made card and the learned one.",
        discussion: """
            Both cards score the same leads; the AUC difference comes with a 95 % interval from DeLong's \
            paired test, and each criterion's points range is shown for both cards. When the data is the \
            file a card was trained on, only leads neither card learned from are used (--all-rows: all, \
            labelled in-sample).

            Example:
              leadscore train datasets/synthetic/leads.csv --target converted \\
                  --out card.json
              leadscore compare docs/examples/synthetic-seed-practice.json card.json \\
                  datasets/synthetic/leads.csv
            """)

    @Argument(help: "The first card (JSON).") var first: String
    @Argument(help: "The second card (JSON).") var second: String
    @OptionGroup var history: HistoryOptions

    func run() throws {
        try reportingFailure {
            let progress = Progress()
            let cards = try [first, second].map { try ScoreCard.load(path: $0) }
            let (leads, selection) = try history.load(progress, cards: cards)
            progress.step("scoring \(selection.rows?.count ?? leads.rowCount) leads with both cards")
            for (card, path) in zip(cards, [first, second]) { try history.cardChecks.check(card, path: path, data: leads, json: history.json) }
            let evaluations = try cards.map { try CardEvaluation(card: $0, data: leads, selection: selection) }
            let (a, b) = (evaluations[0], evaluations[1])
            let paired = try pairedAUCDifference(first: b.totals.map(Double.init), second: a.totals.map(Double.init), outcomes: a.labels)
            let criteria = CriterionComparison(cards[0], cards[1])
            progress.finish()
            if history.json {
                history.warn(selection)
                printText(try jsonText(ComparisonJSON(cards: evaluations, secondMinusFirst: paired, inSample: selection.inSample,
                                                  measuredOn: selection.description, warnings: selection.warnings, criteria: criteria.rows)))
                return
            }
            printText(a.scopeLines.joined(separator: "\n"))
            printText("")
            printText(CardEvaluation.table(evaluations))
            printText("")
            let scope = selection.inSample ? " (IN-SAMPLE)" : ""
            let better = paired.difference >= 0 ? b : a
            printText(String(format: "%@ ranks leads better%@: AUC %.4f against %.4f (%+.4f, 95 %% interval %+.4f…%+.4f by DeLong's paired test, p = %.3g)%@.",
                         better.card, scope, max(a.auc, b.auc), min(a.auc, b.auc), abs(paired.difference),
                         paired.difference >= 0 ? paired.lower : -paired.upper, paired.difference >= 0 ? paired.upper : -paired.lower,
                         paired.pValue, paired.isSignificant ? "" : "; the interval spans 0, so on these leads the two tie"))
            for evaluation in evaluations where evaluation.probabilitySource.hasPrefix("no calibration") {
                printText("\(evaluation.card) has no calibration; its probabilities are a logistic fit on these leads.")
            }
            printText("")
            printText("Points per criterion (lowest…highest condition; – where a card has no such criterion):")
            printText(criteria.text(firstName: a.card, secondName: b.card))
        }
    }
}

/// `compare --json`: both evaluations, the paired AUC difference (second − first), and the criteria side by side.
struct ComparisonJSON: Encodable {
    var cards: [CardEvaluation]
    var secondMinusFirst: PairedAUCDifference
    var inSample: Bool
    var measuredOn: String
    var warnings: [String]
    var criteria: [CriterionComparison.Row]
}

/// How two cards differ criterion by criterion: each feature's points range in either card.
struct CriterionComparison {
    struct Row: Encodable {
        var feature: String
        var first: PointsRange?
        var second: PointsRange?
    }

    struct PointsRange: Encodable {
        var lowest: Int
        var highest: Int
        var conditions: Int
    }

    var rows: [Row]

    /// Features of the first card in its order, then those only the second card has; the widest spans first
    /// would hide which card a criterion comes from.
    init(_ first: ScoreCard, _ second: ScoreCard) {
        func range(_ card: ScoreCard, _ feature: String) -> PointsRange? {
            let points = card.criteria.filter { $0.feature == feature }.flatMap { $0.conditions.map(\.points) }
            guard let lowest = points.min(), let highest = points.max() else { return nil }
            return PointsRange(lowest: lowest, highest: highest, conditions: points.count)
        }
        var features: [String] = []
        for feature in (first.criteria + second.criteria).map(\.feature) where !features.contains(feature) { features.append(feature) }
        rows = features.map { Row(feature: $0, first: range(first, $0), second: range(second, $0)) }
    }

    func text(firstName: String, secondName: String) -> String {
        func cell(_ range: PointsRange?) -> String {
            guard let range else { return "–" }
            return range.lowest == range.highest ? "\(range.lowest)" : "\(range.lowest)…\(range.highest) (span \(range.highest - range.lowest))"
        }
        return TextColumns.render([["criterion", firstName, secondName]] + rows.map { [$0.feature, cell($0.first), cell($0.second)] }, indent: 2)
    }
}

/// The labelled leads `evaluate` and `compare` measure cards on, and their output choice.
struct HistoryOptions: ParsableArguments {
    @Argument(help: "CSV of historical leads with the outcome column.") var data: String
    @OptionGroup var dataOptions: DataOptions
    @Flag(help: "Measure on every row even when the data is a card's training file; the figures are then labelled in-sample.")
    var allRows = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var cardChecks: CardCheckOptions

    /// With --json the warnings also go to stderr, where a person running the command sees them.
    func warn(_ selection: HeldOutSelection) {
        for warning in selection.warnings { printError("warning: \(warning)") }
    }

    func load(_ progress: Progress, cards: [ScoreCard]) throws -> (data: Dataset, selection: HeldOutSelection) {
        progress.step("loading \(data)")
        return try dataOptions.loadHistory(data, cards: cards, allRows: allRows)
    }
}

extension DataOptions {
    /// Loads labelled history for measuring `cards`: the outcome column defaults to the one the cards record,
    /// and the rows a card learned from are left out when the file is its training file (`HeldOutSelection`).
    func loadHistory(_ path: String, cards: [ScoreCard], allRows: Bool) throws -> (data: Dataset, selection: HeldOutSelection) {
        var options = try loadOptions()
        if options.target == nil {
            let recorded = Set(cards.compactMap { $0.provenance?.target })
            guard recorded.count == 1, let target = recorded.first else {
                throw ValidationErrorMessage(recorded.isEmpty
                    ? "name the outcome column with --target (the card does not record it)"
                    : "the cards learned different outcomes (\(recorded.sorted().joined(separator: ", "))); name one with --target")
            }
            options.target = target
            if options.positiveLabel == nil {
                options.positiveLabel = cards.first { $0.provenance?.target == target }?.provenance?.positiveLabel
            }
        }
        // The card's types, not this file's guesses, say what each feature column is (the one shared path).
        let data = try dataset(path, options: options.typed(for: cards))
        let relations = try cards.map { ($0.name, try holdoutRelation(path, leads: data, provenance: $0.provenance)) }
        var selection = HeldOutSelection(data: data, relations: relations, allRows: allRows)
        selection.description = CLIFlagText.flags(in: selection.description)
        selection.warnings = selection.warnings.map(CLIFlagText.flags(in:))
        return (data, selection)
    }
}

func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
