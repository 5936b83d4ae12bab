import ArgumentParser
import CardTraining
import Foundation
import PointExport

/// Which trainer `train` runs.
enum ModelKind: String, ExpressibleByArgument, CaseIterable {
    case logistic, stumps, auto

    var choice: TrainingOptions.Model { TrainingOptions.Model(rawValue: rawValue)! }
}

/// `train --history`: which leads before test a time-aware card learns from.
enum HistoryKind: String, ExpressibleByArgument, CaseIterable {
    case all, recent, auto

    var choice: TrainingOptions.History { TrainingOptions.History(rawValue: rawValue)! }
}

/// How `train` splits rows: `random` (stratified by outcome) or `time:COLUMN` (oldest rows train).
struct SplitChoice: ExpressibleByArgument {
    var choice: TrainingOptions.Split
    var text: String

    init?(argument: String) {
        text = argument
        if argument == "random" {
            choice = .random
        } else if argument.hasPrefix("time:"), argument.count > 5 {
            choice = .timeOrdered(column: String(argument.dropFirst(5)))
        } else {
            return nil
        }
    }

    var defaultValueDescription: String { text }
}

/// `--tiers hot:75,warm:40` (points) and `--tiers-by capacity:10%,30%` or `--tiers-by rate:50%,20%`.
struct TierOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Tier thresholds in points, highest first; a last tier 'cold' takes the rest.", valueName: "name:points,…"))
    var tiers: String?

    @Option(name: .customLong("tiers-by"), help: ArgumentHelp(
        "Choose thresholds from history instead: capacity:20%,30% (share of leads per tier from the top) or rate:40%,15% (conversion rate a tier must reach).",
        valueName: "rule"))
    var tiersBy: String?

    static let standardNames = ["hot", "warm", "lukewarm", "cool"]
    static let standardActions = ["route to sales", "nurture", "nurture", "nurture"]

    func validate() throws { _ = try rule() }

    func rule() throws -> TierRule {
        if tiers != nil, tiersBy != nil { throw ValidationError("give --tiers or --tiers-by, not both") }
        if let tiers {
            return .fixed(try tiers.split(separator: ",").enumerated().map { index, item in
                let parts = item.split(separator: ":")
                guard parts.count == 2, let points = Int(parts[1]) else {
                    throw ValidationError("--tiers takes name:points pairs such as hot:75,warm:40, not '\(item)'")
                }
                return TierSpec(name: String(parts[0]), action: Self.standardActions[safe: index], value: Double(points))
            })
        }
        guard let tiersBy else { return .standard }
        let parts = tiersBy.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { throw ValidationError("--tiers-by takes capacity:20%,30% or rate:40%,15%") }
        let shares = try parts[1].split(separator: ",").map { text -> Double in
            guard let value = Double(text.trimmingCharacters(in: CharacterSet(charactersIn: "% "))), value > 0, value < 100 else {
                throw ValidationError("--tiers-by: '\(text)' is not a percentage between 0 and 100")
            }
            return value / 100
        }
        let specs = shares.enumerated().map { index, share in
            TierSpec(name: Self.standardNames[safe: index] ?? "tier \(index + 1)", action: Self.standardActions[safe: index], value: share)
        }
        switch parts[0] {
        case "capacity": return .capacity(specs)
        case "rate": return .conversionRate(specs)
        default: throw ValidationError("--tiers-by: unknown rule '\(parts[0])'; use capacity or rate")
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
