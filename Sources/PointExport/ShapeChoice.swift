import Foundation
import LeadData
import ModelCore

/// The shape a numeric criterion's points follow along its values.
public enum CriterionShape: String, Sendable, Equatable, Codable, CaseIterable {
    /// Points only rise with the value.
    case increasing
    /// Points only fall as the value grows.
    case decreasing
    /// Points rise to one peak, then fall.
    case peaked
    /// Points fall to one low, then rise.
    case valley
    /// As learned, unconstrained.
    case free

    /// How many turns the shape may take: simpler shapes are preferred when they fit as well.
    var complexity: Int {
        switch self {
        case .increasing, .decreasing: return 0
        case .peaked, .valley: return 1
        case .free: return 2
        }
    }
}

/// Chooses each numeric criterion's shape on held-out leads.
///
/// Every candidate (increasing, decreasing, peaked, valley, free) is the weighted least-squares
/// projection of the learned step function onto that family (pool-adjacent-violators; a peak or valley
/// is the best increasing-then-decreasing split), weighted by training leads per condition — the same
/// families optbinning's `monotonic_trend="auto"` picks among. Each fold model's shape is projected the
/// same way and the held-out leads score it (`OutOfFoldContributions`); the simplest family whose
/// held-out log loss is not measurably worse than the free shape's — its mean excess per lead no more
/// than `1.645` standard errors (a one-sided 5 % test) plus `tolerance` — is kept. Missing values,
/// `otherwise` and sentinel conditions stand outside the order and are left as learned.
struct ShapeChoice {
    /// Held-out log loss per lead a simpler shape may cost and still count as "as good" (nats).
    var tolerance: Double = 1e-5

    /// The shape to use for `feature`, and the reshaping that applies it to a shape (the card's or a fold model's).
    func choose(_ feature: String, heldOut: OutOfFoldContributions, weights: (FeatureShape) -> [Double],
                ordered: (FeatureShape) -> [Int]) -> CriterionShape {
        let candidates: [CriterionShape] = [.increasing, .decreasing, .peaked, .valley]
        var passing: [(shape: CriterionShape, mean: Double)] = []
        for candidate in candidates {
            let values = heldOut.contributions(of: feature) { $0.projected(candidate, weights: weights($0), order: ordered($0)) }
            let change = heldOut.lossChange(feature, to: values)
            if change.mean <= 1.645 * change.standardError + tolerance { passing.append((candidate, change.mean)) }
        }
        let best = passing.min { ($0.shape.complexity, $0.mean) < ($1.shape.complexity, $1.mean) }
        return best?.shape ?? .free
    }
}

extension FeatureShape {
    /// The pieces that are ordered intervals, ascending, leaving out any piece in `excluded`.
    func orderedIntervalPieces(excluding excluded: Set<Int> = []) -> [Int] {
        pieces.indices.filter { index in
            if excluded.contains(index) { return false }
            if case .interval = pieces[index].condition { return true }
            return false
        }.sorted { lhs, rhs in
            guard case .interval(let a, _) = pieces[lhs].condition, case .interval(let b, _) = pieces[rhs].condition else { return lhs < rhs }
            return a < b
        }
    }

    /// The shape with the log-odds of the pieces at `order` (ascending values) replaced by their weighted
    /// least-squares projection onto `kind`; other pieces unchanged.
    func projected(_ kind: CriterionShape, weights: [Double], order: [Int]) -> FeatureShape {
        guard order.count > 2 || (order.count == 2 && kind != .free) else { return self }
        let y = order.map { pieces[$0].logOdds }
        let w = order.map { Swift.max(weights[$0], 1e-9) }
        let fitted: [Double]
        switch kind {
        case .increasing: fitted = isotonicFit(y, w)
        case .decreasing: fitted = isotonicFit(y.map { -$0 }, w).map { -$0 }
        case .peaked: fitted = unimodalFit(y, w)
        case .valley: fitted = unimodalFit(y.map { -$0 }, w).map { -$0 }
        case .free: fitted = y
        }
        var copy = self
        for (position, index) in order.enumerated() { copy.pieces[index].logOdds = fitted[position] }
        return copy
    }

    /// The same shape with neighbouring ordered intervals of equal log-odds merged into one interval.
    func mergingEqualIntervals() -> FeatureShape {
        var merged: [ShapePiece] = []
        for piece in pieces {
            if case .interval(let lower, let upper) = piece.condition, let last = merged.last,
               case .interval(let previousLower, let previousUpper) = last.condition, previousUpper == lower,
               abs(last.logOdds - piece.logOdds) <= 1e-12 {
                merged[merged.count - 1].condition = .interval(lower: previousLower, upper: upper)
            } else {
                merged.append(piece)
            }
        }
        var copy = self
        copy.pieces = merged
        return copy
    }
}

/// Weighted least-squares non-decreasing fit (pool adjacent violators).
func isotonicFit(_ y: [Double], _ w: [Double]) -> [Double] {
    var blocks: [(value: Double, weight: Double, count: Int)] = []
    for (value, weight) in zip(y, w) {
        blocks.append((value, weight, 1))
        while blocks.count > 1, blocks[blocks.count - 2].value > blocks[blocks.count - 1].value {
            let last = blocks.removeLast(), previous = blocks.removeLast()
            let weight = last.weight + previous.weight
            blocks.append(((last.value * last.weight + previous.value * previous.weight) / weight, weight, last.count + previous.count))
        }
    }
    return blocks.flatMap { [Double](repeating: $0.value, count: $0.count) }
}

/// Weighted least-squares fit that rises then falls: the best split into an isotonic left part and an
/// antitonic right part.
func unimodalFit(_ y: [Double], _ w: [Double]) -> [Double] {
    var best: (error: Double, fit: [Double])?
    for split in 0...y.count {
        let left = isotonicFit(Array(y[..<split]), Array(w[..<split]))
        let right = isotonicFit(y[split...].map { -$0 }, Array(w[split...])).map { -$0 }
        let fit = left + right
        let error = zip(zip(fit, y), w).reduce(0) { $0 + $1.1 * ($1.0.0 - $1.0.1) * ($1.0.0 - $1.0.1) }
        if error < (best?.error ?? .infinity) - 1e-15 { best = (error, fit) }
    }
    return best?.fit ?? y
}
