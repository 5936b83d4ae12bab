import CardHoldout
import CardOperations
import Evaluation
import Foundation
import LeadCSV
import LeadData
import ModelCore
import PointExport
import ScoreCardFormat

/// Trains a score card from historical leads: the whole pipeline of `leadscore train`, as one call.
///
/// 1. Splits off test leads (20 %, stratified by outcome or the newest by a time column), unless a separate
///    test set is given.
/// 2. Fits the model on the rest by 4-fold cross-fitting — each fold's model early-stopped (stumps) or
///    its L2 strength chosen (logistic) on the quarter it did not see, the card's model fitted on all —
///    or, for a time split or above `Holdout.crossFittingRows` leads, on one validation split.
/// 3. Rounds the model to integer points, calibrates points → probability and chooses tiers on the
///    held-out leads, each scored by a model that never saw it (`CardExport`).
/// 4. Measures model and card on the test leads.
///
/// ```swift
/// let result = try CardTrainer().train(csv: "leads.csv", loadOptions: LoadOptions(target: "converted"))
/// try result.card.write(toPath: "card.json")
/// print(result.report.cardTest.auc)
/// ```
///
/// Progress goes to `progress` (stage, rounds or fits, Newton iterations, elapsed, time left); cancelling the
/// task that calls `train` stops it within a boosting round or a Newton iteration with `CancellationError`.
public struct CardTrainer: Sendable {
    /// What to train and how: model, scale, tiers, calibration, split, seed; plain values, so a run can be repeated.
    public var options: TrainingOptions
    /// Called on the training thread with each stage and unit done, so a long run can show it is moving.
    public var progress: TrainingProgressHandler?

    /// The version the card's provenance records.
    public static let version = "0.1.0"

    /// A trainer with these options; `progress` (optional) hears of every stage, round and Newton iteration.
    public init(options: TrainingOptions = TrainingOptions(), progress: TrainingProgressHandler? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Loads `path` (and `testPath`, whose leads then test while all of `path` trains), trains, and
    /// records the file's name and SHA-256 in the card's provenance.
    /// - Throws: `LoadError` or `CSVError` (naming file, line and value) for a file that cannot be read,
    ///   `TrainingError` for the rest, `CancellationError` when the calling task is cancelled.
    public func train(csv path: String, loadOptions: LoadOptions, testCSV testPath: String? = nil) throws -> TrainingResult {
        try options.validate()
        let meter = ProgressMeter(progress)
        try meter.begin(.loading(file: path))
        let leads = try Dataset.load(csv: path, options: loadOptions)
        return try train(loaded: consume leads, csv: path, loadOptions: loadOptions, testCSV: testPath, meter: meter)
    }

    /// Trains on `leads`, already loaded from `path` with `loadOptions` (so a caller that screened them
    /// first, for leakage say, does not read the file twice); the card records the file's name and SHA-256.
    /// Pass the leads with `consume` when they are not needed afterwards: above `Holdout.crossFittingRows`
    /// training then releases them column by column as it splits them (`Dataset.partitioned(into:)`).
    public func train(loaded leads: consuming Dataset, csv path: String, loadOptions: LoadOptions, testCSV testPath: String? = nil) throws -> TrainingResult {
        try options.validate()
        return try train(loaded: consume leads, csv: path, loadOptions: loadOptions, testCSV: testPath, meter: ProgressMeter(progress))
    }

    /// Trains on `leads` read from somewhere other than a file, a database say: the card records `source`
    /// (which must not hold a password) as its data, without a SHA-256, and is named after `name` (a table).
    public func train(loaded leads: consuming Dataset, source: String, name: String, loadOptions: LoadOptions, test: Dataset? = nil) throws -> TrainingResult {
        try options.validate()
        let fingerprint = DataFingerprint(file: source, rows: leads.rowCount, positiveRate: leads.positiveRate)
        var result = try train(consume leads, test: test, testDescription: test.map { "test from \($0.source)" }, readAs: loadOptions,
                               fingerprint: fingerprint, meter: ProgressMeter(progress))
        if let model = result.card.name.range(of: " · ", options: .backwards) { result.card.name = name + result.card.name[model.lowerBound...] }
        return result
    }

    /// The rows of `leads` that a card trained on them learns from or is held out on — every row but the
    /// test split (all rows when `separateTest`): what a screen of the training data may look at.
    public func rowsBeforeTest(_ leads: Dataset, separateTest: Bool = false) throws -> [Int] {
        if separateTest { return Array(0..<leads.rowCount) }
        do {
            // Only the split: building the holdout's datasets here would copy every column just to read rows.
            let parts = try leads.split(options.split.method(seed: options.seed), validationFraction: 0.2, testFraction: 0.2)
            return parts.rowsBeforeTest
        } catch { throw TrainingError.splitting(data: leads.source, error) }
    }

    private func train(loaded leads: consuming Dataset, csv path: String, loadOptions: LoadOptions, testCSV testPath: String?,
                       meter: ProgressMeter) throws -> TrainingResult {
        let test = try testPath.map { path in
            try meter.begin(.loading(file: path))
            return try Dataset.load(csv: path, options: loadOptions)
        }
        let fingerprint = DataFingerprint(file: URL(fileURLWithPath: path).lastPathComponent, sha256: try SHA256.hexDigest(ofFile: path),
                                          rows: leads.rowCount, positiveRate: leads.positiveRate)
        return try train(consume leads, test: test, testDescription: testPath.map { "test from \($0)" },
                         readAs: loadOptions, fingerprint: fingerprint, meter: meter)
    }

    /// Trains on leads already loaded.
    /// - Parameters:
    ///   - leads: labelled leads (`Dataset.load(csv:options:)` with a target, or built in memory).
    ///   - test: leads to test on instead of a split of `leads` (all of which then trains).
    ///   - readAs: how the leads were read; the card keeps its missing-value texts and decimal mark so a
    ///     scorer reads new leads the same way.
    public func train(_ leads: Dataset, test: Dataset? = nil, readAs: LoadOptions = LoadOptions()) throws -> TrainingResult {
        try options.validate()
        let fingerprint = DataFingerprint(file: URL(fileURLWithPath: leads.source).lastPathComponent, rows: leads.rowCount,
                                          positiveRate: leads.positiveRate)
        return try train(leads, test: test, testDescription: test.map { "test from \($0.source)" }, readAs: readAs,
                         fingerprint: fingerprint, meter: ProgressMeter(progress))
    }

    private func train(_ dataset: consuming Dataset, test separateTest: Dataset?, testDescription: String?, readAs: LoadOptions,
                       fingerprint: DataFingerprint, meter: ProgressMeter) throws -> TrainingResult {
        let data = dataset.source
        guard dataset.labels != nil else { throw TrainingError.noOutcome(data: data) }
        if let separateTest, separateTest.labels == nil { throw TrainingError.noOutcome(data: separateTest.source) }
        let seed = options.seed
        // What the card and report need of the loaded leads besides their parts, kept before they are given up.
        let (outcome, loadNotes, dateColumn) = (dataset.outcome, dataset.notes, dataset.columns.first { $0.role == .date }?.name)
        var fitStarted: Duration?
        var choice: ModelChoice?
        let (parts, planned, test): (DataSplit, Holdout, Dataset)
        do {
            if options.model == .auto {
                let parts = try dataset.split(options.split.method(seed: seed), validationFraction: separateTest == nil ? 0.2 : 0.25,
                                              testFraction: separateTest == nil ? 0.2 : 0)
                let leads = separateTest == nil ? dataset.selecting(parts.rowsBeforeTest) : dataset
                fitStarted = meter.elapsed
                do {
                    choice = try chooseModel(leads, meter: meter)
                } catch let failure as TrainingModelFailure {
                    throw TrainingError.fitting(data: data, model: failure.model, failure.error)
                }
            }
            (parts, planned, test) = try plan(consuming: consume dataset, separateTest: separateTest)
        } catch let error as SplitError { throw TrainingError.splitting(data: data, error) }
        let splitText = testDescription ?? parts.method
        let fitFrom = fitStarted ?? meter.elapsed  // auto's comparison counts as fitting, the split does not
        var fitted: TrainedModel
        var holdout = planned
        var historyChoice: HistoryChoice?
        do {
            var model = options.model
            if let choice { model = choice.chosen }
            let fit = { (holdout: Holdout) in
                try TrainedModel.fit(model, holdout, seed: seed, monotone: model == .stumps ? self.options.monotone.mapValues(\.rawValue) : [:],
                                     rounds: self.options.rounds, learningRate: self.options.learningRate(for: holdout), meter: meter)
            }
            let recent = options.history == .all ? nil : limitingHistory(planned)
            fitted = try fit(options.history == .recent ? recent ?? planned : planned)
            if let recent {
                var losses: [TrainingOptions.History: Double] = [:]
                var chosen: TrainingOptions.History = options.history == .recent ? .recent : .all
                var zScore: Double?
                if options.history == .auto {
                    // Both histories judged on the same window leads; all of it unless the newest half fits
                    // them better beyond noise (`HistoryChoice.requiredZ`).
                    let alternative = try fit(recent)
                    losses = [.all: fitted.heldOutLogLoss, .recent: alternative.heldOutLogLoss]
                    if let all = HistoryChoice.windowLosses(fitted.heldOut), let newest = HistoryChoice.windowLosses(alternative.heldOut) {
                        let z = HistoryChoice.pairedZ(all: all, recent: newest)
                        zScore = z
                        if z >= HistoryChoice.requiredZ { (fitted, chosen) = (alternative, .recent) }
                    }
                }
                if chosen == .recent { holdout = recent }
                historyChoice = HistoryChoice(chosen: chosen, logLoss: losses, fittingLeads: holdout.fittingLeads.rowCount,
                                              leadsBeforeTest: planned.fittingLeads.rowCount, zScore: zScore)
            }
            if let choice { fitted.note += "; " + choice.description }
        } catch let failure as TrainingModelFailure {
            throw TrainingError.fitting(data: data, model: failure.model, failure.error)
        } catch let error as SplitError {
            throw TrainingError.splitting(data: data, error)
        }
        var export = CardExport(scale: options.scale, tiers: options.tiers, calibration: options.calibration,
                                missingValues: readAs.allMissingTokens,
                                decimalSeparator: String(UnicodeScalar(readAs.decimalSeparator)),
                                pruneUnhelpful: options.pruneUnhelpful,
                                shapes: options.monotone.mapValues { $0 == .increasing ? .increasing : .decreasing })
        export.calibrationLeads = holdout.calibrationLeads
        var unselected: [String] = []
        // Selection's test on the first fit: what the refit leaves out, and what the report shows.
        let selection = (try? fitted.model.additiveModel()).map {
            export.selectionTests(of: $0, train: holdout.fittingLeads, heldOut: fitted.heldOut)
        } ?? []
        if options.refitAfterSelection {
            (fitted, unselected) = try refitWithoutUnselected(fitted, kind: choice?.chosen ?? options.model, holdout: holdout, tests: selection,
                                                              data: data, meter: meter)
            // Selection was made on the first fit; the refitted model keeps every criterion it chose.
            if !unselected.isEmpty {
                export.selectCriteria = false
                if let choice { fitted.note += "; " + choice.description }
            }
        }
        if let historyChoice {
            fitted.note += "; " + historyChoice.description
            fitted.record.settings["history"] = .text(historyChoice.chosen == .recent
                ? "newest \(historyChoice.fittingLeads) of \(historyChoice.leadsBeforeTest) leads" : "all")
        }
        let fitSeconds = (meter.elapsed - fitFrom) / .seconds(1)
        try meter.begin(.exporting)
        let provenance = Provenance(
            data: fingerprint, target: outcome?.column, positiveLabel: outcome?.positiveLabel,
            trainer: fitted.record, created: ISO8601DateFormatter().string(from: Date()), leadscoreVersion: Self.version,
            // How the file was split, so evaluate/compare/report find its held-out rows again (CardHoldout).
            split: SplitRecord(options.split.method(seed: seed), validationFraction: separateTest == nil ? 0.2 : 0.25,
                               testFraction: separateTest == nil ? 0.2 : 0))
        let stem = URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent
        do {
            var (card, points) = try export.card(from: try fitted.model.additiveModel(), name: "\(stem) · \(fitted.name)",
                                                 train: holdout.fittingLeads, heldOut: fitted.heldOut, provenance: provenance)
            points.droppedFeatures = unselected + points.droppedFeatures
            let testDescription = "test: \(test.rowCount) leads (\(splitText))"
            card.metrics = try CardExport.metrics(of: card, points: points, on: test, description: testDescription)
            // The training leads' distribution of totals and points, so `monitor` needs no baseline file.
            card = try card.withBaseline(from: holdout.fittingLeads)
            let modelMetrics = try MetricSet(probabilities: try fitted.model.predictProbability(test), outcomes: test.labels!)
            var notes = loadNotes
            if !options.split.isTimeOrdered, separateTest == nil, let date = dateColumn {
                notes.append("the leads have a date column '\(date)' but were split at random: time-aware training "
                             + "(TrainingOptions.Split.timeOrdered) tests and validates on the newest leads, as a deployed card is used")
            }
            let kept = card.tiers.count - 1, asked = options.tiers.specs.count
            if kept < asked {
                let names = options.tiers.specs.dropFirst(kept).map { "'\($0.name)'" }.joined(separator: ", ")
                notes.append("only \(kept) of the \(asked) tiers above '\(TierRule.catchAllName)' kept (\(names) left out): "
                             + "too many held-out leads share the lowest totals to tell those tiers apart")
            }
            var report = TrainingReport(card: card, points: points, model: fitted, modelTest: modelMetrics, holdout: holdout,
                                        testRows: test.rowCount, fitSeconds: fitSeconds, split: splitText, notes: notes)
            report.modelChoice = choice
            report.historyChoice = historyChoice
            report.selection = selection
            return TrainingResult(card: card, points: points, report: report, testLeads: test,
                                  testRows: separateTest == nil ? parts.test : nil)
        } catch let error as PointExportError {
            throw TrainingError.export(data: data, error)
        }
    }
}

extension CardTrainer {
    /// The test leads and how the leads before them fit and are held out: 20 % test (none with a separate
    /// test set); then 4-fold cross-fitting on the rest; in time order (a fold must not learn from the
    /// future) validating on each of the newest windows with the leads before it and refitting on all (`.recent`);
    /// above `Holdout.crossFittingRows` leads fitting on a random 60 % and validating on the next 20 %.
    func plan(_ dataset: Dataset, separateTest: Bool) throws(SplitError) -> (DataSplit, Holdout) {
        let seed = options.seed
        let parts = try dataset.split(options.split.method(seed: seed), validationFraction: separateTest ? 0.25 : 0.2,
                                      testFraction: separateTest ? 0 : 0.2)
        var development: Dataset { separateTest ? dataset : dataset.selecting(parts.rowsBeforeTest) }
        if options.split.isTimeOrdered {
            let leads = development
            var windows = try recentWindows(leads)
            if windows.count == 1 {
                // Too few leads for rolling windows: the validation part of the split above (a quarter of
                // the leads before test with a separate test file, else a fifth of all), as one window.
                windows = [RecentWindow(fit: dataset.selecting(parts.train), validation: dataset.selecting(parts.validation))]
            }
            return (parts, .recent(windows: windows, all: leads))
        }
        if parts.train.count + parts.validation.count > Holdout.crossFittingRows {
            return (parts, .split(train: dataset.selecting(parts.train), validation: dataset.selecting(parts.validation)))
        }
        let leads = development
        return (parts, .folds(leads: leads, heldOut: try leads.stratifiedFolds(Holdout.foldCount, seed: seed)))
    }

    /// The rolling-origin windows of `leads` (the leads before test): the newest `Holdout.recentWindowCount`
    /// spans of `Holdout.recentWindowFraction` each (only the newest when a span would hold under
    /// `Holdout.minimumWindowLeads`), oldest first, each with every older lead to fit on.
    /// A window whose part lacks an outcome class is left out; the newest always stays.
    func recentWindows(_ leads: Dataset) throws(SplitError) -> [RecentWindow] {
        let method = options.split.method(seed: options.seed)
        var windows: [RecentWindow] = []
        let windowLeads = Int(Double(leads.rowCount) * Holdout.recentWindowFraction)
        let count = windowLeads >= Holdout.minimumWindowLeads ? Holdout.recentWindowCount : 1
        for newer in (0..<count).reversed() {
            let cut = try leads.split(method, validationFraction: Holdout.recentWindowFraction,
                                      testFraction: Holdout.recentWindowFraction * Double(newer))
            let window = RecentWindow(fit: leads.selecting(cut.train), validation: leads.selecting(cut.validation))
            let bothClasses = [window.fit, window.validation].allSatisfy { part in
                let positives = part.labels?.reduce(0) { $0 + Int($1) } ?? 0
                return positives > 0 && positives < part.rowCount
            }
            if bothClasses || newer == 0 { windows.append(window) }
        }
        return windows
    }

    /// `auto`: which trainer to use, judged on leads neither was tuned on. The leads before test are split
    /// again exactly as `plan` splits all the leads: both trainers are fitted, early-stopped and
    /// strength-searched on the first 80 % (cross-fitted or with a validation split, as the card would
    /// be), and compared by log loss on the last 20 % (stratified random, or the newest in time order),
    /// which neither saw. The chosen trainer is then fitted on all the leads before test as if it had
    /// been asked for by name, so `auto`'s card is that trainer's card.
    func chooseModel(_ leads: Dataset, meter: ProgressMeter) throws -> ModelChoice {
        let (parts, inner) = try plan(leads, separateTest: false)
        let selection = leads.selecting(parts.test)
        var losses: [TrainingOptions.Model: Double] = [:]
        for model in [TrainingOptions.Model.logistic, .stumps] {
            let fitted = try TrainedModel.fit(model, inner, seed: options.seed, rounds: options.rounds, learningRate: options.learningRate(for: inner), meter: meter)
            let probabilities = try fitted.model.predictProbability(selection)
            // In time order the card refits points → probability on recent leads: judge what it would keep.
            losses[model] = inner.isRecent ? RecentValidation.recalibratedLogLoss(probabilities: probabilities, labels: selection.labels!)
                : try logLoss(probabilities: probabilities, outcomes: selection.labels!)
        }
        let chosen: TrainingOptions.Model = losses[.stumps]! <= losses[.logistic]! ? .stumps : .logistic
        return ModelChoice(chosen: chosen, logLoss: losses, selectionLeads: selection.rowCount, tuningLeads: inner.fittingLeads.rowCount)
    }
}

/// How `auto` chose its trainer: each trainer's log loss on the selection leads, which neither was
/// fitted or tuned on.
public struct ModelChoice: Sendable, Equatable {
    /// The trainer whose card was exported: the one with the lower log loss on the selection leads.
    public var chosen: TrainingOptions.Model
    /// Log loss on the selection leads, by trainer (`.logistic`, `.stumps`).
    public var logLoss: [TrainingOptions.Model: Double]
    /// Leads the comparison was made on.
    public var selectionLeads: Int
    /// Leads the candidates were fitted and tuned on.
    public var tuningLeads: Int

    var description: String {
        let other: TrainingOptions.Model = chosen == .stumps ? .logistic : .stumps
        return String(format: "chosen over %@ by log loss %.4f vs %.4f on %d leads neither was tuned on (candidates fitted on %d)",
                      other.rawValue, logLoss[chosen]!, logLoss[other]!, selectionLeads, tuningLeads)
    }
}

/// What `CardTrainer.train` returns: the card, its points model, the report, and the test leads (for a
/// report on them).
public struct TrainingResult: Sendable {
    /// The validated card, with its test metrics in `card.metrics`.
    public var card: ScoreCard
    /// The card's points as the trainer computed them (totals of typed rows).
    public var points: PointModel
    /// How training went (model, rows, test figures, folds), for a caller to print, log or check.
    public var report: TrainingReport
    /// The leads `report.cardTest` and `report.modelTest` were measured on.
    public var testLeads: Dataset
    /// Where the test leads are in the training data (ascending row indices), or `nil` when they came
    /// from a separate test set.
    public var testRows: [Int]?
}
