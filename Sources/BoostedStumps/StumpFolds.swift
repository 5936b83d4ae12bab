import FeatureEncoding
import LeadData
import ModelCore

/// Stump models from cross-fitting (`StumpBooster.fitFolds`), on shared bins, and their average.
///
/// The average is itself one value per bin per feature, so it is as exactly a card as a single model.
public struct StumpFolds: ProbabilisticClassifier, Codable, Sendable, Equatable {
    /// `members[k]` was fitted without the rows `heldOutRows[k]` and early-stopped on them.
    public let members: [StumpModel]
    /// `heldOutRows[k]`: the rows member `k` never saw, which its out-of-fold predictions cover.
    public let heldOutRows: [[Int]]

    /// The fold models and the rows each held out (one list per member).
    public init(members: [StumpModel], heldOutRows: [[Int]]) {
        precondition(!members.isEmpty && members.count == heldOutRows.count, "one held-out row list per member")
        self.members = members
        self.heldOutRows = heldOutRows
    }

    /// The members' average log-odds.
    public func logOdds(_ dataset: Dataset) throws -> [Double] {
        try average.logOdds(dataset)
    }

    /// The average as one centred step function per feature (see `StumpModel.additiveModel()`); the
    /// centring weights are the members' training rows together.
    public func additiveModel() -> AdditiveModel {
        average.additiveModel()
    }

    private var average: BinTables {
        let parts = members.map(\.binTables)
        let share = 1 / Double(parts.count)
        var tables = parts[0].tables.map { $0.map { _ in 0.0 } }
        var rowCounts = parts[0].rowCounts.map { $0.map { _ in 0 } }
        for part in parts {
            for feature in tables.indices {
                for bin in tables[feature].indices {
                    tables[feature][bin] += share * part.tables[feature][bin]
                    rowCounts[feature][bin] += part.rowCounts[feature][bin]
                }
            }
        }
        return BinTables(mapper: parts[0].mapper, intercept: parts.reduce(0) { $0 + share * $1.intercept }, tables: tables,
                         rowCounts: rowCounts, usedFeatures: parts.reduce(into: Set()) { $0.formUnion($1.usedFeatures) })
    }
}
