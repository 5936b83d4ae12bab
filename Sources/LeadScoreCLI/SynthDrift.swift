import Foundation
import LeadData
import OutputFiles

extension Synth {
    /// `synth --drift`: the drifting leads, and beside them the truth of every month.
    func writeDrifting() throws {
        try reportingFailure {
            let truthPath = self.truth ?? (output.hasSuffix(".csv") ? String(output.dropLast(4)) : output) + ".truth.json"
            try checkOutputPaths(output, truthPath)
            let (dataset, truth) = DriftingLeads(rows: rows, seed: seed, months: months, noiseColumns: noiseColumns).generate()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let truthBytes = try encoder.encode(truth)
            try dataset.writeCSV(to: output)
            try OutputFile.write(Array(truthBytes), to: truthPath)
            let first = truth.periods.first!, last = truth.periods.last!
            let rate = { (period: DriftingLeads.Period) in String(format: "%.1f", Double(period.conversions) / Double(period.leads) * 100) }
            printConfirmation("wrote \(rows) leads over \(months) months to \(output) (converted \(rate(first)) % in \(first.period), \(rate(last)) % in \(last.period)), truth per month to \(truthPath)",
                              outputs: output, truthPath)
        }
    }
}
