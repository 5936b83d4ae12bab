import ArgumentParser
import CardTraining
import CardHoldout
import LeadData
import Foundation
import LeadDatabase
import PointExport

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Learn a point card from historical leads and write it as JSON.",
        discussion: """
            Splits off test leads, fits the model on the rest by 4-fold cross-fitting (each fold's model \
            early-stopped or penalised on the quarter it did not see; the card's model learns from all), \
            turns it into integer points (rounding tuned on the training leads), calibrates points → \
            probability and picks tier thresholds on out-of-fold totals, and reports model and card on \
            test. Time-ordered splits and over 200 000 leads use one validation split instead.

            Examples:
              leadscore train datasets/synthetic/leads.csv --target converted \\
                  --out card.json --report report.html
              leadscore train datasets/online-shoppers/online_shoppers_intention.csv \\
                  --target Revenue --exclude PageValues --model logistic \\
                  --tiers hot:70,warm:40 --out shoppers.json

            For an export with form placeholders and fields sales fill in after the \
            outcome (such as X Education, not shipped), add --missing Select, and \
            --exclude with those fields (Tags, Lead Quality, Lead Profile); quote a \
            name that holds a space, and repeat the flag rather than wrap a list.
            """)

    @Argument(help: "CSV of historical leads with a converted/lost column.") var data: String
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Trainer: logistic, stumps, or auto (the lower log loss on leads before test that neither trainer was tuned on; see docs/training.md).") var model: ModelKind = .stumps
    @Option(help: "Maximum points of the card (the score range is 0…scale).") var scale: Int = 100
    @Flag(help: "Allow criteria that take points away (base points keep totals within the scale).") var negativePoints = false
    @Flag(help: "Scale so the criteria's best points add up to the maximum, so no total is ever capped (default: the best training lead gets the maximum; coarser points).")
    var uncapped = false
    @Option(help: "Keep at most this many criteria.") var maxCriteria: Int?
    @Flag(help: "Drop criteria that do not improve the fit on held-out leads (a shorter card; may drop weak real effects).") var prune = false
    @Option(help: ArgumentHelp("Numeric columns whose points may only rise with the value, comma-separated (repeatable).", valueName: "columns"))
    var increasing: [String] = []
    @Option(help: ArgumentHelp("Numeric columns whose points may only fall as the value grows, e.g. days since last activity (repeatable).", valueName: "columns"))
    var decreasing: [String] = []
    @Option(help: "Stumps: the most boosting rounds per model (early stopping on held-out leads usually ends sooner; raise it when the summary says a fit stopped at the round limit).")
    var rounds: Int = TrainingOptions.defaultRounds
    @Option(help: "Stumps: the learning rate (shrinkage of each stump), above 0 and at most 1; smaller needs more rounds (default: 0.1, or 0.3 above 200 000 leads before test, where one validation split replaces cross-fitting).")
    var learningRate: Double?
    @OptionGroup var tierOptions: TierOptions
    @OptionGroup var leakageOptions: LeakageOptions
    @Option(help: "Calibration of points to probability: platt or isotonic.") var calibration: String = "platt"
    @Option(help: "How to split: random (stratified) or time:COLUMN (oldest leads train; the same as --time COLUMN).") var split: SplitChoice = SplitChoice(argument: "random")!
    @Option(help: ArgumentHelp(
        "The leads' creation date (or a number that grows with time): train time-aware — the newest leads test, the most recent ones before them choose rounds or strength, shapes, calibration and tiers (docs/training.md).",
        valueName: "column"))
    var time: String?
    @Option(help: ArgumentHelp(
        "With --time: learn from all the leads before test (all), the newest half (recent), or the newest half only when the validation windows favour it beyond noise (auto; docs/training.md).",
        valueName: "all|recent|auto"))
    var history: HistoryKind = .all
    @Option(help: "Seed of the split and of the trainer.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Test on this file instead of a split of DATA (all of which then trains), e.g. to compare with other tools on the same rows.", valueName: "file"))
    var testData: String?
    @Option(help: "Where to write the card.") var out: String
    @Option(help: ArgumentHelp("Also write a report on the card's test leads: HTML, or a notebook when the name ends in .ipynb (see `leadscore report`).", valueName: "file"))
    var report: String?
    @Flag(help: "Print the summary as JSON.") var json = false
    @Flag(help: "With a postgresql://… source: train inside the database — only aggregates leave it (docs/in-database.md).")
    var inDatabase = false
    @Option(help: ArgumentHelp("With --in-database: the column whose hash splits training, validation and test (default: the whole row).", valueName: "column"))
    var splitKey: String?

    func validate() throws {
        guard dataOptions.target != nil else { throw ValidationError("name the outcome column with --target") }
        guard scale >= 2 else { throw ValidationError("--scale must be at least 2") }
        guard TotalsCalibrationMethod(rawValue: calibration) != nil else { throw ValidationError("--calibration must be platt or isotonic") }
        if let maxCriteria, maxCriteria < 1 { throw ValidationError("--max-criteria must be at least 1") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
        if let learningRate, !(learningRate > 0 && learningRate <= 1) { throw ValidationError("--learning-rate must be above 0 and at most 1") }
        if let time, split.text != "random", split.text != "time:\(time)" {
            throw ValidationError("give --time \(time) or --split \(split.text), not both")
        }
        if history != .all, time == nil, !split.text.hasPrefix("time:") {
            throw ValidationError("--history needs a time split: add --time COLUMN")
        }
        if let both = Set(Self.columns(increasing)).intersection(Self.columns(decreasing)).sorted().first {
            throw ValidationError("'\(both)' is both --increasing and --decreasing")
        }
    }

    /// Monotone directions by column: +1 for `--increasing`, −1 for `--decreasing`.
    var monotone: [String: Int] {
        Dictionary(Self.columns(increasing).map { ($0, 1) } + Self.columns(decreasing).map { ($0, -1) }) { first, _ in first }
    }

    private static func columns(_ lists: [String]) -> [String] {
        lists.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// The library's options for these flags.
    func trainingOptions() throws -> TrainingOptions {
        var options = TrainingOptions(
            model: model.choice,
            scale: PointScale(maximum: scale, allowNegative: negativePoints, maxCriteria: maxCriteria,
                              reach: uncapped ? .everyCombination : .trainingLeads),
            tiers: try tierOptions.rule(),
            calibration: TotalsCalibrationMethod(rawValue: calibration)!,
            split: time.map { .timeOrdered(column: $0) } ?? split.choice,
            seed: seed,
            monotone: monotone.mapValues { $0 > 0 ? .increasing : .decreasing },
            pruneUnhelpful: prune,
            rounds: rounds,
            learningRate: learningRate)
        options.history = history.choice
        return options
    }

    func run() throws {
        try reportingFailure {
            try checkOutputPaths(out, report, inputs: [data] + (testData.map { [$0] } ?? []))
            if inDatabase { return try trainInDatabase() }
            let progress = Progress()
            defer { progress.finish() }
            let trainer = CardTrainer(options: try trainingOptions(), progress: progress.training)
            let loadOptions = try dataOptions.loadOptions()
            progress.step("loading \(data)")
            let database = try dataOptions.source.database(data)
            if let testData, DatabaseAddress.isAddress(testData) {
                throw ValidationErrorMessage("--test-data takes a CSV file; to test on other rows of a database, train with --query on the rows to learn from and evaluate the card with --query on the others")
            }
            let leads = try dataOptions.dataset(data, options: loadOptions)
            // Leakage screen on the leads the model learns from (test stays untouched): warn first, or stop with --strict.
            let warnings = LeakageWarnings(leads, rows: try trainer.rowsBeforeTest(leads, separateTest: testData != nil), seed: seed)
            try warnings.check(leakageOptions)
            if let preamble = warnings.trainPreamble { json ? printError(preamble) : printText(preamble) }
            // `consume`: training releases the loaded leads as it splits them, so they are not held twice.
            let result: TrainingResult
            if let database {
                let test = try testData.map { try Dataset.load(csv: $0, options: loadOptions) }
                result = try trainer.train(loaded: consume leads, source: database.description, name: database.rows.name,
                                           loadOptions: loadOptions, test: test)
            } else {
                result = try trainer.train(loaded: consume leads, csv: data, loadOptions: loadOptions, testCSV: testData)
            }
            try result.card.write(toPath: out)
            if let report {
                progress.step("writing the report")
                let dataName = try dataOptions.dataName(data)
                let leads = testData.map { URL(fileURLWithPath: $0).lastPathComponent }
                    ?? "the test split of \(dataName) (\(result.report.split))"
                let rows = result.report.rows
                let training = TrainingLeads(fit: rows.fit, validation: rows.heldOut, test: rows.test, folds: rows.folds)
                try ReportOutput(card: result.card, cardPath: out, leads: result.testLeads, data: leads, leadSections: warnings.reportSections,
                                 training: training).write(to: report, format: ReportFormat(path: report))
            }
            let summary = TrainingSummary(result, output: out)
            progress.finish()
            printText(json ? try warnings.json(summary) : summary.text())
            if let report, !json { printText("Report written to \(report)") }
        }
    }
}
