import Foundation
import LeadData
import LeadDatabase
import ModelCore

/// The passes of in-database training. Each pass sends the model so far as SQL and gets back every
/// feature's gradient and Hessian sums per bin (and the validation loss); every feature's shape then moves
/// by its own Newton step (penalised: `G / (H + binPenalty)`, centred), Newton's step along the sum of
/// those moves comes from a second query, and `shrinkage` of it is taken. Updating every feature at once
/// is what keeps the queries few: a pass costs two scans whatever the number of features.
struct PassBooster {
    let options: InDatabaseOptions
    let features: [PlannedFeature]
    let queries: TrainingQueries
    let bins: [String]

    /// The kept model (lowest validation loss) and the validation loss before each pass's update.
    struct Fit {
        var intercept: Double
        var values: [[Double]]
        /// Training rows per bin (to leave out a missing piece no training lead has).
        var trainingCounts: [[Int]]
        var validationLoss: [Double]
        var keptPass: Int

        /// The average of fold models (bin by bin): the card's model under cross-fitting, as in-memory
        /// training averages its fold models (`StumpFolds`).
        static func average(_ fits: [Fit]) -> Fit {
            guard var average = fits.first, fits.count > 1 else { return fits[0] }
            let share = 1 / Double(fits.count)
            average.intercept = fits.reduce(0) { $0 + $1.intercept } * share
            for feature in average.values.indices {
                for bin in average.values[feature].indices {
                    average.values[feature][bin] = fits.reduce(0) { $0 + $1.values[feature][bin] } * share
                }
            }
            return average
        }

        /// The additive model the card is rounded from: one piece per bin.
        func model(features: [PlannedFeature]) -> AdditiveModel {
            var shapes: [FeatureShape] = []
            for (index, feature) in features.enumerated() {
                var pieces: [ShapePiece] = []
                let values = self.values[index], counts = trainingCounts[index]
                switch feature.bins {
                case .numeric(let edges, _, _):
                    let bounds = [-Double.infinity] + edges + [.infinity]
                    for bin in 0...edges.count { pieces.append(ShapePiece(.interval(lower: bounds[bin], upper: bounds[bin + 1]), logOdds: values[bin])) }
                case .boolean:
                    pieces.append(ShapePiece(.interval(lower: -.infinity, upper: 0.5), logOdds: values[0]))
                    pieces.append(ShapePiece(.interval(lower: 0.5, upper: .infinity), logOdds: values[1]))
                case .categorical(let levels):
                    for (bin, level) in levels.enumerated() { pieces.append(ShapePiece(.categories([level]), logOdds: values[bin])) }
                    pieces.append(ShapePiece(.otherwise, logOdds: values[levels.count]))
                }
                // A card covers missing values even where training had none: such a lead then scores as
                // the average training lead (the bin never moved, and centring put it at the mean).
                _ = counts
                pieces.append(ShapePiece(.missing, logOdds: values[feature.missingBin]))
                shapes.append(FeatureShape(feature: feature.name, role: feature.role, pieces: pieces))
            }
            return AdditiveModel(intercept: intercept, shapes: shapes)
        }
    }

    /// One model's state during the passes.
    private struct Member {
        var intercept: Double
        var values: [[Double]]
        var best: Fit
        var bestLoss = Double.infinity
        var stale = 0
        var stopped = false
    }

    /// Fits `queries.models` models at once (one per fold, or one on a validation split), each from the
    /// log-odds of its training rows (`intercepts`), each stopped at its own lowest validation loss.
    func fit(session: AggregateSession, intercepts: [Double], progress: (@Sendable (String) -> Void)?) throws -> [Fit] {
        let empty = features.map { [Double](repeating: 0, count: $0.binCount) }
        var members = intercepts.map { intercept in
            Member(intercept: intercept, values: empty,
                   best: Fit(intercept: intercept, values: empty, trainingCounts: features.map { [Int](repeating: 0, count: $0.binCount) },
                             validationLoss: [], keptPass: 0))
        }
        for pass in 0..<options.maximumPasses {
            let margins = members.map { additiveSQL(intercept: $0.intercept, values: $0.values) }
            var gradient = members.map { _ in empty }, hessian = gradient
            var counts = members.map { _ in features.map { [Int](repeating: 0, count: $0.binCount) } }
            var loss = members.map { _ in 0.0 }, validationRows = members.map { _ in 0 }
            for row in try session.rows(queries.histograms(bins: bins, margins: margins), doing: "pass \(pass + 1): gradient histograms") {
                guard let feature = row[0].flatMap({ Int($0) }), row.count == 2 + 5 * members.count else { continue }
                for model in members.indices {
                    let at = 2 + 5 * model
                    if feature < 0 {
                        loss[model] = Double(row[at + 3] ?? "0") ?? 0
                        validationRows[model] = Int(row[at + 4] ?? "0") ?? 0
                    } else if features.indices.contains(feature), let bin = row[1].flatMap({ Int($0) }), (0..<features[feature].binCount).contains(bin) {
                        gradient[model][feature][bin] = Double(row[at] ?? "0") ?? 0
                        hessian[model][feature][bin] = Double(row[at + 1] ?? "0") ?? 0
                        counts[model][feature][bin] = Int(row[at + 2] ?? "0") ?? 0
                    }
                }
            }
            var losses: [String] = []
            for model in members.indices where !members[model].stopped {
                let validation = loss[model] / Double(max(validationRows[model], 1))
                losses.append(String(format: "%.5f", validation))
                members[model].best.validationLoss.append(validation)
                if validation < members[model].bestLoss - 1e-7 {
                    (members[model].bestLoss, members[model].stale) = (validation, 0)
                    (members[model].best.intercept, members[model].best.values) = (members[model].intercept, members[model].values)
                    (members[model].best.trainingCounts, members[model].best.keptPass) = (counts[model], pass)
                } else {
                    members[model].stale += 1
                    if members[model].stale >= options.patience { members[model].stopped = true }
                }
            }
            progress?("pass \(pass + 1): validation log loss " + losses.joined(separator: ", "))
            if pass == options.maximumPasses - 1 || members.allSatisfy(\.stopped) { break }
            // Every feature's penalised Newton step, centred on the model's training rows; the intercept's own step.
            var directions: [(intercept: Double, values: [[Double]])] = []
            for model in members.indices {
                var direction = empty
                for feature in features.indices {
                    var weighted = 0.0, weight = 0.0
                    for bin in direction[feature].indices {
                        direction[feature][bin] = gradient[model][feature][bin] / (hessian[model][feature][bin] + options.binPenalty)
                        weighted += hessian[model][feature][bin] * direction[feature][bin]
                        weight += hessian[model][feature][bin]
                    }
                    if weight > 0 { for bin in direction[feature].indices { direction[feature][bin] -= weighted / weight } }
                }
                let totalHessian = features.isEmpty ? 0 : hessian[model][0].reduce(0, +)
                let interceptStep = totalHessian > 0 ? (features.isEmpty ? 0 : gradient[model][0].reduce(0, +)) / totalHessian : 0
                directions.append(members[model].stopped ? (0, empty) : (interceptStep, direction))
            }
            let search = try session.rows(queries.lineSearch(bins: bins, margins: margins,
                                                             directions: directions.map { additiveSQL(intercept: $0.intercept, values: $0.values) }),
                                          doing: "pass \(pass + 1): step sizes").first ?? []
            for model in members.indices where !members[model].stopped {
                let slope = Double(search[2 * model] ?? "0") ?? 0, curvature = Double(search[2 * model + 1] ?? "0") ?? 0
                guard curvature > 0, slope > 0 else {
                    members[model].stopped = true
                    continue
                }
                let step = options.shrinkage * slope / curvature
                members[model].intercept += step * directions[model].intercept
                for feature in features.indices {
                    for bin in members[model].values[feature].indices { members[model].values[feature][bin] += step * directions[model].values[feature][bin] }
                }
            }
            if members.allSatisfy(\.stopped) { break }
        }
        return members.map(\.best)
    }
}
