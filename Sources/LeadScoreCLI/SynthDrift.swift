import CardOperations
import Foundation
import LeadData

extension Synth {
    /// `synth --drift`: the drifting leads, and beside them the truth of every month.
    func writeDrifting() throws {
        try reportingFailure {
            let (dataset, truth) = DriftingLeads(rows: rows, seed: seed, months: months, noiseColumns: noiseColumns).generate()
            try dataset.writeCSV(to: output)
            let truthPath = self.truth ?? (output.hasSuffix(".csv") ? String(output.dropLast(4)) : output) + ".truth.json"
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writeAtomically(try encoder.encode(truth), toPath: truthPath)
            let first = truth.periods.first!, last = truth.periods.last!
            print("wrote \(rows) leads over \(months) months to \(output) (converted \(String(format: "%.1f", Double(first.conversions) / Double(first.leads) * 100)) % in \(first.period), \(String(format: "%.1f", Double(last.conversions) / Double(last.leads) * 100)) % in \(last.period)), truth per month to \(truthPath)")
        }
    }
}
