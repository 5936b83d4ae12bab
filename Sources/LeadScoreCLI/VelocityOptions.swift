import ArgumentParser
import CardOperations
import LeadData
import ScoreCardFormat

/// `--created COL --converted-at COL`: the lead velocity KPI (median days from creation to conversion per tier).
struct VelocityOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The date column of when each lead was created (with --converted-at: lead velocity per tier).", valueName: "column"))
    var created: String?
    @Option(name: .customLong("converted-at"), help: ArgumentHelp("The date column of when a converted lead converted.", valueName: "column"))
    var convertedAt: String?

    func validate() throws {
        if (created == nil) != (convertedAt == nil) { throw ValidationError("lead velocity needs both --created and --converted-at") }
    }

    func measure(_ card: ScoreCard, _ leads: Dataset) throws -> LeadVelocity? {
        guard let created, let convertedAt else { return nil }
        return try LeadVelocity(try CardLeads(card: card, leads: leads), data: leads, created: created, converted: convertedAt)
    }
}
