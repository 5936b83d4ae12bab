import LeadData

/// Which values of one feature a piece of a shape function covers. The pieces of one feature are
/// mutually exclusive and together cover every value, including missing and unseen ones.
public enum PieceCondition: Codable, Sendable, Hashable {
    /// `lower < x ≤ upper`; `-infinity` and `+infinity` stand for open ends. Boolean features use
    /// `(-∞, 0.5]` for false and `(0.5, ∞)` for true.
    case interval(lower: Double, upper: Double)
    /// A categorical value in this set (raw labels as in the data).
    case categories([String])
    /// The value is missing.
    case missing
    /// Anything no other piece covers: categories pooled as rare or never seen in training.
    case otherwise
}

/// One piece of a shape function: the condition and the log-odds it adds.
public struct ShapePiece: Codable, Sendable, Equatable {
    public var condition: PieceCondition
    public var logOdds: Double

    public init(_ condition: PieceCondition, logOdds: Double) {
        self.condition = condition
        self.logOdds = logOdds
    }
}

/// The contribution of one feature to the log-odds, as a step function over its values.
public struct FeatureShape: Codable, Sendable, Equatable {
    public var feature: String
    public var role: ColumnRole
    /// Pieces in display order: intervals ascending, then categories, then missing, then otherwise.
    public var pieces: [ShapePiece]

    public init(feature: String, role: ColumnRole, pieces: [ShapePiece]) {
        self.feature = feature
        self.role = role
        self.pieces = pieces
    }

    /// The log-odds this feature adds for a numeric (or boolean) value; NaN means missing.
    public func logOdds(numeric value: Double) -> Double {
        if value.isNaN { return piece(where: { $0 == .missing }) }
        return piece { condition in
            if case .interval(let lower, let upper) = condition { return lower < value && value <= upper }
            return false
        }
    }

    /// The log-odds this feature adds for a categorical label; `nil` means missing.
    public func logOdds(category label: String?) -> Double {
        guard let label else { return piece(where: { $0 == .missing }) }
        return piece { condition in
            if case .categories(let labels) = condition { return labels.contains(label) }
            return false
        }
    }

    /// The matching piece's log-odds, else the `otherwise` piece's, else 0 (the feature adds nothing).
    private func piece(where matches: (PieceCondition) -> Bool) -> Double {
        if let match = pieces.first(where: { matches($0.condition) }) { return match.logOdds }
        return pieces.first { $0.condition == .otherwise }?.logOdds ?? 0
    }
}

/// A model of the form `logit P(converted) = intercept + Σ_features shape_f(x_f)`.
///
/// This is what both trainers hand to the score-card export: logistic regression on binned or
/// one-hot features is already of this form, and boosted stumps collapse to it exactly.
public struct AdditiveModel: Codable, Sendable, Equatable {
    public var intercept: Double
    public var shapes: [FeatureShape]

    public init(intercept: Double, shapes: [FeatureShape]) {
        self.intercept = intercept
        self.shapes = shapes
    }

    /// Log-odds of every row of `dataset`, evaluated piece by piece (a reference path, not a fast one).
    /// Features the dataset lacks count as missing.
    public func logOdds(_ dataset: Dataset) -> [Double] {
        var totals = [Double](repeating: intercept, count: dataset.rowCount)
        for shape in shapes {
            guard let column = dataset.column(named: shape.feature) else {
                let missing = shape.logOdds(numeric: .nan)
                for row in totals.indices { totals[row] += missing }
                continue
            }
            switch column.values {
            case .numeric(let values), .boolean(let values), .date(let values):
                for row in totals.indices { totals[row] += shape.logOdds(numeric: values[row]) }
            case .categorical(let codes, let levels):
                let byCode = levels.map { shape.logOdds(category: $0) }
                let missing = shape.logOdds(category: nil)
                for row in totals.indices { totals[row] += codes[row] < 0 ? missing : byCode[Int(codes[row])] }
            case .none:
                let missing = shape.logOdds(numeric: .nan)
                for row in totals.indices { totals[row] += missing }
            }
        }
        return totals
    }
}
