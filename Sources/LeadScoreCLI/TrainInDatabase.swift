import ArgumentParser
import Foundation
import InDatabaseTraining
import LeadDatabase
import PointExport

extension Train {
    /// `train postgresql://… --table leads --in-database`: the card trained by aggregate queries inside
    /// the database (`InDatabaseTrainer`); prints what it cost and the test figures.
    func trainInDatabase() throws {
        guard let database = try dataOptions.source.database(data) else {
            throw ValidationErrorMessage("--in-database trains inside PostgreSQL: give a postgresql://… address (or env:NAME) with --table or --query, not a file")
        }
        guard testData == nil, report == nil, time == nil, split.text == "random", model == .stumps, monotone.isEmpty, !prune else {
            throw ValidationErrorMessage("--in-database takes --scale, --negative-points, --uncapped, --max-criteria, --tiers, --calibration, --seed and --split-key; "
                                         + "--test-data, --report, --time, --split, --model, --increasing, --decreasing and --prune need the rows in memory (train without --in-database)")
        }
        let training = try trainingOptions()
        let options = InDatabaseOptions(scale: training.scale, tiers: training.tiers, calibration: training.calibration, seed: seed, splitKey: splitKey)
        let progress = Progress()
        let trainer = InDatabaseTrainer(options: options, progress: { progress.step($0) })
        let result = try trainer.train(database, loadOptions: try dataOptions.loadOptions())
        progress.finish()
        try result.card.write(toPath: out)
        if json {
            struct Summary: Encodable {
                var card: String, queries: Int, rowsReceived: Int, seconds: Double, passes: Int, keptPasses: [Int], crossFitted: Bool
                var leadsBeforeTest: Int, testLeads: Int, testAUC: Double?, testLogLoss: Double?, notes: [String]
            }
            printText(try jsonText(Summary(card: out, queries: result.queries, rowsReceived: result.rowsReceived, seconds: result.seconds,
                                           passes: result.passes, keptPasses: result.keptPasses.map { $0 + 1 }, crossFitted: result.crossFitted,
                                           leadsBeforeTest: result.leadsBeforeTest, testLeads: result.testLeads,
                                           testAUC: result.card.metrics?.auc, testLogLoss: result.card.metrics?.logLoss, notes: result.notes)))
            return
        }
        var lines = ["Trained inside \(database) in \(String(format: "%.1f", result.seconds)) s: \(result.queries) queries, "
                     + "\(result.rowsReceived) result rows received (aggregates only)",
                     "Leads: \(result.leadsBeforeTest) before test (" + (result.crossFitted ? "4 cross-fitted folds" : "3/4 training, 1/4 validation")
                        + "), \(result.testLeads) test (hash split, seed \(seed))",
                     "Passes: \(result.passes); kept " + result.keptPasses.map { "\($0 + 1)" }.joined(separator: ", ") + " (lowest validation log loss)",
                     "Card: \(result.card.criteria.count) criteria, \(result.card.tiers.count) tiers"]
        if let metrics = result.card.metrics, let auc = metrics.auc, let logLoss = metrics.logLoss {
            lines.append(String(format: "Card on test: AUC %.4f, log loss %.4f", auc, logLoss))
        }
        lines += result.notes.map { "Note: " + CLIErrorText.message(NoteText($0)) }
        lines.append("Card written to \(out)")
        printText(lines.joined(separator: "\n"))
    }
}

/// A library note as an error value, so it goes through the same flag wording as errors.
private struct NoteText: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}
