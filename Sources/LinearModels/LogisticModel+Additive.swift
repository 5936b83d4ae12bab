import FeatureEncoding
import LeadData
import ModelCore

/// Why a fitted model cannot be shown as a step function per feature.
public enum LogisticModelError: Error, Equatable, CustomStringConvertible {
    /// These numeric features enter the model linearly, which no finite set of score-card ranges reproduces.
    case linearNumerics([String])

    public var description: String {
        switch self {
        case .linearNumerics(let features):
            return "numeric features \(features.map { "'\($0)'" }.joined(separator: ", ")) enter the model linearly, so a score card of ranges cannot reproduce it; refit with encoding numericEncoding: .binned(maxBins:) for an exact card"
        }
    }
}

extension LogisticModel {
    /// The model as an intercept plus one step function per feature, equal to `logOdds` on every row.
    ///
    /// Exact whenever no numeric feature is linear: categorical and binned numeric features are one-hot or
    /// steps (one piece per bin, equal neighbours merged by `FeatureBins.shape`), booleans are two intervals and
    /// a missing piece. A linear numeric feature has no exact step form, so this throws
    /// `LogisticModelError.linearNumerics` rather than return an approximation the card would present as
    /// the model; fit with `numericEncoding: .binned(maxBins:)` for a card.
    public func additiveModel() throws -> AdditiveModel {
        let linear = encoder.features.filter { feature in
            if case .linear = feature.kind { return feature.terms.contains { $0.kind == .value } }
            return false
        }
        guard linear.isEmpty else { throw LogisticModelError.linearNumerics(linear.map(\.name)) }
        // Every column left is an indicator or a boolean (centre 0, scale 1): raw and design weights agree.
        var weights = coefficients[...]
        var shapes: [FeatureShape] = []
        for feature in encoder.features {
            let own = Array(weights.prefix(feature.terms.count))
            weights = weights.dropFirst(feature.terms.count)
            shapes.append(feature.shape(weights: own))
        }
        return AdditiveModel(intercept: intercept, shapes: shapes)
    }
}

extension EncodedFeature {
    /// The step function these weights (one per term, on indicator or 0/1 columns) add to the log-odds.
    func shape(weights: [Double]) -> FeatureShape {
        let missing = terms.firstIndex { $0.kind == .missing }.map { weights[$0] } ?? 0
        switch kind {
        case .oneHot(let bins, let binOfColumn):
            var perBin = [Double](repeating: 0, count: bins.binCount)
            for (weight, bin) in zip(weights, binOfColumn) { perBin[bin] = weight }
            return bins.shape(logOddsPerBin: perBin)
        case .steps(let bins, let stepBins, _):
            // A value bin adds every step at or below it; bins without training rows continue the one below.
            var perBin = [Double](repeating: 0, count: bins.binCount)
            var level = 0.0, next = 0
            for bin in 0..<bins.valueBinCount {
                while next < stepBins.count, stepBins[next] <= bin {
                    level += weights[next]
                    next += 1
                }
                perBin[bin] = level
            }
            perBin[bins.missingBin] = missing
            return bins.shape(logOddsPerBin: perBin)
        case .boolean:
            let value = terms.firstIndex { $0.kind == .value }.map { weights[$0] } ?? 0
            return FeatureShape(feature: name, role: role, pieces: [
                ShapePiece(.interval(lower: -.infinity, upper: 0.5), logOdds: 0),
                ShapePiece(.interval(lower: 0.5, upper: .infinity), logOdds: value),
                ShapePiece(.missing, logOdds: missing),
            ])
        case .linear:
            // Only a numeric with one value and some missing ones gets here: its value adds nothing.
            return FeatureShape(feature: name, role: role, pieces: [
                ShapePiece(.interval(lower: -.infinity, upper: .infinity), logOdds: 0),
                ShapePiece(.missing, logOdds: missing),
            ])
        }
    }
}
