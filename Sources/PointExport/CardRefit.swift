import Evaluation
import ScoreCardFormat

/// Training's own calibration, tier and tier-history rules, opened to card operations that refit them
/// on an existing card's totals (`leadscore recalibrate`), so there is one implementation of each.
extension TotalsCalibrationMethod {
    /// A probability for every reachable total, fitted on `totals` and their outcomes (as training does
    /// on held-out totals).
    public func refit(totals: [Int], labels: [UInt8], reachable: [Int]) throws(PointExportError) -> Calibration {
        try calibration(totals: totals, labels: labels, reachable: reachable)
    }
}

extension TierRule {
    /// The tiers the rule creates above the catch-all, highest first.
    public var tierSpecs: [TierSpec] { specs }

    /// Thresholds (descending) for the tiers above the catch-all, chosen on `totals` as training does.
    public func refitThresholds(totals: [Int], reachable: [Int], probability: (Int) -> Double) throws(PointExportError) -> [Int] {
        try thresholds(totals: totals, reachable: reachable, probability: probability)
    }
}

extension CardExport {
    /// Each tier's record (leads, conversions, shares, Wilson interval) on labelled totals, for tiers
    /// starting at `minimums` (descending), as the card states it.
    public static func tierRecords(totals: [Int], labels: [UInt8], minimums: [Int], names: [String]) throws -> [TierHistory] {
        try CardExport().tierHistory(totals: totals, labels: labels, minimums: minimums, names: names)
    }
}
