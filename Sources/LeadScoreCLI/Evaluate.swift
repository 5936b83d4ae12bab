import ArgumentParser
import Foundation
import LeadData
import ScoreCardFormat

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a card (learned or written by hand) on historical leads.",
        discussion: """
            AUC of the point totals, calibration of the card's probabilities, lift by decile and, per tier, \
            the share of leads and their conversion rate.

            Example:
              leadscore evaluate docs/examples/seed-practice.json datasets/synthetic/leads.csv --target converted
            """)

    @Argument(help: "The card (JSON).") var card: String
    @OptionGroup var history: HistoryOptions
    @OptionGroup var velocity: VelocityOptions

    func run() throws {
        try reportingFailure {
            let progress = Progress()
            let leads = try history.load(progress)
            progress.step("scoring \(leads.rowCount) leads")
            let loaded = try ScoreCard.load(path: card)
            try history.cardChecks.check(loaded, path: card, data: leads, json: history.json)
            var evaluation = try CardEvaluation(card: loaded, data: leads)
            evaluation.leadVelocity = try velocity.measure(loaded, leads)
            progress.finish()
            print(history.json ? try jsonText(evaluation) : evaluation.text())
        }
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two cards on the same historical leads, e.g. the team's hand-made card and the learned one.",
        discussion: """
            Example:
              leadscore compare docs/examples/seed-practice.json card.json datasets/synthetic/leads.csv --target converted
            """)

    @Argument(help: "The first card (JSON).") var first: String
    @Argument(help: "The second card (JSON).") var second: String
    @OptionGroup var history: HistoryOptions

    func run() throws {
        try reportingFailure {
            let progress = Progress()
            let leads = try history.load(progress)
            progress.step("scoring \(leads.rowCount) leads with both cards")
            let cards = try [first, second].map { try ScoreCard.load(path: $0) }
            for (card, path) in zip(cards, [first, second]) { try history.cardChecks.check(card, path: path, data: leads, json: history.json) }
            let evaluations = try cards.map { try CardEvaluation(card: $0, data: leads) }
            progress.finish()
            if history.json {
                print(try jsonText(evaluations))
                return
            }
            print(CardEvaluation.table(evaluations))
            let (a, b) = (evaluations[0], evaluations[1])
            let better = a.auc >= b.auc ? a : b, worse = a.auc >= b.auc ? b : a
            print("")
            print(String(format: "%@ ranks leads better: AUC %.4f against %.4f (%+.4f).", better.card, better.auc, worse.auc, better.auc - worse.auc))
            for evaluation in evaluations where evaluation.probabilitySource.hasPrefix("no calibration") {
                print("\(evaluation.card) has no calibration; its probabilities are a logistic fit on these leads.")
            }
        }
    }
}

/// The labelled leads `evaluate` and `compare` measure cards on, and their output choice.
struct HistoryOptions: ParsableArguments {
    @Argument(help: "CSV of historical leads with the outcome column.") var data: String
    @OptionGroup var dataOptions: DataOptions
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var cardChecks: CardCheckOptions

    func validate() throws {
        guard dataOptions.target != nil else { throw ValidationError("name the outcome column with --target") }
    }

    func load(_ progress: Progress) throws -> Dataset {
        progress.step("loading \(data)")
        return try dataOptions.load(data)
    }
}

func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
