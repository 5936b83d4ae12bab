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
/// Progress goes to `progress` (stage, rounds, elapsed, time left); cancelling the task that calls
/// `train` stops it within a boosting round or a logistic fit with `CancellationError`.
public struct CardTrainer: Sendable {
    public var options: TrainingOptions
    public var progress: TrainingProgressHandler?

    /// The version the card's provenance records.
    public static let version = "0.1.0"

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
        let test = try testPath.map { path in
            try meter.begin(.loading(file: path))
            return try Dataset.load(csv: path, options: loadOptions)
        }
        let fingerprint = DataFingerprint(file: URL(fileURLWithPath: path).lastPathComponent, sha256: try SHA256.hexDigest(ofFile: path),
                                          rows: leads.rowCount, positiveRate: leads.positiveRate)
        return try train(leads, test: test, testDescription: testPath.map { "test from \($0)" },
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

    private func train(_ dataset: Dataset, test separateTest: Dataset?, testDescription: String?, readAs: LoadOptions,
                       fingerprint: DataFingerprint, meter: ProgressMeter) throws -> TrainingResult {
        let data = dataset.source
        guard dataset.labels != nil else { throw TrainingError.noOutcome(data: data) }
        if let separateTest, separateTest.labels == nil { throw TrainingError.noOutcome(data: separateTest.source) }
        let seed = options.seed
        // Rows of `dataset` before test: all of it with a separate test set, else 80 % (60 % train, 20 % validation).
        let parts: DataSplit
        do {
            parts = try dataset.split(options.split.method(seed: seed), validationFraction: separateTest == nil ? 0.2 : 0.25,
                                      testFraction: separateTest == nil ? 0.2 : 0)
        } catch { throw TrainingError.splitting(data: data, error) }
        let test = separateTest ?? dataset.selecting(parts.test)
        let splitText = testDescription ?? parts.method
        let holdout: Holdout
        if options.split.isTimeOrdered || parts.train.count + parts.validation.count > Holdout.crossFittingRows {
            // In time order the newest leads before test validate: a fold would learn from the future.
            holdout = .split(train: dataset.selecting(parts.train), validation: dataset.selecting(parts.validation))
        } else {
            let development = separateTest == nil ? dataset.selecting((parts.train + parts.validation).sorted()) : dataset
            do {
                holdout = .folds(leads: development, heldOut: try development.stratifiedFolds(Holdout.foldCount, seed: seed))
            } catch { throw TrainingError.splitting(data: data, error) }
        }
        let fitStarted = meter.elapsed
        let fitted: TrainedModel
        do {
            fitted = try TrainedModel.fit(options.model, holdout, seed: seed, monotone: options.monotone.mapValues(\.rawValue), meter: meter)
        } catch let failure as TrainingModelFailure {
            throw TrainingError.fitting(data: data, model: failure.model, failure.error)
        }
        let fitSeconds = (meter.elapsed - fitStarted) / .seconds(1)
        try meter.begin(.exporting)
        let export = CardExport(scale: options.scale, tiers: options.tiers, calibration: options.calibration,
                                missingValues: readAs.allMissingTokens,
                                decimalSeparator: String(UnicodeScalar(readAs.decimalSeparator)),
                                pruneUnhelpful: options.pruneUnhelpful)
        let provenance = Provenance(
            data: fingerprint, target: dataset.outcome?.column, positiveLabel: dataset.outcome?.positiveLabel,
            trainer: fitted.record, created: ISO8601DateFormatter().string(from: Date()), leadscoreVersion: Self.version)
        let stem = URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent
        do {
            var (card, points) = try export.card(from: try fitted.model.additiveModel(), name: "\(stem) · \(fitted.name)",
                                                 train: holdout.fittingLeads, heldOut: fitted.heldOut, provenance: provenance)
            let testDescription = "test: \(test.rowCount) leads (\(splitText))"
            card.metrics = try CardExport.metrics(of: card, points: points, on: test, description: testDescription)
            let modelMetrics = try MetricSet(probabilities: try fitted.model.predictProbability(test), outcomes: test.labels!)
            var notes = dataset.notes
            let kept = card.tiers.count - 1, asked = options.tiers.specs.count
            if kept < asked {
                let names = options.tiers.specs.dropFirst(kept).map { "'\($0.name)'" }.joined(separator: ", ")
                notes.append("only \(kept) of the \(asked) tiers above '\(TierRule.catchAllName)' kept (\(names) left out): "
                             + "too many held-out leads share the lowest totals to tell those tiers apart")
            }
            let report = TrainingReport(card: card, points: points, model: fitted, modelTest: modelMetrics, holdout: holdout,
                                        testRows: test.rowCount, fitSeconds: fitSeconds, split: splitText, notes: notes)
            return TrainingResult(card: card, points: points, report: report, testLeads: test,
                                  testRows: separateTest == nil ? parts.test : nil)
        } catch let error as PointExportError {
            throw TrainingError.export(data: data, error)
        }
    }
}

/// What `CardTrainer.train` returns: the card, its points model, the report, and the test leads (for a
/// report on them).
public struct TrainingResult: Sendable {
    /// The validated card, with its test metrics in `card.metrics`.
    public var card: ScoreCard
    /// The card's points as the trainer computed them (totals of typed rows).
    public var points: PointModel
    public var report: TrainingReport
    /// The leads `report.cardTest` and `report.modelTest` were measured on.
    public var testLeads: Dataset
    /// Where the test leads are in the training data (ascending row indices), or `nil` when they came
    /// from a separate test set.
    public var testRows: [Int]?
}
