import LeadData
import PointExport

/// How time-aware training chose the leads its model learns from (`TrainingOptions.History`).
///
/// When effects drift, a model of all history averages last year's effects with this quarter's. Learning
/// from only the newest half follows them, at the price of half the leads. The rolling-origin windows
/// judge both as they judge rounds and penalties: each window's model learns from the leads before it,
/// all of them or at most the newest half's count, and the two are compared by their pooled log loss after
/// refitting points → probability on each window (`RecentValidation`). On drifting synthetic leads
/// (`synth --drift`, seeds 1–3, LightGBM stumps trained on 18 months and tested on the next 6) the newest
/// 9 months ranked the test months at AUC +0.004 to +0.005 over all 18.
///
/// Half the leads is a cost every time and a gain only when effects moved, so the newest half must win
/// beyond noise: a one-sided paired test of the per-lead losses on the windows, z ≥ `requiredZ` (5 %).
/// Even so the windows can only see the past: on online shoppers they favoured the newest half (z 1.67)
/// and that card ranked November–December at AUC 0.679 against 0.710 from all history. So `auto` is
/// asked for, not the default (`TrainingOptions.History`; OUT-OF-TIME.md has both).
public struct HistoryChoice: Sendable, Equatable {
    /// `.all` or `.recent`: the history the card's model learned from.
    public var chosen: TrainingOptions.History
    /// Pooled recalibrated log loss of the validation windows under each candidate (`.all`, `.recent`);
    /// empty when the history was given rather than chosen.
    public var logLoss: [TrainingOptions.History: Double]
    /// Leads the card's model learned from.
    public var fittingLeads: Int
    /// Leads before test.
    public var leadsBeforeTest: Int
    /// The paired test's z: mean per-lead loss of all history minus the newest half's, over its standard
    /// error, on the validation windows' leads; `nil` when the history was given rather than chosen.
    public var zScore: Double? = nil

    /// One-sided 5 %: the z the newest half must reach to be chosen.
    public static let requiredZ = 1.645

    /// z of the paired per-lead differences `all − recent` (positive: the newest half fits better), by
    /// criterion selection's paired test (`PairedDifference`).
    static func pairedZ(all: [Double], recent: [Double]) -> Double {
        precondition(all.count == recent.count, "both histories are judged on the same leads")
        var sum = 0.0, sumSquares = 0.0
        for (a, r) in zip(all, recent) {
            sum += a - r
            sumSquares += (a - r) * (a - r)
        }
        return PairedDifference(sum: sum, sumSquares: sumSquares, count: all.count).zScore
    }

    /// Each validation lead's recalibrated loss (`RecentValidation.recalibratedLosses`, a link per window),
    /// windows in order; `nil` for held-out leads that are not windows.
    static func windowLosses(_ heldOut: HeldOutLeads) -> [Double]? {
        guard case .crossFitted(let windows) = heldOut else { return nil }
        return windows.flatMap { window in
            RecentValidation.recalibratedLosses(logOdds: window.model.logOdds(window.leads), labels: window.leads.labels ?? [])
        }
    }

    var description: String {
        let learned = chosen == .recent ? "learned from the newest \(fittingLeads) of the \(leadsBeforeTest) leads before test"
            : "learned from all \(leadsBeforeTest) leads before test"
        guard let all = logLoss[.all], let recent = logLoss[.recent], let zScore else { return learned + " (as asked)" }
        return learned + String(format: " (the windows' log loss: all %.4f, newest half %.4f, paired z %.2f; the newest half needs %.3f)",
                                all, recent, zScore, Self.requiredZ)
    }
}

extension Holdout {
    /// The share of the leads before test that `TrainingOptions.History.recent` learns from.
    static let recentHistoryShare = 0.5
}

extension CardTrainer {
    /// `holdout` (time-aware, with all `Holdout.recentWindowCount` windows) with every fit limited to the
    /// newest `Holdout.recentHistoryShare` of the leads before test: each window's model learns from at most
    /// that many of the leads before its window, the card's model from the newest that many. The validation
    /// windows stay as they are, so both histories are judged on the same leads. `nil` when there is no
    /// choice to make: no time split, fewer windows (too few leads to halve), or a part left with one class.
    func limitingHistory(_ holdout: Holdout) -> Holdout? {
        guard case .timeOrdered(let column) = options.split, case .recent(let windows, let all) = holdout,
              windows.count == Holdout.recentWindowCount else { return nil }
        let limit = Int(Double(all.rowCount) * Holdout.recentHistoryShare)
        func newest(_ leads: Dataset) -> Dataset? {
            guard leads.rowCount > limit else { return leads }
            guard let parts = try? leads.split(.timeOrdered(column: column), validationFraction: 0,
                                               testFraction: Double(limit) / Double(leads.rowCount)) else { return nil }
            let newest = leads.selecting(parts.test)
            let positives = newest.labels?.reduce(0) { $0 + Int($1) } ?? 0
            return positives > 0 && positives < newest.rowCount ? newest : nil
        }
        var limited: [RecentWindow] = []
        for window in windows {
            guard let fit = newest(window.fit) else { return nil }
            limited.append(RecentWindow(fit: fit, validation: window.validation))
        }
        guard let recentAll = newest(all) else { return nil }
        return .recent(windows: limited, all: recentAll)
    }
}
