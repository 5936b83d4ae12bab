import ModelCore

extension StumpModel {
    /// The ensemble as one step function per feature plus an intercept (the issue's "shape
    /// functions"): the score card's input.
    ///
    /// Each feature's per-bin total is centred on its mean over the training rows, and the means move
    /// into the intercept (`BinTables.additiveModel()`); features no stump uses are left out.
    /// Predictions equal `logOdds(_:)` up to rounding (1e-12 in the tests).
    public func additiveModel() -> AdditiveModel {
        binTables.additiveModel()
    }

    var binTables: BinTables {
        BinTables(mapper: mapper, intercept: intercept, tables: valuePerBin(), rowCounts: trainingRowCounts,
                  usedFeatures: Set(stumps.map(\.feature)))
    }
}
