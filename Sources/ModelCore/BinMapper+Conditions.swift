import FeatureEncoding

/// Bins read back as the readable conditions of a score card. Both trainers learn one value per bin
/// (boosted stumps by collapsing the ensemble, logistic regression on binned numerics as a coefficient
/// per bin); this is where those values become `FeatureShape`s, so the two cannot drift apart.
extension FeatureBins {
    /// The fewest conditions that together cover exactly `bins`: contiguous numeric bins become one
    /// interval, categorical level bins one category set, and the missing and "other" bins `.missing`
    /// and `.otherwise`. Order: intervals ascending, categories, missing, otherwise.
    public func conditions(coveringBins bins: [Int]) -> [PieceCondition] {
        let sorted = Set(bins).sorted()
        let valueBins = sorted.filter { $0 < missingBin && $0 != otherBin }
        var conditions: [PieceCondition] = []
        switch kind {
        case .numeric:
            var runStart = 0
            for position in valueBins.indices where position + 1 == valueBins.count || valueBins[position + 1] != valueBins[position] + 1 {
                conditions.append(interval(from: valueBins[runStart], through: valueBins[position]))
                runStart = position + 1
            }
        case .categorical(let levels, _):
            if !valueBins.isEmpty { conditions.append(.categories(valueBins.map { levels[$0] })) }
        }
        if sorted.last == missingBin { conditions.append(.missing) }
        if let otherBin, sorted.contains(otherBin) { conditions.append(.otherwise) }
        return conditions
    }

    /// The step function that adds `logOddsPerBin[bin]` to a row in `bin`, with equal neighbours merged:
    /// adjacent numeric bins of exactly equal log-odds form one interval, categorical levels of exactly
    /// equal log-odds one category set (a stump that sends a set of levels one way leaves them equal).
    /// Exact equality only, so evaluating the shape reproduces the per-bin values bit for bit.
    public func shape(logOddsPerBin values: [Double]) -> FeatureShape {
        precondition(values.count == binCount, "'\(name)' has \(binCount) bins, got \(values.count) values")
        var groups: [[Int]] = []
        switch kind {
        case .numeric:
            for bin in 0..<valueBinCount {
                if bin > 0, values[bin] == values[bin - 1] { groups[groups.count - 1].append(bin) } else { groups.append([bin]) }
            }
        case .categorical(let levels, _):
            for bin in levels.indices {
                if let group = groups.firstIndex(where: { values[$0[0]] == values[bin] }) {
                    groups[group].append(bin)
                } else {
                    groups.append([bin])
                }
            }
        }
        groups.append([missingBin])
        if let otherBin { groups.append([otherBin]) }
        let pieces = groups.flatMap { group in
            conditions(coveringBins: group).map { ShapePiece($0, logOdds: values[group[0]]) }
        }
        return FeatureShape(feature: name, role: role, pieces: pieces)
    }

    /// The interval of numeric value bins `first...last`.
    private func interval(from first: Int, through last: Int) -> PieceCondition {
        guard case .interval(let lower, _) = content(ofBin: first), case .interval(_, let upper) = content(ofBin: last) else {
            preconditionFailure("value bins of a numeric feature are intervals")
        }
        return .interval(lower: lower, upper: upper)
    }
}
