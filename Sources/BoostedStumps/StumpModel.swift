import FeatureEncoding
import LeadData
import ModelCore

/// A fitted stump ensemble: `logit P(converted) = intercept + Σ stumps`. Immutable and `Codable`.
///
/// Every stump reads one binned feature, so the ensemble is additive: `additiveModel()` collapses it
/// into one step function per feature, which is what the score card is made of.
public struct StumpModel: ProbabilisticClassifier, Codable, Sendable, Equatable {
    /// The bins the stumps split on, fitted on the training rows.
    public let mapper: BinMapper
    /// Log-odds of the training conversion rate: the score before any stump.
    public let intercept: Double
    /// In the order they were fitted; after early stopping, only the kept rounds.
    public let stumps: [Stump]
    /// Training rows per bin, per feature: the weights that centre each shape function.
    public let trainingRowCounts: [[Int]]
    /// The loss curve and why boosting stopped, for reports and for choosing rounds.
    public let history: TrainingHistory

    /// A model from its bins, intercept, stumps and history, as the booster builds it.
    public init(mapper: BinMapper, intercept: Double, stumps: [Stump], trainingRowCounts: [[Int]], history: TrainingHistory) {
        self.mapper = mapper
        self.intercept = intercept
        self.stumps = stumps
        self.trainingRowCounts = trainingRowCounts
        self.history = history
    }

    /// The sum of all stumps per bin, per feature (not centred): the exact per-bin form of the ensemble.
    public func valuePerBin() -> [[Double]] {
        var tables = mapper.features.map { [Double](repeating: 0, count: $0.binCount) }
        for stump in stumps {
            let missingBin = mapper.features[stump.feature].missingBin
            for bin in tables[stump.feature].indices {
                tables[stump.feature][bin] += stump.goesLeft(bin: bin, missingBin: missingBin) ? stump.leftValue : stump.rightValue
            }
        }
        return tables
    }

    /// Log-odds of every row: the rows are binned with the training bins, then each feature adds its
    /// per-bin total. Rare and unseen categories score as "other", missing values as missing.
    public func logOdds(_ dataset: Dataset) throws -> [Double] {
        try binTables.logOdds(dataset)
    }
}

extension StumpModel {
    /// The intercept and the stumps of the features `mapper` shares with this model, their indices moved
    /// to `mapper`'s: what a warm start continues from. `nil` when a shared feature is binned differently.
    func carried(onto mapper: BinMapper) -> (intercept: Double, stumps: [Stump])? {
        var index: [Int: Int] = [:]
        for (old, bins) in self.mapper.features.enumerated() {
            guard let new = mapper.features.firstIndex(where: { $0.name == bins.name }) else { continue }
            guard mapper.features[new] == bins else { return nil }
            index[old] = new
        }
        let stumps = self.stumps.compactMap { stump -> Stump? in
            guard let new = index[stump.feature] else { return nil }
            var moved = stump
            moved.feature = new
            return moved
        }
        return (intercept, stumps)
    }
}
