import LeadData
import ModelCore

/// One condition of a criterion with its integer points, and the log-odds it was rounded from.
public struct PointedPiece: Sendable, Equatable, Codable {
    public var condition: PieceCondition
    public var points: Int
    /// The learned log-odds after the criterion's shift (for reports; the card keeps only points).
    public var shiftedLogOdds: Double
}

/// A criterion: one feature's conditions with points.
public struct PointedShape: Sendable, Equatable, Codable {
    public var feature: String
    public var role: ColumnRole
    public var pieces: [PointedPiece]

    public var minimumPoints: Int { pieces.map(\.points).min() ?? 0 }
    public var maximumPoints: Int { pieces.map(\.points).max() ?? 0 }

    /// The `FeatureShape` with the points as values, so the same piece lookup serves points and log-odds.
    var pointShape: FeatureShape {
        FeatureShape(feature: feature, role: role, pieces: pieces.map { ShapePiece($0.condition, logOdds: Double($0.points)) })
    }
}

/// An additive model in integer points: `total = basePoints + Σ criteria points`.
public struct PointModel: Sendable, Equatable, Codable {
    public var basePoints: Int
    public var shapes: [PointedShape]
    /// Every total some lead can reach, ascending.
    public var reachableTotals: [Int]
    /// Features of the model that became no criterion (no effect, or cut by `maxCriteria`).
    public var droppedFeatures: [String]

    public var minimumTotal: Int { reachableTotals.first ?? basePoints }
    public var maximumTotal: Int { reachableTotals.last ?? basePoints }

    /// The total points of every row of `dataset`; fields the dataset lacks count as missing.
    public func totals(_ dataset: Dataset) -> [Int] {
        AdditiveModel(intercept: Double(basePoints), shapes: shapes.map(\.pointShape))
            .logOdds(dataset).map { Int($0.rounded()) }
    }

    /// All sums of one condition per criterion, plus the base points.
    static func reachable(_ shapes: [PointedShape], basePoints: Int) -> [Int] {
        var sums: Set<Int> = [basePoints]
        for shape in shapes {
            let options = Set(shape.pieces.map(\.points))
            sums = Set(sums.flatMap { sum in options.map { sum + $0 } })
        }
        return sums.sorted()
    }
}
