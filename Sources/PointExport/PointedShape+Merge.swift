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

extension PointedShape {
    /// The criterion with every category condition — and the missing-value condition — that scores the
    /// same as `otherwise` folded into it: a lead with such a value scores the same, and the card is one
    /// condition shorter each time ("paid_search, unknown or any other value: 9").
    func foldingIntoOtherwise() -> PointedShape {
        guard let other = pieces.firstIndex(where: { $0.condition == .otherwise }) else { return self }
        let points = pieces[other].points
        var folded: [String] = [], missingFolded = false
        var kept: [PointedPiece] = []
        for piece in pieces {
            switch piece.condition {
            case .categories(let labels) where piece.points == points:
                // A label with a control character never reaches a card (see `criterion`): it is folded silently.
                folded += labels.filter { !Self.holdsControlCharacter($0) }
            case .missing where piece.points == points:
                missingFolded = true
            default:
                kept.append(piece)
            }
        }
        guard !folded.isEmpty || missingFolded else { return self }
        var copy = self
        copy.pieces = kept.map { piece in
            guard piece.condition == .otherwise else { return piece }
            var piece = piece
            piece.foldedCategories = folded + (missingFolded ? [Self.missingMarker] : [])
            return piece
        }
        return copy
    }

    /// Stands for a missing value among `PointedPiece.foldedCategories`; no category holds a control character.
    static let missingMarker = "\u{0}missing"
}

private extension PointedPiece {
    var isCategorySet: Bool {
        if case .categories = condition { return true }
        return false
    }
}
