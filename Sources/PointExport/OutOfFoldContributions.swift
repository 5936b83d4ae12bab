import FeatureEncoding
import Foundation
import LeadData
import ModelCore

/// Every held-out lead's log-odds from a model that never saw it, split by feature: what criterion
/// selection and shape choice judge a criterion on.
///
/// With cross-fitting each lead is scored by its fold's model (centred on the training leads, as the
/// card's model is); with a validation split, by the model itself. A criterion's worth is then the
/// change in held-out log loss when its contribution is removed (selection) or reshaped (shape choice),
/// the other criteria left as they are: no refit, so the test is cheap and the same leads judge every
/// criterion.
struct OutOfFoldContributions {
    /// The held-out leads' outcomes, fold after fold.
    var labels: [UInt8]
    /// Log-odds of every held-out lead under its model (intercept plus every shape's contribution).
    var logOdds: [Double]
    /// Per feature of the card's model: each held-out lead's piece in its fold model's shape, in `labels`
    /// order, a byte or two a lead (`PieceColumn`).
    var pieces: [String: PieceColumn]
    /// Per feature and fold: the log-odds of each piece of the fold's shape, as reshaped so far (empty: the
    /// fold's model lacks the feature). A lead's contribution is its piece's entry; kept per piece rather
    /// than per lead, since a table of features × held-out leads in doubles was the peak of `train` on large
    /// files (issue 21).
    var pieceLogOdds: [String: [[Double]]]
    /// Per feature: the fold models' shapes, one per fold, and the range of leads each fold scores.
    var foldShapes: [String: [FeatureShape?]]
    var foldRanges: [Range<Int>]

    /// `nil` when a held-out lead has no outcome.
    init?(_ parts: [(model: AdditiveModel, leads: Dataset)], features: [String]) {
        labels = []
        logOdds = []
        pieces = Dictionary(uniqueKeysWithValues: features.map { ($0, PieceColumn()) })
        pieceLogOdds = Dictionary(uniqueKeysWithValues: features.map { ($0, [[Double]]()) })
        foldShapes = Dictionary(uniqueKeysWithValues: features.map { ($0, [FeatureShape?]()) })
        foldRanges = []
        for (model, leads) in parts {
            guard let partLabels = leads.labels else { return nil }
            let start = labels.count
            labels += partLabels
            var totals = [Double](repeating: model.intercept, count: leads.rowCount)
            for shape in model.shapes {
                let indices = shape.pieceIndices(leads.column(named: shape.feature), rowCount: leads.rowCount)
                let logOddsOfPiece = shape.pieces.map(\.logOdds)
                for row in totals.indices { totals[row] += indices[row] >= 0 ? logOddsOfPiece[Int(indices[row])] : 0 }
                if pieces[shape.feature] != nil { pieces[shape.feature]!.append(contentsOf: indices) }
            }
            for feature in features {
                let shape = model.shapes.first { $0.feature == feature }
                foldShapes[feature]!.append(shape)
                pieceLogOdds[feature]!.append(shape?.pieces.map(\.logOdds) ?? [])
                if shape == nil { pieces[feature]!.append(contentsOf: [Int32](repeating: -1, count: leads.rowCount)) }
            }
            logOdds += totals
            foldRanges.append(start..<labels.count)
        }
    }

    /// Each held-out lead's contribution of `feature` as it stands (0 for a lead in no piece); `nil` for a
    /// feature not held.
    func contributions(of feature: String) -> [Double]? {
        guard let pieces = pieces[feature], let tables = pieceLogOdds[feature] else { return nil }
        var values = [Double](repeating: 0, count: labels.count)
        for (fold, range) in foldRanges.enumerated() where !tables[fold].isEmpty {
            let table = tables[fold]
            pieces.forEach(in: range) { row, piece in values[row] = table[piece] }
        }
        return values
    }

    /// Removes a feature's contribution from every lead's log-odds (a criterion dropped).
    mutating func remove(_ feature: String) {
        guard let values = contributions(of: feature) else { return }
        for row in logOdds.indices { logOdds[row] -= values[row] }
        pieces[feature] = nil
        pieceLogOdds[feature] = nil
        foldShapes[feature] = nil
    }

    /// Replaces a feature's contribution by that of every fold's shape `transform`ed (pieces kept).
    mutating func replace(_ feature: String, transform: (FeatureShape) -> FeatureShape) {
        guard let old = contributions(of: feature), let shapes = foldShapes[feature] else { return }
        let newValues = contributions(of: feature, transform: transform)
        for row in logOdds.indices { logOdds[row] += newValues[row] - old[row] }
        pieceLogOdds[feature] = shapes.map { $0.map { transform($0).pieces.map(\.logOdds) } ?? [] }
    }

    /// Each lead's contribution of `feature` if every fold's shape were `transform`ed (pieces kept).
    func contributions(of feature: String, transform: (FeatureShape) -> FeatureShape) -> [Double] {
        guard let pieces = pieces[feature], let shapes = foldShapes[feature] else { return [] }
        var values = [Double](repeating: 0, count: labels.count)
        for (fold, range) in foldRanges.enumerated() {
            guard let shape = shapes[fold] else { continue }
            let reshaped = transform(shape).pieces.map(\.logOdds)
            pieces.forEach(in: range) { row, piece in values[row] = reshaped[piece] }
        }
        return values
    }

    /// The per-lead change of log loss when the contributions of all `features` are removed together
    /// (positive: they help).
    func lossChangeRemoving(_ features: [String]) -> PairedDifference {
        var removed = [Double](repeating: 0, count: labels.count)
        for feature in features {
            guard let values = contributions(of: feature) else { continue }
            for row in removed.indices { removed[row] += values[row] }
        }
        let (labels, logOdds, removedLogOdds) = (labels, logOdds, removed)
        return Self.pairedDifference(rows: labels.count) { row in
            logLoss(logOdds[row] - removedLogOdds[row], labels[row]) - logLoss(logOdds[row], labels[row])
        }
    }

    /// The per-lead change of log loss when `feature`'s contribution becomes `newValues`
    /// (positive: the change makes the fit worse), as its mean and standard error.
    func lossChange(_ feature: String, to newValues: [Double]) -> PairedDifference {
        let old = contributions(of: feature) ?? [Double](repeating: 0, count: labels.count)
        let (labels, logOdds) = (labels, logOdds)
        return Self.pairedDifference(rows: labels.count) { row in
            let z = logOdds[row]
            return logLoss(z - old[row] + newValues[row], labels[row]) - logLoss(z, labels[row])
        }
    }

    /// Leads per unit of parallel work in `pairedDifference`.
    static let pairedChunkRows = 16_384

    /// The paired difference of `difference(row)` over `rows` leads: Σ d and Σ d² taken per chunk of
    /// `pairedChunkRows` leads on every core, then over the chunks in order.
    ///
    /// Why: criterion selection and the shape choice take one such sum per criterion and candidate shape,
    /// each two logarithms per held-out lead; on one thread they were 5 s of `train` at 5 000 000 leads
    /// (issue 21). The chunks are fixed, so the bits do not depend on the number of cores; up to one chunk
    /// of leads it is the plain sum in lead order.
    static func pairedDifference(rows: Int, _ difference: @Sendable (Int) -> Double) -> PairedDifference {
        let chunks = Swift.max(1, (rows + pairedChunkRows - 1) / pairedChunkRows)
        var sums = [Double](repeating: 0, count: 2 * chunks)
        sums.withUnsafeMutableBufferPointer { buffer in
            let output = SharedPointer(buffer.baseAddress!)
            concurrentForEach(chunks, threads: availableCores) { chunk in
                var sum = 0.0, squares = 0.0
                for row in (chunk * pairedChunkRows)..<Swift.min(rows, (chunk + 1) * pairedChunkRows) {
                    let d = difference(row)
                    sum += d
                    squares += d * d
                }
                output.pointer[2 * chunk] = sum
                output.pointer[2 * chunk + 1] = squares
            }
        }
        var sum = 0.0, squares = 0.0
        for chunk in 0..<chunks {
            sum += sums[2 * chunk]
            squares += sums[2 * chunk + 1]
        }
        return PairedDifference(sum: sum, sumSquares: squares, count: rows)
    }
}

/// The mean of per-lead differences and its standard error: a paired test on the same held-out leads
/// (criterion selection here; time-aware training's history choice in CardTraining).
package struct PairedDifference {
    package var mean: Double
    package var standardError: Double

    package init(sum: Double, sumSquares: Double, count: Int) {
        let n = Double(Swift.max(count, 1))
        mean = sum / n
        let variance = Swift.max(0, sumSquares / n - mean * mean) * n / Swift.max(n - 1, 1)
        standardError = (variance / n).squareRoot()
    }

    /// `mean / standardError` (0 when both are 0).
    package var zScore: Double {
        standardError > 0 ? mean / standardError : (mean > 0 ? .infinity : mean < 0 ? -.infinity : 0)
    }
}

/// The one-sided upper tail probability of the standard normal, `P(Z ≥ z)`.
func normalUpperTail(_ z: Double) -> Double {
    0.5 * erfc(z / 2.0.squareRoot())
}
