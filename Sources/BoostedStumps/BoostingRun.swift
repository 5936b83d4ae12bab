import FeatureEncoding
import Foundation

/// The mutable state of one `StumpBooster.fit`: scores, gradients and the stumps so far. Never
/// escapes `fit`; the model it returns is immutable (LightGBM's learner vs. its `Booster` output).
struct BoostingRun {
    /// Rows of training or validation data as the passes read them: every feature's bins, read through
    /// the data columns' own codes where they have them (`CodedBins`: no bin column is copied), and the
    /// outcomes.
    struct Part {
        let rowCount: Int
        let features: [CodedBins]
        let labels: [UInt8]

        init(features: [CodedBins], labels: [UInt8]) {
            let rows = labels.count
            precondition(features.allSatisfy { $0.rowCount == rows }, "every feature needs a bin per row")
            rowCount = rows
            self.features = features
            self.labels = labels
        }
    }

    private let booster: StumpBooster
    private let mapper: BinMapper
    private let train: Part
    private let validation: Part?
    /// Per feature: +1, −1 or 0 (unconstrained).
    private let monotone: [Int]
    /// Training rows per bin, per feature.
    private let rowCounts: [[Int]]
    private let rules: SplitRules
    /// This round's gradient and hessian per training row, interleaved.
    private var gradHess: [Double]
    private var histograms: HistogramBuilder
    /// A warm start: the intercept and stumps (on `mapper`'s features) boosting continues from.
    private let start: (intercept: Double, stumps: [Stump])?

    init(booster: StumpBooster, mapper: BinMapper, train: Part, validation: Part?,
         monotone: [Int], start: (intercept: Double, stumps: [Stump])? = nil) {
        self.booster = booster
        self.start = start
        self.mapper = mapper
        self.train = train
        self.validation = validation
        self.monotone = monotone
        rowCounts = mapper.features.indices.map { train.features[$0].binCounts(binCount: mapper.features[$0].binCount) }
        rules = SplitRules(l2: booster.l2, minLeafRows: booster.minLeafRows, minLeafHessian: booster.minLeafHessian,
                           categorySmoothing: booster.categorySmoothing, categoryL2: booster.categoryL2,
                           minCategoryGroupRows: booster.minCategoryGroupRows)
        gradHess = [Double](repeating: 0, count: 2 * train.rowCount)
        histograms = HistogramBuilder(rowCount: train.rowCount, binCounts: mapper.features.map(\.binCount))
    }

    /// Runs the rounds and returns the model: the intercept is the log-odds of the training
    /// conversion rate (LightGBM's `boost_from_average`), so the first stump already splits on signal.
    /// `nil` when the booster's `roundObserver` asked to stop.
    mutating func boost() -> StumpModel? {
        // Locals, so the passes below read them while `gradHess` is borrowed mutably.
        let (train, validation, booster) = (train, validation, booster)
        let positives = train.labels.reduce(0) { $0 + Int($1) }
        let intercept = start?.intercept ?? log(Double(positives) / Double(train.rowCount - positives))
        var stumps = start?.stumps ?? []
        let carried = stumps.count
        var trainScores = Self.scores(train, intercept: intercept, stumps: stumps, mapper: mapper)
        var validationScores = validation.map { Self.scores($0, intercept: intercept, stumps: stumps, mapper: mapper) } ?? []
        var trainingLoss: [Double] = [], validationLoss: [Double] = []
        var best = (loss: Double.infinity, rounds: 0)
        var stopReason = TrainingHistory.StopReason.roundLimit
        for round in 0...booster.rounds {
            // Round 0 measures the start (the intercept, or the carried stumps) as it is.
            let last = round == 0 ? nil : stumps.last.map { ($0.feature, $0.valuePerBin(binCount: mapper.features[$0.feature].binCount)) }
            let fitsAnother = round < booster.rounds
            trainingLoss.append(gradHess.withUnsafeMutableBufferPointer { gradHess in
                Self.pass(train, scores: &trainScores, update: last, gradHess: fitsAnother ? gradHess.baseAddress : nil,
                          round: round, booster: booster)
            })
            if let validation {
                let loss = Self.pass(validation, scores: &validationScores, update: last, gradHess: nil, round: round, booster: booster)
                validationLoss.append(loss)
                if loss < best.loss {
                    best = (loss, round)
                } else if let patience = booster.earlyStoppingPatience, round - best.rounds >= patience {
                    stopReason = .earlyStopping
                    break
                }
            }
            guard fitsAnother else { break }
            guard let stump = nextStump() else {
                stopReason = .noUsefulSplit
                break
            }
            stumps.append(stump)
            if let observer = booster.roundObserver, !observer(stumps.count - carried, booster.rounds) { return nil }
        }
        let kept = validation != nil && booster.earlyStoppingPatience != nil ? carried + best.rounds : stumps.count
        return StumpModel(mapper: mapper, intercept: intercept, stumps: Array(stumps.prefix(kept)),
                          trainingRowCounts: rowCounts,
                          history: TrainingHistory(trainingLoss: trainingLoss, validationLoss: validationLoss,
                                                   keptRounds: kept, stopReason: stopReason, carriedRounds: start == nil ? nil : carried))
    }

    /// Every row's log-odds under `intercept` and `stumps`: the stumps summed into one value per bin per
    /// feature first, so a warm start of many stumps costs one pass per feature, not one per stump.
    private static func scores(_ part: Part, intercept: Double, stumps: [Stump], mapper: BinMapper) -> [Double] {
        var scores = [Double](repeating: intercept, count: part.rowCount)
        guard !stumps.isEmpty else { return scores }
        var tables = mapper.features.map { [Double](repeating: 0, count: $0.binCount) }
        var used = Set<Int>()
        for stump in stumps {
            let values = stump.valuePerBin(binCount: mapper.features[stump.feature].binCount)
            for bin in values.indices { tables[stump.feature][bin] += values[bin] }
            used.insert(stump.feature)
        }
        for feature in used.sorted() {
            scores.withUnsafeMutableBufferPointer { scores in
                tables[feature].withUnsafeBufferPointer { table in
                    part.features[feature].read(TableAddition(table: table.baseAddress!, scores: scores.baseAddress!, rowCount: part.rowCount))
                }
            }
        }
        return scores
    }

    /// Adds a value per bin to every row's score.
    private struct TableAddition: BinReading {
        let table: UnsafePointer<Double>
        let scores: UnsafeMutablePointer<Double>
        let rowCount: Int

        func read<Reader: BinReader>(_ reader: Reader) {
            for row in 0..<rowCount { scores[row] += table[reader.bin(row)] }
        }
    }

    /// Applies the last stump to `part`'s scores and returns its mean log loss; with `gradHess` also
    /// writes the gradients of round `round`'s subsample.
    private static func pass(_ part: Part, scores: inout [Double], update: (feature: Int, values: [Double])?,
                             gradHess: UnsafeMutablePointer<Double>?, round: Int, booster: StumpBooster) -> Double {
        let sampleSeed = booster.seed ^ (UInt64(round) &* 0x9E37_79B9_7F4A_7C15)
        // The stump's value per code of its feature's column: per bin, looked up through the codes' bins.
        let codedUpdate = update.map { update in
            let coded = part.features[update.feature]
            return (coded, coded.binOfCode.map { $0.map { update.values[Int($0)] } } ?? update.values)
        }
        return part.labels.withUnsafeBufferPointer { labels in
            scores.withUnsafeMutableBufferPointer { scores in
                (codedUpdate?.1 ?? []).withUnsafeBufferPointer { values in
                    func run(_ update: ScoreUpdate?) -> Double {
                        logisticPass(scores: scores.baseAddress!, labels: labels.baseAddress!,
                                     rowCount: part.rowCount, update: update, gradHess: gradHess,
                                     subsample: booster.subsample, sampleSeed: sampleSeed,
                                     threads: booster.threads)
                    }
                    switch codedUpdate?.0.codes {
                    case nil:
                        return run(nil)
                    case .bytes(let codes):
                        return codes.withUnsafeBufferPointer { run(ScoreUpdate(bytes: $0.baseAddress!, shorts: nil, valuePerCode: values.baseAddress!)) }
                    case .shorts(let codes):
                        return codes.withUnsafeBufferPointer { run(ScoreUpdate(bytes: nil, shorts: $0.baseAddress!, valuePerCode: values.baseAddress!)) }
                    }
                }
            }
        }
    }

    /// The stump of this round: the best split over all features (ties: the earlier feature), or
    /// `nil` when no feature has a split with positive gain.
    private mutating func nextStump() -> Stump? {
        let binCounts = mapper.features.map(\.binCount)
        let threads = booster.threads
        let built = gradHess.withUnsafeBufferPointer { gradHess in
            histograms.build(binCounts: binCounts, features: train.features, gradHess: gradHess.baseAddress!, threads: threads)
        }
        var best: (feature: Int, candidate: SplitCandidate)?
        built.withUnsafeBufferPointer { built in
            for feature in mapper.features.indices {
                guard let candidate = bestSplit(histogram: built.baseAddress! + feature * HistogramBuilder.stride,
                                                rowCounts: rowCounts[feature], feature: mapper.features[feature],
                                                monotone: monotone[feature], rules: rules) else { continue }
                if candidate.gain > best?.candidate.gain ?? 0 { best = (feature, candidate) }
            }
        }
        guard let (feature, candidate) = best else { return nil }
        let rate = booster.learningRate
        return Stump(feature: feature, split: candidate.split, leftValue: rate * candidate.leftValue,
                     rightValue: rate * candidate.rightValue, gain: candidate.gain)
    }
}
