/// Scores, outcomes and weights after validation: the one place every metric checks its input, so all of
/// them reject the same bad data with the same message.
struct WeightedRows {
    let scores: [Double]
    let outcomes: [UInt8]
    /// `nil` means every row weighs 1; stored as given so the unweighted path needs no array of ones.
    let weights: [Double]?
    /// Total weight of converted rows and of lost rows.
    let positiveWeight: Double
    let negativeWeight: Double
    /// Rows with weight > 0 in each class (what `singleClass` reports).
    let positiveRows: Int
    let negativeRows: Int

    /// - Parameter probabilities: also require every score to lie in [0, 1].
    init(scores: [Double], outcomes: [UInt8], weights: [Double]?, probabilities: Bool = false) throws(EvaluationError) {
        guard !scores.isEmpty else { throw .emptyInput }
        guard outcomes.count == scores.count else {
            throw .lengthMismatch(name: "outcomes", expected: scores.count, actual: outcomes.count)
        }
        if let weights, weights.count != scores.count {
            throw .lengthMismatch(name: "weights", expected: scores.count, actual: weights.count)
        }
        var positiveWeight = 0.0, negativeWeight = 0.0, positiveRows = 0, negativeRows = 0
        for i in scores.indices {
            let y = outcomes[i]
            guard y <= 1 else { throw .invalidOutcome(index: i, value: y) }
            let s = scores[i]
            guard s.isFinite else { throw .nonFiniteScore(index: i) }
            if probabilities, !(0...1).contains(s) { throw .probabilityOutOfRange(index: i, value: s) }
            let w = weights?[i] ?? 1
            guard w.isFinite, w >= 0 else { throw .invalidWeight(index: i, value: w) }
            guard w > 0 else { continue }
            if y == 1 {
                positiveWeight += w
                positiveRows += 1
            } else {
                negativeWeight += w
                negativeRows += 1
            }
        }
        guard positiveWeight + negativeWeight > 0 else { throw .zeroTotalWeight }
        self.scores = scores
        self.outcomes = outcomes
        self.weights = weights
        self.positiveWeight = positiveWeight
        self.negativeWeight = negativeWeight
        self.positiveRows = positiveRows
        self.negativeRows = negativeRows
    }

    var count: Int { scores.count }
    var totalWeight: Double { positiveWeight + negativeWeight }

    @inline(__always) func weight(_ i: Int) -> Double { weights?[i] ?? 1 }

    /// Ranking metrics compare converted with lost rows, so both must carry weight.
    func requireBothClasses() throws(EvaluationError) {
        guard positiveWeight > 0, negativeWeight > 0 else {
            throw .singleClass(positives: positiveRows, negatives: negativeRows)
        }
    }

    func requireConversions() throws(EvaluationError) {
        guard positiveWeight > 0 else { throw .noConversions }
    }

    /// Rows with equal scores merged into one group, highest score first; zero-weight rows are left out
    /// (as scikit-learn drops them from its curves). Sorting makes every ranking metric O(n log n), and
    /// treating a tie group as one step is what gives tied rows half credit in AUC.
    func tieGroupsDescending() -> [TieGroup] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var groups: [TieGroup] = []
        for i in order {
            let w = weight(i)
            guard w > 0 else { continue }
            let positive = outcomes[i] == 1 ? w : 0
            if let last = groups.indices.last, groups[last].score == scores[i] {
                groups[last].weight += w
                groups[last].positiveWeight += positive
            } else {
                groups.append(TieGroup(score: scores[i], weight: w, positiveWeight: positive))
            }
        }
        return groups
    }
}

/// All rows sharing one score value.
struct TieGroup {
    var score: Double
    var weight: Double
    var positiveWeight: Double
    var negativeWeight: Double { weight - positiveWeight }
}
