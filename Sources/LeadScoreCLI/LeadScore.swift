import ArgumentParser

@main
struct LeadScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadscore",
        abstract: "Learn lead-scoring point cards from historical converted/lost leads.",
        subcommands: [Inspect.self, Synth.self])
}
