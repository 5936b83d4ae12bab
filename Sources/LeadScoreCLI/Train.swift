import ArgumentParser
import BoostedStumps
import CardHoldout
import Evaluation
import Foundation
import LeadCSV
import LeadData
import ModelCore
import PointExport
import ScoreCardFormat

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
    @Option(help: "Trainer: logistic, stumps, or auto (the lower held-out log loss).") var model: ModelKind = .stumps
    @Option(help: "Maximum points of the card (the score range is 0…scale).") var scale: Int = 100
    @Flag(help: "Allow criteria that take points away (base points keep totals within the scale).") var negativePoints = false
    @Flag(help: "Scale so the criteria's best points add up to the maximum, so no total is ever capped (default: the best training lead gets the maximum; coarser points).")
    var uncapped = false
    @Option(help: "Keep at most this many criteria.") var maxCriteria: Int?
    @Flag(help: "Drop criteria that do not improve the fit on held-out leads (a shorter card; may drop weak real effects).") var prune = false
    @Option(help: ArgumentHelp("Numeric columns whose points may only rise with the value, comma-separated (stumps; repeatable).", valueName: "columns"))
    var increasing: [String] = []
    @Option(help: ArgumentHelp("Numeric columns whose points may only fall as the value grows, e.g. days since last activity (stumps; repeatable).", valueName: "columns"))
    var decreasing: [String] = []
    @OptionGroup var tierOptions: TierOptions
    @Option(help: "Calibration of points to probability: platt or isotonic.") var calibration: String = "platt"
    @Option(help: "How to split: random (stratified) or time:COLUMN (oldest leads train).") var split: SplitChoice = SplitChoice(argument: "random")!
    @Option(help: "Seed of the split and of the trainer.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Test on this file instead of a split of DATA (all of which then trains), e.g. to compare with other tools on the same rows.", valueName: "file"))
    var testData: String?
    @Option(help: "Where to write the card.") var out: String
    @Option(help: ArgumentHelp("Also write a report on the card's test leads: HTML, or a notebook when the name ends in .ipynb (see `leadscore report`).", valueName: "file"))
    var report: String?
    @Flag(help: "Print the summary as JSON.") var json = false

    func validate() throws {
        guard dataOptions.target != nil else { throw ValidationError("name the outcome column with --target") }
        guard scale >= 2 else { throw ValidationError("--scale must be at least 2") }
        guard TotalsCalibrationMethod(rawValue: calibration) != nil else { throw ValidationError("--calibration must be platt or isotonic") }
        if let maxCriteria, maxCriteria < 1 { throw ValidationError("--max-criteria must be at least 1") }
        if !monotone.isEmpty, model != .stumps {
            throw ValidationError("--increasing and --decreasing shape the stumps trainer; add --model stumps")
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

    func run() throws {
        try reportingFailure {
            try checkOutputPaths(out, report, inputs: [data] + (testData.map { [$0] } ?? []))
            let progress = Progress()
            defer { progress.finish() }
            progress.step("loading \(data)")
            let dataset = try dataOptions.load(data)
            // Rows of `dataset` before test: all of it with --test-data, else 80 % (60 % train, 20 % validation).
            let parts = try dataset.split(split.method(seed), validationFraction: testData == nil ? 0.2 : 0.25,
                                          testFraction: testData == nil ? 0.2 : 0)
            let test = try testData.map { try dataOptions.load($0) } ?? dataset.selecting(parts.test)
            let splitText = testData.map { "test from \($0)" } ?? parts.method
            let holdout: Holdout
            if split.isTimeOrdered || parts.train.count + parts.validation.count > Holdout.crossFittingRows {
                // In time order the newest leads before test validate: a fold would learn from the future.
                holdout = .split(train: dataset.selecting(parts.train), validation: dataset.selecting(parts.validation))
            } else {
                let development = testData == nil ? dataset.selecting((parts.train + parts.validation).sorted()) : dataset
                holdout = .folds(leads: development, heldOut: try development.stratifiedFolds(Holdout.foldCount, seed: seed))
            }
            let clock = ContinuousClock()
            let started = clock.now
            progress.step("training \(model.rawValue) on \(holdout.fittingLeads.rowCount) leads")
            let fitted = try TrainedModel.fit(model, holdout, seed: seed, monotone: monotone)
            progress.step("rounding to points, calibrating and choosing tiers")
            let fitSeconds = (clock.now - started) / .seconds(1)
            let export = CardExport(scale: PointScale(maximum: scale, allowNegative: negativePoints, maxCriteria: maxCriteria,
                                                      reach: uncapped ? .everyCombination : .trainingLeads),
                                    tiers: try tierOptions.rule(),
                                    calibration: TotalsCalibrationMethod(rawValue: calibration)!,
                                    missingValues: try dataOptions.loadOptions().allMissingTokens,
                                    decimalSeparator: dataOptions.decimal,
                                    pruneUnhelpful: prune)
            let provenance = Provenance(
                data: DataFingerprint(file: URL(fileURLWithPath: data).lastPathComponent, sha256: try SHA256.hexDigest(ofFile: data),
                                      rows: dataset.rowCount, positiveRate: dataset.positiveRate),
                target: dataset.outcome?.column, positiveLabel: dataset.outcome?.positiveLabel,
                trainer: fitted.record, created: ISO8601DateFormatter().string(from: Date()), leadscoreVersion: LeadScore.version,
                split: SplitRecord(split.method(seed), validationFraction: testData == nil ? 0.2 : 0.25, testFraction: testData == nil ? 0.2 : 0))
            var (card, points) = try export.card(from: try fitted.model.additiveModel(), name: "\(URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent) · \(fitted.name)",
                                                 train: holdout.fittingLeads, heldOut: fitted.heldOut, provenance: provenance)
            let testDescription = "test: \(test.rowCount) leads (\(splitText))"
            card.metrics = try CardExport.metrics(of: card, points: points, on: test, description: testDescription)
            let modelMetrics = try MetricSet(probabilities: try fitted.model.predictProbability(test), outcomes: test.labels!)
            try card.write(toPath: out)
            if let report {
                progress.step("writing the report")
                let leads = testData.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "the test split of \(URL(fileURLWithPath: data).lastPathComponent) (\(splitText))"
                try ReportOutput(card: card, cardPath: out, leads: test, data: leads).write(to: report, format: ReportFormat(path: report))
            }
            let summary = TrainingSummary(card: card, points: points, model: fitted, modelTest: modelMetrics,
                                          holdout: holdout, testRows: test.rowCount, fitSeconds: fitSeconds,
                                          split: splitText, notes: dataset.notes, output: out)
            progress.finish()
            print(json ? try summary.json() : summary.text())
            if let report, !json { print("Report written to \(report)") }
        }
    }
}
