import ArgumentParser
import CardTraining
import LeadData
import LinearAlgebra

@main
struct LeadScore: ParsableCommand {
    static let version = CardTrainer.version

    static let configuration = CommandConfiguration(
        commandName: "leadscore",
        abstract: "Learn lead-scoring point cards from historical converted/lost leads.",
        version: version,
        subcommands: [Inspect.self, Train.self, Score.self, Evaluate.self, Compare.self, Report.self, ExportSQL.self, Synth.self, Recalibrate.self, Monitor.self, Diff.self,
                      BacktestCommand.self, TrainEngagement.self])

    /// Large arrays mapped on their own before any command runs (`mapLargeAllocations`), OpenBLAS on one
    /// thread unless the environment says otherwise (`BLASThreads.useOneUnlessConfigured`), then the usual
    /// parse and run.
    static func main() {
        mapLargeAllocations()
        BLASThreads.useOneUnlessConfigured()
        main(nil)
    }
}
