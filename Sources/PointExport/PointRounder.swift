import ProbabilityCalibration
import Foundation
import LeadMath
import LeadData
import ModelCore

/// Turns an additive log-odds model into integer points on a fixed scale.
///
/// Naive rounding of `scale × log-odds` loses ranking where many leads sit near a rounding boundary.
/// After a proportional start (the best training lead, or with `Reach.everyCombination` the best
/// combination of conditions, at the scale's maximum) the rounder moves single conditions by ±1 point
/// while that brings the card closer to the model on the training leads — coordinate-wise rounding in
/// the spirit of FasterRisk, with the extremes of each criterion held so the scale stays put.
public struct PointRounder: Sendable {
    /// The points range and limits to round to.
    public var scale: PointScale

    /// A rounder to `scale`.
    public init(scale: PointScale = PointScale()) {
        self.scale = scale
    }

    /// Rounds `model`'s log-odds to integer points so totals rank `train`'s leads as the model does, as closely as integers allow.
    public func round(_ model: AdditiveModel, on train: Dataset) throws -> PointModel {
        var criteria = model.shapes.map { Criterion(shape: $0, dataset: train, baselineAtMostCommon: scale.allowNegative) }
        let dropped = Set(criteria.filter { $0.importance <= 1e-12 }.map(\.shape.feature))
        criteria.removeAll { dropped.contains($0.shape.feature) }
        var cut: [String] = []
        if let limit = scale.maxCriteria, criteria.count > limit {
            criteria.sort { $0.importance > $1.importance }
            cut = criteria[limit...].map(\.shape.feature)
            criteria = Array(criteria[..<limit])
        }
        guard !criteria.isEmpty else { throw PointExportError.noSignal }
        criteria.sort { $0.order < $1.order }

        let span: Double
        switch scale.reach {
        case .everyCombination:
            span = criteria.reduce(0) { $0 + $1.range }
        case .trainingLeads:
            var totals = [Double](repeating: 0, count: train.rowCount)
            for criterion in criteria {
                let values = criterion.shifted.map { $0 - criterion.lowest }
                criterion.pieces.forEach { row, piece in totals[row] += values[piece] }
            }
            span = totals.max() ?? 0
        }
        guard span > 0 else { throw PointExportError.noSignal }
        let factor = Double(scale.maximum) / span
        var points = proportionalPoints(criteria, factor: factor)
        improve(&points, criteria: criteria, modelLogOdds: model.logOdds(train), rowCount: train.rowCount)

        var shapes: [PointedShape] = []
        for (criterion, values) in zip(criteria, points) {
            shapes.append(criterion.pointed(values))
        }
        let base = scale.allowNegative ? -shapes.reduce(0) { $0 + $1.minimumPoints } : 0
        return PointModel(basePoints: base, shapes: shapes.map { $0.mergingEqualNeighbours() },
                          maximum: scale.maximum,
                          droppedFeatures: model.shapes.map(\.feature).filter { dropped.contains($0) } + cut,
                          pointsPerLogOdds: factor)
    }

    /// Scales shifted log-odds by `factor` (points per unit of log-odds). Scaled to every combination,
    /// the criteria's point ranges add up to exactly `scale.maximum`.
    private func proportionalPoints(_ criteria: [Criterion], factor: Double) -> [[Int]] {
        let ideal = criteria.map { $0.range * factor }
        var ranges = ideal.map { Int($0.rounded()) }
        if scale.reach == .everyCombination {
            // Largest remainder: floor every range, hand the missing points to the largest fractions.
            ranges = ideal.map { Int($0.rounded(.down)) }
            let order = ideal.indices.sorted { (ideal[$0] - Double(ranges[$0])) > (ideal[$1] - Double(ranges[$1])) }
            for index in order.prefix(scale.maximum - ranges.reduce(0, +)) { ranges[index] += 1 }
        }
        return zip(criteria, ranges).map { criterion, range in
            criterion.shifted.map { value in
                let low = criterion.lowest
                // The strongest condition takes the whole allotted range, so the best lead reaches the maximum.
                let above = value - low >= criterion.range ? range : Swift.min(range, Swift.max(0, Int(((value - low) * factor).rounded())))
                return above + Int((low * factor).rounded())
            }
        }
    }

    /// Coordinate descent towards the model: single conditions move by ±1 point while that brings the
    /// card's log-odds `a + b·total` closer to the model's on the training rows (squared error weighted by
    /// p(1 − p), the curvature of the log loss there, so close to the KL divergence from the model), the
    /// link refitted between sweeps; each criterion's lowest and highest conditions stay fixed so the
    /// total's range is unchanged. The target is the model, not the labels: moving points to fit the
    /// training labels again overfitted them and cost test AUC on every benchmark data set (0.001–0.006).
    private func improve(_ points: inout [[Int]], criteria: [Criterion], modelLogOdds: [Double], rowCount: Int) {
        // Totals of up to a few hundred points: 32 bits a training row is plenty (issue 21's memory).
        var totals = [Int32](repeating: 0, count: rowCount)
        for (criterion, values) in zip(criteria, points) {
            criterion.pieces.forEach { row, piece in totals[row] += Int32(values[piece]) }
        }
        let weights = modelLogOdds.map { z in
            let p = logistic(z)
            return Swift.max(p * (1 - p), 1e-6)
        }
        for _ in 0..<scale.roundingSweeps {
            guard let link = LinearLink(totals: totals, target: modelLogOdds, weights: weights) else { return }
            var moved = false
            for (c, criterion) in criteria.enumerated() {
                let low = points[c].min()!, high = points[c].max()!
                let lowPiece = points[c].firstIndex(of: low)!, highPiece = points[c].firstIndex(of: high)!
                // A move of one piece changes only its own rows' totals, and the pieces of a criterion share
                // no rows: every piece's change for −1 and +1 point comes from one pass over the rows, each
                // summed in row order as a pass over the piece's own rows would.
                let count = points[c].count
                var change = [Double](repeating: 0, count: 2 * count)
                criterion.pieces.forEach { row, piece in
                    let residual = link.intercept + link.slope * Double(totals[row]) - modelLogOdds[row]
                    change[2 * piece] += weights[row] * link.slope * -1 * (2 * residual + link.slope * -1)
                    change[2 * piece + 1] += weights[row] * link.slope * 1 * (2 * residual + link.slope * 1)
                }
                var delta = [Int](repeating: 0, count: count)
                for piece in 0..<count where piece != lowPiece && piece != highPiece && criterion.rowCounts[piece] > 0 {
                    for (k, step) in [-1, 1].enumerated() where (low...high).contains(points[c][piece] + step) {
                        if change[2 * piece + k] < -1e-12 {
                            points[c][piece] += step
                            delta[piece] = step
                            moved = true
                            break
                        }
                    }
                }
                if delta.contains(where: { $0 != 0 }) { criterion.pieces.forEach { row, piece in totals[row] += Int32(delta[piece]) } }
            }
            if !moved { return }
        }
    }
}

/// The weighted least-squares line from totals to the model's log-odds.
struct LinearLink {
    let intercept: Double
    let slope: Double

    init?(totals: [Int32], target: [Double], weights: [Double]) {
        var sw = 0.0, st = 0.0, sy = 0.0
        for (t, (y, w)) in zip(totals, zip(target, weights)) {
            sw += w; st += w * Double(t); sy += w * y
        }
        let (meanT, meanY) = (st / sw, sy / sw)
        var stt = 0.0, sty = 0.0
        for (t, (y, w)) in zip(totals, zip(target, weights)) {
            stt += w * (Double(t) - meanT) * (Double(t) - meanT)
            sty += w * (Double(t) - meanT) * (y - meanY)
        }
        guard stt > 0 else { return nil }
        slope = sty / stt
        intercept = meanY - slope * meanT
    }
}

/// `−log σ(z)` for a conversion, `−log(1 − σ(z))` otherwise, without overflow.
@inline(__always)
func logLoss(_ z: Double, _ label: UInt8) -> Double {
    softplus(label == 1 ? -z : z)
}

/// One model feature prepared for rounding: which piece each training row falls in and how much the
/// feature's log-odds vary over those rows.
private struct Criterion {
    let shape: FeatureShape
    let order: Int
    /// The piece of every training row, one or two bytes a row: held for every training row and criterion
    /// at once while rounding, the peak of `train` on large files (issue 21).
    let pieces: PieceColumn
    /// Training rows per piece.
    let rowCounts: [Int]
    /// Log-odds relative to the baseline piece (the lowest one, or the most common with negatives allowed).
    let shifted: [Double]
    /// The log-odds that become 0 points.
    let baseline: Double
    let lowest: Double
    let range: Double
    /// Standard deviation of the feature's contribution over the training rows.
    let importance: Double

    init(shape: FeatureShape, dataset: Dataset, baselineAtMostCommon: Bool) {
        self.shape = shape
        order = dataset.columns.firstIndex { $0.name == shape.feature } ?? Int.max
        pieces = PieceColumn(shape.pieceIndices(dataset.column(named: shape.feature), rowCount: dataset.rowCount))
        var counts = [Int](repeating: 0, count: shape.pieces.count)
        pieces.forEach { _, piece in counts[piece] += 1 }
        rowCounts = counts
        let values = shape.pieces.map(\.logOdds)
        let mostCommon = counts.indices.max { counts[$0] < counts[$1] } ?? 0
        let zero = baselineAtMostCommon ? values[mostCommon] : (values.min() ?? 0)
        baseline = zero
        shifted = values.map { $0 - zero }
        lowest = shifted.min() ?? 0
        range = (shifted.max() ?? 0) - lowest
        let n = Double(Swift.max(1, dataset.rowCount))
        let mean = zip(values, counts).reduce(0) { $0 + $1.0 * Double($1.1) } / n
        importance = (zip(values, counts).reduce(0) { $0 + ($1.0 - mean) * ($1.0 - mean) * Double($1.1) } / n).squareRoot()
    }

    func pointed(_ points: [Int]) -> PointedShape {
        PointedShape(feature: shape.feature, role: shape.role, pieces: zip(shape.pieces, zip(points, shifted)).map { piece, values in
            PointedPiece(condition: piece.condition, points: values.0, shiftedLogOdds: values.1)
        }, zeroLogOdds: baseline)
    }
}
