import ArgumentParser
import CardOperations
import LeadData
import ScoreCardFormat

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed between two cards, criterion by criterion; with leads, how many change tier.",
        discussion: """
            Example:
              leadscore train datasets/synthetic/leads.csv --target converted \\
                  --out new.json
              leadscore diff docs/examples/synthetic-seed-practice.json new.json \\
                  datasets/synthetic/leads.csv
            """)

    @Argument(help: "The old card (JSON).") var old: String
    @Argument(help: "The new card (JSON).") var new: String
    @Argument(help: "Optional CSV of leads to count tier changes on.") var data: String?
    @OptionGroup var dataOptions: DataOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingFailure {
            let (oldCard, newCard) = (try ScoreCard.load(path: old), try ScoreCard.load(path: new))
            var scored: (CardLeads, CardLeads)?
            if let data {
                let progress = Progress()
                progress.step("loading \(data)")
                let leads = try dataOptions.load(data, readAs: [newCard, oldCard])
                progress.finish()
                scored = (try CardLeads(card: oldCard, leads: leads), try CardLeads(card: newCard, leads: leads))
            }
            let diff = CardDiff(old: oldCard, new: newCard, oldLeads: scored?.0, newLeads: scored?.1)
            printText(json ? try jsonText(diff) : diff.text())
        }
    }
}

extension DataOptions {
    /// Loads leads with every card feature's column typed as the card reads it (see `LoadOptions.typed`).
    func load(_ path: String, readAs cards: [ScoreCard]) throws -> Dataset {
        try dataset(path, options: loadOptions().typed(for: cards))
    }
}
