import ArgumentParser
import Foundation
import LeadData
import OutputFiles

struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write synthetic historical leads whose true per-criterion log-odds are known.",
        discussion: """
            The truth (intercept and each criterion's log-odds) is written next to the data as JSON, so \
            you can check what training recovers.

            Example:
              leadscore synth 20000 leads.csv --seed 1

            (datasets/synthetic/leads.csv was made this way; write elsewhere to keep it.)
            """)

    @Argument(help: "Number of leads.") var rows: Int
    @Argument(help: "Output CSV path.") var output: String
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Columns of pure noise to add.") var noiseColumns: Int = 4
    @Option(help: "Where to write the truth JSON (default: OUTPUT with .truth.json).") var truth: String?
    @Flag(help: "Leads over time whose base rate, feature distributions and effects drift (a created_at column; the truth per month).") var drift = false
    @Option(help: "Months the drifting leads span (with --drift).") var months: Int = 24
    @Flag(help: "Leads with created_at and an outcome over time, plus an activity log (lead_id, event, timestamp, value) whose per-event points, half-lives and caps are the truth.") var events = false
    @Option(help: "Where to write the events CSV (with --events; default: OUTPUT with .events.csv).") var eventsOutput: String?

    func validate() throws {
        guard rows > 0 else { throw ValidationError("rows must be positive") }
        guard noiseColumns >= 0 else { throw ValidationError("--noise-columns must be 0 or more") }
        guard months >= 2, !drift || rows >= months else { throw ValidationError("--months must be at least 2, with at least one lead per month") }
        guard !(drift && events) else { throw ValidationError("--drift and --events make different data sets; give one") }
    }

    func run() throws {
        if drift { return try writeDrifting() }
        if events { return try writeWithEvents() }
        try reportingFailure {
            let truthPath = truth ?? (output.hasSuffix(".csv") ? String(output.dropLast(4)) : output) + ".truth.json"
            // Both outputs are checked before either is written, so a bad --truth leaves no data file either.
            try checkOutputPaths(output, truthPath)
            let (dataset, _) = SyntheticLeads(rows: rows, seed: seed, noiseColumns: noiseColumns).generate()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let truthBytes = try encoder.encode(SyntheticLeads.truth)
            try dataset.writeCSV(to: output)
            try OutputFile.write(Array(truthBytes), to: truthPath)
            let rate = dataset.positiveRate ?? 0
            printConfirmation("wrote \(rows) leads to \(output) (converted \(String(format: "%.2f", rate * 100)) %), truth to \(truthPath)", outputs: output, truthPath)
        }
    }
}
