import Foundation

/// What a model predicted on one part of the data: the input of the evaluation protocol. Plain arrays, so
/// this module needs no trainer and no data module; the command line fills them in.
public struct SplitPredictions: Sendable {
    /// E.g. "train", "validation", "test", "fold 3".
    public var name: String
    public var probabilities: [Double]
    public var outcomes: [UInt8]
    public var weights: [Double]?
    /// For a tiered score (a score card's A/B/C…): each row's tier, so the split also gets a tier table.
    public var tiers: TierAssignment?

    public init(name: String, probabilities: [Double], outcomes: [UInt8], weights: [Double]? = nil,
                tiers: TierAssignment? = nil) {
        self.name = name
        self.probabilities = probabilities
        self.outcomes = outcomes
        self.weights = weights
        self.tiers = tiers
    }
}

/// The tier of each row and the tier names, in index order (see `tierTable`).
public struct TierAssignment: Sendable {
    public var tierOfRow: [Int]
    public var names: [String]

    public init(tierOfRow: [Int], names: [String]) {
        self.tierOfRow = tierOfRow
        self.names = names
    }
}

/// Tables' settings, recorded in the report so its numbers can be reproduced.
public struct ReportOptions: Codable, Sendable, Equatable {
    public var reliabilityBins: Int
    public var reliabilityBinning: ReliabilityBinning
    /// Quantile groups of the lift table (10 = deciles).
    public var liftGroups: Int

    public init(reliabilityBins: Int = 10, reliabilityBinning: ReliabilityBinning = .equalWidth, liftGroups: Int = 10) {
        self.reliabilityBins = reliabilityBins
        self.reliabilityBinning = reliabilityBinning
        self.liftGroups = liftGroups
    }
}

/// Everything measured on one split.
public struct SplitEvaluation: Codable, Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var positiveRate: Double
    public var metrics: MetricSet
    public var reliability: ReliabilityTable
    public var lift: LiftTable
    /// Conversion by tier, when the predictions came with tiers.
    public var tiers: TierTable?

    public init(name: String, rows: Int, positiveRate: Double, metrics: MetricSet,
                reliability: ReliabilityTable, lift: LiftTable, tiers: TierTable? = nil) {
        self.name = name
        self.rows = rows
        self.positiveRate = positiveRate
        self.metrics = metrics
        self.reliability = reliability
        self.lift = lift
        self.tiers = tiers
    }

    /// - Throws: `EvaluationError.inSplit(name, cause)`.
    public init(_ split: SplitPredictions, options: ReportOptions = ReportOptions()) throws(EvaluationError) {
        do {
            let metrics = try MetricSet(probabilities: split.probabilities, outcomes: split.outcomes, weights: split.weights)
            self.init(
                name: split.name, rows: metrics.rows, positiveRate: metrics.positiveRate, metrics: metrics,
                reliability: try reliabilityTable(
                    probabilities: split.probabilities, outcomes: split.outcomes, weights: split.weights,
                    bins: options.reliabilityBins, binning: options.reliabilityBinning),
                lift: try liftTable(scores: split.probabilities, outcomes: split.outcomes, weights: split.weights,
                                    groups: options.liftGroups),
                tiers: try split.tiers.map { assignment throws(EvaluationError) in
                    try tierTable(tiers: assignment.tierOfRow, names: assignment.names, outcomes: split.outcomes,
                                  weights: split.weights)
                })
        } catch {
            throw .inSplit(split.name, error)
        }
    }
}

/// The evaluation protocol's result: metrics, reliability and lift tables for each split, how the splits
/// were drawn, and optionally a cross-validation summary. The one source of numbers for the command line,
/// the README figures and later HTML/notebook reports: they print from this value (or its JSON), never
/// recompute.
public struct EvaluationReport: Codable, Sendable, Equatable {
    /// How rows were split, in words, e.g. "stratified random 60/20/20" or "time-ordered by created_at".
    public var splitMethod: String
    /// Seed of a random split; `nil` for deterministic ones.
    public var seed: UInt64?
    public var options: ReportOptions
    public var splits: [SplitEvaluation]
    public var crossValidation: CrossValidationSummary?

    public init(splitMethod: String, seed: UInt64?, options: ReportOptions, splits: [SplitEvaluation],
                crossValidation: CrossValidationSummary? = nil) {
        self.splitMethod = splitMethod
        self.seed = seed
        self.options = options
        self.splits = splits
        self.crossValidation = crossValidation
    }

    /// Evaluates each split's predictions.
    /// - Throws: `EvaluationError.inSplit` naming the first split that could not be evaluated (e.g. a
    ///   split with a single outcome class).
    public init(
        splitMethod: String, seed: UInt64?, predictions: [SplitPredictions],
        crossValidation: CrossValidationSummary? = nil, options: ReportOptions = ReportOptions()
    ) throws(EvaluationError) {
        var splits: [SplitEvaluation] = []
        for split in predictions {
            splits.append(try SplitEvaluation(split, options: options))
        }
        self.init(splitMethod: splitMethod, seed: seed, options: options, splits: splits, crossValidation: crossValidation)
    }

    /// Pretty-printed JSON with sorted keys (so reports diff cleanly between runs) and unescaped slashes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a report written by `jsonData()`.
    public init(jsonData data: Data) throws {
        self = try JSONDecoder().decode(EvaluationReport.self, from: data)
    }
}
