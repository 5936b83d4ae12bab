import ModelCore

extension StumpModel {
    /// The ensemble as one step function per feature plus an intercept (the issue's "shape
    /// functions"): the score card's input.
    ///
    /// Each feature's per-bin total is centred on its mean over the training rows, and the means move
    /// into the intercept, so a shape reads as "this bin versus the average lead" and the intercept as
    /// the average log-odds. Neighbouring bins with equal totals merge into one piece
    /// (`FeatureBins.shape(logOddsPerBin:)`); features no stump uses are left out. Predictions equal
    /// `logOdds(_:)` up to rounding (1e-12 in the tests).
    public func additiveModel() -> AdditiveModel {
        var intercept = self.intercept
        var shapes: [FeatureShape] = []
        let used = Set(stumps.map(\.feature))
        for (feature, table) in valuePerBin().enumerated() where used.contains(feature) {
            let counts = trainingRowCounts[feature]
            let total = counts.reduce(0, +)
            let mean = zip(table, counts).reduce(0) { $0 + $1.0 * Double($1.1) } / Double(max(total, 1))
            intercept += mean
            shapes.append(mapper.features[feature].shape(logOddsPerBin: table.map { $0 - mean }))
        }
        return AdditiveModel(intercept: intercept, shapes: shapes)
    }
}
