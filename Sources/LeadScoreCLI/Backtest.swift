import ArgumentParser
import CardBacktest
import CardOperations
import CardTraining
import Foundation
import LeadData

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling-origin evaluation: for each period, train a card on the leads before it and test it on the period.",
        discussion: """
            For every month, quarter or N days, a card is trained (as `train --time COLUMN` would) on the \
            leads created before the period — all of them, or the --window before it — and measured on the \
            period's leads: AUC, log loss, calibration error, tier shares and each tier's conversion rate. \
            The first card is also kept unchanged and measured on every later period: how fast a card goes \
            stale, and so how often to retrain. A period with too few leads, one outcome, or too little \
            history gets a note instead of figures. See docs/monitoring.md.

            Examples:
              leadscore synth 6000 drift.csv --drift
              leadscore backtest drift.csv --target converted --time created_at \\
                  --exclude lead_id,converted_at --every quarter --html backtest.html
              leadscore backtest drift.csv --target converted --time created_at \\
                  --exclude lead_id,converted_at --every 180 --window 12months --json
            """)

    @Argument(help: "Historical leads with an outcome and a date column: a CSV file, or a database (sqlite:PATH, postgresql://…, env:NAME) with --table or --query.") var data: String
    @OptionGroup var dataOptions: DataOptions
    @Option(help: ArgumentHelp("The leads' creation date (ISO 8601).", valueName: "column")) var time: String
    @Option(help: ArgumentHelp("Period length: month, quarter, or a number of days.", valueName: "month|quarter|N")) var every: String = "month"
    @Option(help: ArgumentHelp("Train each card on this much history before the period only, e.g. 12months or 90days (default: all earlier leads).", valueName: "length"))
    var window: String?
    @Option(help: "Trainer: logistic, stumps, or auto.") var model: ModelKind = .stumps
    @OptionGroup var tierOptions: TierOptions
    @Option(help: "A period is tested only with at least this many leads.") var minLeads: Int = 30
    @Option(help: ArgumentHelp("Also write the backtest as an HTML page with a plot over time.", valueName: "file")) var html: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard dataOptions.target != nil else { throw ValidationError("name the outcome column with --target") }
        guard BacktestOptions.period(every) != nil else { throw ValidationError("--every takes month, quarter or a whole number of days, not '\(every)'") }
        if let window, BacktestOptions.window(window) == nil {
            throw ValidationError("--window takes a length such as 12months or 90days, not '\(window)'")
        }
        guard minLeads >= 2 else { throw ValidationError("--min-leads must be at least 2") }
    }

    func run() throws {
        try reportingFailure {
            try checkOutputPaths(html, inputs: [data])
            let progress = Progress()
            var loadOptions = try dataOptions.loadOptions()
            // The time column is read as a date even where inference would not, and is never a feature.
            loadOptions.roles[time] = loadOptions.roles[time] ?? .date
            progress.step("loading \(try dataOptions.dataName(data))")
            let leads = try dataOptions.dataset(data, options: loadOptions)
            let options = BacktestOptions(
                timeColumn: time, every: BacktestOptions.period(every)!, window: window.flatMap(BacktestOptions.window) ?? .all,
                training: TrainingOptions(model: model.choice, tiers: try tierOptions.rule()), minimumTestLeads: minLeads)
            var report = try Backtest(options: options, progress: { index, count, label in
                progress.step("period \(index + 1) of \(count): \(label)")
            }).run(leads, readAs: loadOptions)
            // A database is named by its address (without password) and table or query, not a file name.
            if try dataOptions.source.database(data) != nil { report.data = try dataOptions.dataName(data) }
            progress.finish()
            if let html { try writeAtomically(Data(BacktestPage(report: report).html().utf8), toPath: html) }
            print(json ? try jsonText(report) : report.text())
            if let html, !json { print("HTML written to \(html)") }
        }
    }
}
