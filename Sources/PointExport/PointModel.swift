import LeadData
import ModelCore
import ScoreCardFormat

/// One condition of a criterion with its integer points, and the log-odds it was rounded from.
public struct PointedPiece: Sendable, Equatable, Codable {
    /// Which values of the feature the piece covers.
    public var condition: PieceCondition
    /// Integer points those values give.
    public var points: Int
    /// The learned log-odds after the criterion's shift (for reports; the card keeps only points).
    public var shiftedLogOdds: Double
    /// For an `otherwise` condition: the categories (and `"missing"` stands for a missing value) that
    /// scored the same and were folded into it, so its label can name them.
    public var foldedCategories: [String]? = nil
}

/// A criterion: one feature's conditions with points.
public struct PointedShape: Sendable, Equatable, Codable {
    /// The data column, which becomes the criterion's feature.
    public var feature: String
    /// How the column is read, which becomes the criterion's type.
    public var role: ColumnRole
    /// The conditions and their integer points.
    public var pieces: [PointedPiece]
    /// The model's log-odds that this criterion scores 0 points: its weakest condition, or with negative
    /// points allowed its most common one.
    public var zeroLogOdds: Double

    /// The fewest points the criterion gives.
    public var minimumPoints: Int { pieces.map(\.points).min() ?? 0 }
    /// The most points the criterion gives.
    public var maximumPoints: Int { pieces.map(\.points).max() ?? 0 }

    /// The `FeatureShape` with the points as values, so the same piece lookup serves points and log-odds.
    var pointShape: FeatureShape {
        FeatureShape(feature: feature, role: role, pieces: pieces.map { ShapePiece($0.condition, logOdds: Double($0.points)) })
    }
}

/// An additive model in integer points: `total = basePoints + Σ criteria points`.
public struct PointModel: Sendable, Equatable, Codable {
    /// Points every lead starts with.
    public var basePoints: Int
    /// One rounded shape per criterion.
    public var shapes: [PointedShape]
    /// The score range's top: a larger sum counts as this (the card's `maximumPoints`).
    public var maximum: Int
    /// Features of the model that became no criterion (no effect, or cut by `maxCriteria`).
    public var droppedFeatures: [String]
    /// Points per unit of log-odds before the ±1 rounding moves: how another model of the same features
    /// is put on this card's scale (`criterionPoints(of:on:)`).
    public var pointsPerLogOdds: Double

    /// Every total some lead can reach, ascending: the card's own arithmetic
    /// (`ScoreCard.reachableTotals(basePoints:choices:maximumPoints:)`), so the calibration table and tiers
    /// built from it are exactly the card's.
    public var reachableTotals: [Int] {
        ScoreCard.reachableTotals(basePoints: basePoints, choices: shapes.map { $0.pieces.map(\.points) }, maximumPoints: maximum)
    }

    /// The lowest total a lead can reach.
    public var minimumTotal: Int { reachableTotals.first ?? basePoints }
    /// The highest total a lead can reach.
    public var maximumTotal: Int { reachableTotals.last ?? basePoints }

    /// The total points of every row of `dataset`; fields the dataset lacks count as missing.
    /// One criterion at a time, so that only one criterion's points per lead exist at once.
    public func totals(_ dataset: Dataset) -> [Int] {
        var sums = [Int](repeating: basePoints, count: dataset.rowCount)
        for shape in shapes {
            let points = shape.pieces.map(\.points)
            let pieces = shape.pointShape.pieceIndices(dataset.column(named: shape.feature), rowCount: dataset.rowCount)
            for row in sums.indices where pieces[row] >= 0 { sums[row] += points[Int(pieces[row])] }
        }
        return withinScoreRange(sums)
    }

    /// Each criterion's points for every row of `dataset` (in `shapes` order). `Int32`, not `Int`: these
    /// tables are criteria × held-out leads, the largest thing the card's export holds.
    public func criterionPoints(_ dataset: Dataset) -> [[Int32]] {
        shapes.map { shape in
            shape.pointShape.pieceIndices(dataset.column(named: shape.feature), rowCount: dataset.rowCount)
                .map { $0 >= 0 ? Int32(shape.pieces[Int($0)].points) : 0 }
        }
    }

    /// Each criterion's points for every row of `dataset` when `model` — another fit of the same features,
    /// centred as this card's model was — is put on this card's scale: its log-odds above the criterion's
    /// zero, times `pointsPerLogOdds`, rounded and held to the criterion's range. A feature `model` lacks
    /// adds log-odds 0 (the average lead's).
    public func criterionPoints(of model: AdditiveModel, on dataset: Dataset) -> [[Int32]] {
        shapes.map { shape in
            let other = model.shapes.first { $0.feature == shape.feature }
            let indices = other?.pieceIndices(dataset.column(named: shape.feature), rowCount: dataset.rowCount)
                ?? [Int32](repeating: -1, count: dataset.rowCount)
            let (low, high) = (shape.minimumPoints, shape.maximumPoints)
            return indices.map { index in
                let logOdds = index >= 0 ? other!.pieces[Int(index)].logOdds : 0
                return Int32(Swift.min(high, Swift.max(low, Int(((logOdds - shape.zeroLogOdds) * pointsPerLogOdds).rounded()))))
            }
        }
    }

    /// As `criterionPoints(of:on:)`, but on the card's own conditions: `model`'s log-odds are first averaged
    /// over the `train` leads of each of the card's conditions, so merged conditions, moved cut points and
    /// sentinel conditions score held-out leads as the card does, with the other model's values. A
    /// condition no training lead falls in keeps the card's own points.
    public func criterionPoints(of model: AdditiveModel, on dataset: Dataset, averagedOver train: Dataset) -> [[Int32]] {
        shapes.map { shape in
            let cardPieces = shape.pointShape.pieceIndices(train.column(named: shape.feature), rowCount: train.rowCount)
            var sums = [Double](repeating: 0, count: shape.pieces.count), counts = sums
            if let other = model.shapes.first(where: { $0.feature == shape.feature }) {
                let otherPieces = other.pieceIndices(train.column(named: shape.feature), rowCount: train.rowCount)
                for row in 0..<train.rowCount where cardPieces[row] >= 0 {
                    let piece = Int(cardPieces[row])
                    sums[piece] += otherPieces[row] >= 0 ? other.pieces[Int(otherPieces[row])].logOdds : 0
                    counts[piece] += 1
                }
            } else {
                for row in 0..<train.rowCount where cardPieces[row] >= 0 { counts[Int(cardPieces[row])] += 1 }
            }
            let (low, high) = (shape.minimumPoints, shape.maximumPoints)
            let points = shape.pieces.indices.map { piece in
                counts[piece] > 0
                    ? Swift.min(high, Swift.max(low, Int(((sums[piece] / counts[piece] - shape.zeroLogOdds) * pointsPerLogOdds).rounded())))
                    : shape.pieces[piece].points
            }
            return shape.pointShape.pieceIndices(dataset.column(named: shape.feature), rowCount: dataset.rowCount)
                .map { $0 >= 0 ? Int32(points[Int($0)]) : 0 }
        }
    }

    /// Base points plus each criterion's, within `0…maximum` as the card's scorer keeps them.
    func totals(criterionPoints: [[Int32]], rowCount: Int) -> [Int] {
        withinScoreRange(sums(criterionPoints: criterionPoints, rowCount: rowCount))
    }

    /// Sums held to `0…maximum`, as the card's scorer keeps totals.
    private func withinScoreRange(_ sums: [Int]) -> [Int] {
        sums.map { Swift.min(Swift.max($0, 0), maximum) }
    }

    func sums(criterionPoints: [[Int32]], rowCount: Int) -> [Int] {
        var sums = [Int](repeating: basePoints, count: rowCount)
        for points in criterionPoints {
            for row in sums.indices { sums[row] += Int(points[row]) }
        }
        return sums
    }
}
