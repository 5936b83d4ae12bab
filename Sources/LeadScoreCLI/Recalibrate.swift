import ArgumentParser
import CardOperations
import Foundation
import LeadCSV
import PointExport
import ScoreCardFormat

struct Recalibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Refit a card's points → probability table (and tier thresholds) on recent outcomes, keeping every criterion's points.",
        discussion: """
            Leads keep their totals; only what a total means changes. Needs at least 30 converted and 30 lost \
            recent leads for platt, 100 of each for isotonic (the card's own method unless --method). Prints \
            the calibration error before and after; with --holdout 0.5 the last half of the file (in file \
            order: the newest, for a date-ordered export) is kept out of the refit and both are measured on it, \
            otherwise on the leads it was fitted on (in-sample, said so).

            Example:
              leadscore synth 20000 leads.csv --drift
              leadscore train leads.csv --target converted --split time:created_at \\
                  --out card.json
              leadscore recalibrate card.json leads.csv --target converted \\
                  --out recalibrated.json --holdout 0.5 --tiers capacity:20%,30%
            """)

    @Argument(help: "The card (JSON).") var card: String
    @Argument(help: "CSV of recent leads with their outcomes.") var data: String
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Where to write the recalibrated card (written whole or not at all; the input card is never changed unless named here).") var out: String
    @Option(help: "platt or isotonic (default: the card's method).") var method: String?
    @Option(help: ArgumentHelp("Also refit the tier thresholds: capacity:20%,30% or rate:40%,15% (one value per tier above the last).", valueName: "rule"))
    var tiers: String?
    @Option(help: ArgumentHelp("Measure before/after on this fraction of the leads (the last in file order), not used for the refit.", valueName: "fraction"))
    var holdout: Double?
    @Flag(help: "Print the summary as JSON.") var json = false

    func validate() throws {
        guard dataOptions.target != nil else { throw ValidationError("name the outcome column with --target") }
        if let method, TotalsCalibrationMethod(rawValue: method) == nil { throw ValidationError("--method must be platt or isotonic") }
        if let holdout, !(holdout > 0 && holdout < 1) { throw ValidationError("--holdout must be a fraction between 0 and 1, e.g. 0.5") }
        if let tiers { _ = try TierOptions.parse(["--tiers-by", tiers]).rule() }
    }

    func run() throws {
        try reportingFailure {
            try checkOutputPaths(out, inputs: [card, data])
            let progress = Progress()
            let original = try ScoreCard.load(path: card)
            progress.step("loading \(data)")
            let leads = try dataOptions.load(data, readAs: [original])
            progress.step("scoring \(leads.rowCount) leads and refitting")
            let options = RecalibrationOptions(
                method: method.flatMap(TotalsCalibrationMethod.init(rawValue:)),
                tiers: try tiers.map { try TierOptions.parse(["--tiers-by", $0]).rule() }, tiersText: tiers, holdoutFraction: holdout)
            let source = try dataOptions.fingerprint(data, of: leads)
            let result = try Recalibration.recalibrate(try CardLeads(card: original, leads: leads), source: source, options: options,
                                                       created: ISO8601DateFormatter().string(from: Date()))
            try writeAtomically(try result.card.jsonData(), toPath: out)
            progress.finish()
            if json {
                printText(try jsonText(RecalibrationSummary(result, output: out)))
                return
            }
            printText("Refitted \(result.method.rawValue) on \(result.fittedRows) leads (\(result.fittedPositives) converted); every criterion's points kept.")
            printText(String(format: "Calibration error before %.4f, after %.4f, on %@.", result.eceBefore, result.eceAfter, result.measuredOn))
            if result.inSample { printText("In-sample: add --holdout 0.3 to measure on leads the refit did not see.") }
            for change in result.tierChanges { printText("Tier \(change.name): from \(change.old) to \(change.new) points.") }
            if tiers != nil, result.tierChanges.isEmpty { printText("Tier thresholds unchanged.") }
            printText("Wrote \(out)")
        }
    }
}

/// `recalibrate --json`.
struct RecalibrationSummary: Encodable {
    var method: String
    var fittedRows: Int, fittedPositives: Int, measuredRows: Int
    var eceBefore: Double, eceAfter: Double
    var inSample: Bool
    var measuredOn: String
    var tierChanges: [[String: String]]
    var output: String

    init(_ result: RecalibrationResult, output: String) {
        method = result.method.rawValue
        (fittedRows, fittedPositives, measuredRows) = (result.fittedRows, result.fittedPositives, result.measuredRows)
        (eceBefore, eceAfter, inSample, measuredOn) = (result.eceBefore, result.eceAfter, result.inSample, result.measuredOn)
        tierChanges = result.tierChanges.map { ["tier": $0.name, "from": String($0.old), "to": String($0.new)] }
        self.output = output
    }
}
