import Foundation
import LeadData
import OutputFiles

extension Synth {
    /// `synth --events`: leads with a created date and an outcome, an activity log beside them, and the truth
    /// (fit effects, each event type's points, half-life and cap, the seasonal base rate).
    func writeWithEvents() throws {
        try reportingFailure {
            let stem = output.hasSuffix(".csv") ? String(output.dropLast(4)) : output
            let truthPath = self.truth ?? stem + ".truth.json"
            let eventsPath = eventsOutput ?? stem + ".events.csv"
            try checkOutputPaths(output, eventsPath, truthPath)
            let generated = SyntheticEvents(leads: rows, seed: seed).generate()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let truthBytes = try encoder.encode(generated.truth)
            try generated.writeCSV(leads: output, events: eventsPath)
            try OutputFile.write(Array(truthBytes), to: truthPath)
            let closed = generated.converted.compactMap { $0 }
            let rate = closed.isEmpty ? 0 : Double(closed.filter { $0 }.count) / Double(closed.count) * 100
            printConfirmation(
                "wrote \(rows) leads to \(output) (\(String(format: "%.1f", rate)) % of closed leads converted, \(rows - closed.count) still open), "
                    + "\(generated.eventTime.count) events to \(eventsPath), truth to \(truthPath)",
                outputs: output, eventsPath, truthPath)
        }
    }
}
