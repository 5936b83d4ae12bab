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
    /// Which values of the feature the piece covers.
    public var condition: PieceCondition
    /// What those values add to the log-odds; the card's points are rounded from these.
    public var logOdds: Double

    /// A piece from its condition and log-odds.
    public init(_ condition: PieceCondition, logOdds: Double) {
        self.condition = condition
        self.logOdds = logOdds
    }
}

/// The contribution of one feature to the log-odds, as a step function over its values.
public struct FeatureShape: Codable, Sendable, Equatable {
    /// The data column the shape reads; it becomes the criterion's feature.
    public var feature: String
    /// How the column was read (numeric, categorical, boolean), which decides the criterion's type.
    public var role: ColumnRole
    /// Pieces in display order: intervals ascending, then categories, then missing, then otherwise.
    public var pieces: [ShapePiece]

    /// A shape from its feature, role and pieces.
    public init(feature: String, role: ColumnRole, pieces: [ShapePiece]) {
        self.feature = feature
        self.role = role
        self.pieces = pieces
    }

    /// The log-odds this feature adds for a numeric (or boolean) value; NaN means missing.
    public func logOdds(numeric value: Double) -> Double {
        pieceIndex(numeric: value).map { pieces[$0].logOdds } ?? 0
    }

    /// The log-odds this feature adds for a categorical label; `nil` means missing.
    public func logOdds(category label: String?) -> Double {
        pieceIndex(category: label).map { pieces[$0].logOdds } ?? 0
    }

    /// The piece covering a numeric (or boolean) value; NaN means missing. `nil` when no piece covers it
    /// (the feature then adds nothing).
    public func pieceIndex(numeric value: Double) -> Int? {
        if value.isNaN { return pieceIndex(where: { $0 == .missing }) }
        return pieceIndex { condition in
            if case .interval(let lower, let upper) = condition { return lower < value && value <= upper }
            return false
        }
    }

    /// The piece covering a categorical label; `nil` label means missing. Labels match byte for byte, as
    /// the card's scorer and SQL match them: canonically equivalent spellings are different categories.
    public func pieceIndex(category label: String?) -> Int? {
        guard let label else { return pieceIndex(where: { $0 == .missing }) }
        return pieceIndex { condition in
            if case .categories(let labels) = condition { return labels.contains { $0.utf8.elementsEqual(label.utf8) } }
            return false
        }
    }

    /// The matching piece, else the `otherwise` piece.
    private func pieceIndex(where matches: (PieceCondition) -> Bool) -> Int? {
        pieces.firstIndex { matches($0.condition) } ?? pieces.firstIndex { $0.condition == .otherwise }
    }

    /// For every row of `column`, the index of the piece covering it (`-1`: none).
    public func pieceIndices(_ column: DataColumn?, rowCount: Int) -> [Int32] {
        guard let column else { return Array(repeating: Int32(pieceIndex(numeric: .nan) ?? -1), count: rowCount) }
        switch column.values {
        case .numeric(let values), .boolean(let values), .date(let values):
            return values.mapped { Int32(pieceIndex(numeric: $0) ?? -1) }
        case .categorical(let codes, let levels):
            let byCode = levels.map { Int32(pieceIndex(category: $0) ?? -1) }
            let missing = Int32(pieceIndex(category: nil) ?? -1)
            return codes.map { $0 < 0 ? missing : byCode[Int($0)] }
        case .none:
            return Array(repeating: Int32(pieceIndex(numeric: .nan) ?? -1), count: rowCount)
        }
    }
}

/// A model of the form `logit P(converted) = intercept + Σ_features shape_f(x_f)`.
///
/// This is what both trainers hand to the score-card export: logistic regression on binned or
/// one-hot features is already of this form, and boosted stumps collapse to it exactly.
public struct AdditiveModel: Codable, Sendable, Equatable {
    /// Log-odds of a lead that every shape gives 0: the base the card's base points come from.
    public var intercept: Double
    /// One step function per feature; features the model does not use have none.
    public var shapes: [FeatureShape]

    /// A model from its intercept and one shape per feature, as the trainers build it.
    public init(intercept: Double, shapes: [FeatureShape]) {
        self.intercept = intercept
        self.shapes = shapes
    }

    /// Log-odds of every row of `dataset`, evaluated piece by piece (a reference path, not a fast one).
    /// Features the dataset lacks count as missing.
    public func logOdds(_ dataset: Dataset) -> [Double] {
        var totals = [Double](repeating: intercept, count: dataset.rowCount)
        for shape in shapes {
            let indices = shape.pieceIndices(dataset.column(named: shape.feature), rowCount: dataset.rowCount)
            for row in totals.indices where indices[row] >= 0 { totals[row] += shape.pieces[Int(indices[row])].logOdds }
        }
        return totals
    }
}

extension AdditiveModel {
    /// The same model with each shape shifted to mean 0 over the rows of `dataset` and the shifts moved
    /// into the intercept: predictions are unchanged, and two fits of the same features centred on the
    /// same rows put their zero in the same place (logistic regression leaves a reference level at 0,
    /// boosted stumps centre on their own training rows).
    public func centred(on dataset: Dataset) -> AdditiveModel {
        var centred = self
        for (index, shape) in shapes.enumerated() {
            let pieces = shape.pieceIndices(dataset.column(named: shape.feature), rowCount: dataset.rowCount)
            let sum = pieces.reduce(0) { $0 + ($1 >= 0 ? shape.pieces[Int($1)].logOdds : 0) }
            let mean = sum / Double(max(dataset.rowCount, 1))
            for piece in shape.pieces.indices { centred.shapes[index].pieces[piece].logOdds -= mean }
            centred.intercept += mean
        }
        return centred
    }
}
