import ModelCore

extension PointedShape {
    /// The same criterion with neighbouring conditions of equal points merged, so the card stays short:
    /// adjacent intervals (in ascending order) become one interval, categories of equal points one set.
    /// `missing` and `otherwise` stay separate: they read differently on a card.
    func mergingEqualNeighbours() -> PointedShape {
        var merged: [PointedPiece] = []
        for piece in pieces {
            switch piece.condition {
            case .interval(let lower, let upper):
                if let last = merged.last, last.points == piece.points,
                   case .interval(let previousLower, let previousUpper) = last.condition, previousUpper == lower {
                    merged[merged.count - 1].condition = .interval(lower: previousLower, upper: upper)
                } else {
                    merged.append(piece)
                }
            case .categories(let labels):
                if let index = merged.firstIndex(where: { $0.points == piece.points && $0.isCategorySet }),
                   case .categories(let existing) = merged[index].condition {
                    merged[index].condition = .categories(existing + labels)
                } else {
                    merged.append(piece)
                }
            case .missing, .otherwise:
                merged.append(piece)
            }
        }
        var copy = self
        copy.pieces = merged
        return copy
    }
}

private extension PointedPiece {
    var isCategorySet: Bool {
        if case .categories = condition { return true }
        return false
    }
}
