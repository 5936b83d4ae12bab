import FeatureEncoding
import LeadData
import ModelCore

/// An additive model on bins: an intercept plus one log-odds value per bin of every feature. What a stump
/// ensemble, or an average of ensembles on the same bins, amounts to.
struct BinTables {
    let mapper: BinMapper
    let intercept: Double
    /// Per feature, the log-odds added to a row in each bin (not centred).
    let tables: [[Double]]
    /// Training rows per bin, per feature: the weights that centre each shape function.
    let rowCounts: [[Int]]
    /// Features some stump splits on; the others add nothing and get no shape.
    let usedFeatures: Set<Int>

    /// Rows are binned with the training bins, then each feature adds its value for the row's bin.
    func logOdds(_ dataset: Dataset) throws -> [Double] {
        let bins = try mapper.transform(dataset)
        var scores = [Double](repeating: intercept, count: dataset.rowCount)
        for (feature, table) in tables.enumerated() {
            for (row, bin) in bins.columns[feature].enumerated() { scores[row] += table[Int(bin)] }
        }
        return scores
    }

    /// Each used feature's values centred on their mean over the training rows, the means moved into the
    /// intercept, so a shape reads as "this bin versus the average lead" and the intercept as the average
    /// log-odds. Neighbouring bins of equal value merge into one piece (`FeatureBins.shape(logOddsPerBin:)`).
    func additiveModel() -> AdditiveModel {
        var intercept = self.intercept
        var shapes: [FeatureShape] = []
        for (feature, table) in tables.enumerated() where usedFeatures.contains(feature) {
            let counts = rowCounts[feature]
            let total = counts.reduce(0, +)
            let mean = zip(table, counts).reduce(0) { $0 + $1.0 * Double($1.1) } / Double(max(total, 1))
            intercept += mean
            shapes.append(mapper.features[feature].shape(logOddsPerBin: table.map { $0 - mean }))
        }
        return AdditiveModel(intercept: intercept, shapes: shapes)
    }
}
