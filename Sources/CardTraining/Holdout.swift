import LeadData
import ModelCore
import PointExport

/// How the leads before test serve both fitting and held-out judgement (early stopping, the penalty,
/// points → probability, tiers).
enum Holdout {
    /// Fit on `train`, judge on `validation`.
    case split(train: Dataset, validation: Dataset)
    /// Cross-fitting over `leads`: a model per fold fitted without the fold's rows and judged on them; the
    /// card's model learns from all the leads.
    case folds(leads: Dataset, heldOut: [[Int]])
    /// Time order, rolling origin: each of the newest windows before test is judged by a model fitted
    /// only on the leads older than it (`RecentWindow`, oldest window first). The windows' pooled
    /// judgement chooses rounds or the penalty, the criteria and their shapes; the newest window alone
    /// calibrates the card and sets its tiers, so they carry the latest base rate. The card's model is
    /// then refitted on `all` with what validation chose, so it also learns from the newest leads.
    case recent(windows: [RecentWindow], all: Dataset)

    /// Folds when the leads are few enough that holding a quarter out costs accuracy and refitting costs
    /// little; `recent` for time-ordered data (a fold must not learn from the future, and the newest leads
    /// judge best what the card will face); a validation split above `crossFittingRows`, where a quarter
    /// of the leads already judges precisely.
    static let foldCount = 4
    static let crossFittingRows = 200_000
    /// Rolling-origin windows of time-aware training, and the share of the leads before test in each: as
    /// many windows as cross-fitting has folds, 20 % each, so the newest 80 % is judged, each window by a
    /// model of only the leads before it (the oldest 20 % is only fitted on). One window of 1 521 leads
    /// (online shoppers, `RecentValidation`) left criterion selection too weak to keep real effects: card
    /// test AUC 0.682 (Benchmarks/accuracy/OUT-OF-TIME.md has the figures with four).
    static let recentWindowCount = foldCount
    /// The fewest leads a window may hold: with fewer leads before test, one window (the split's validation
    /// part, `CardTrainer.plan`). Four windows of a few dozen leads each (a monthly backtest's first periods, 240 leads)
    /// fitted the oldest on 48 leads and judged criteria on noise: those cards ranked no better than chance.
    static let minimumWindowLeads = 500
    static let recentWindowFraction = 0.2

    /// Whether this is time-aware (`recent`): its held-out leads are the newest before test.
    var isRecent: Bool { if case .recent = self { return true } else { return false } }

    /// How many fitting / held-out pairs `parts` has, without building them.
    var partCount: Int {
        switch self {
        case .split: return 1
        case .recent(let windows, _): return windows.count
        case .folds(_, let heldOut): return heldOut.count
        }
    }

    /// The fitting / held-out pairs: one for a split, one per fold.
    var parts: [(fit: Dataset, heldOut: Dataset)] {
        switch self {
        case .split(let train, let validation):
            return [(train, validation)]
        case .recent(let windows, _):
            return windows.map { ($0.fit, $0.validation) }
        case .folds(let leads, let heldOut):
            return heldOut.map { rows in (leads.selecting(allBut: rows), leads.selecting(rows)) }
        }
    }

    /// The held-out leads for the card, given the model fitted on each part (in `parts` order): the
    /// validation leads, or every fold's leads with its own model.
    func heldOutLeads(partModels: [any ProbabilisticClassifier]) throws -> HeldOutLeads {
        switch self {
        case .split(_, let validation):
            return .validation(validation)
        case .recent(let windows, _):
            // The card's model saw every window; each window's model saw only older leads. Its intercept is
            // refitted on its window, as the card's points → probability is on the newest: a stale base
            // rate would otherwise bias the held-out judgement of criteria and shapes.
            return .crossFitted(try zip(partModels, windows).map { model, window in
                HeldOutFold(model: RecentValidation.refittingIntercept(try model.additiveModel(), on: window.validation),
                            leads: window.validation)
            })
        case .folds(let leads, let heldOut):
            return .crossFitted(try zip(partModels, heldOut).map { HeldOutFold(model: try $0.additiveModel(), leads: leads.selecting($1)) })
        }
    }

    /// All the leads the model may learn from.
    var fittingLeads: Dataset {
        switch self {
        case .split(let train, _): return train
        case .folds(let leads, _): return leads
        case .recent(_, let all): return all
        }
    }

    /// Leads held out, counted once.
    var heldOutCount: Int {
        switch self {
        case .split(_, let validation): return validation.rowCount
        case .recent(let windows, _): return windows.reduce(0) { $0 + $1.validation.rowCount }
        case .folds(let leads, _): return leads.rowCount
        }
    }

    /// The leads that calibrate the card and set its tiers when not all held-out leads do: the newest
    /// window's count (they come last in `heldOutLeads`), or `nil`.
    var calibrationLeads: Int? {
        if case .recent(let windows, _) = self, windows.count > 1 { return windows.last!.validation.rowCount }
        return nil
    }

    var description: String {
        switch self {
        case .split(let train, let validation):
            return "\(train.rowCount) leads (validation \(validation.rowCount)"
        case .recent(let windows, let all):
            let sizes = windows.map { "\($0.validation.rowCount)" }.joined(separator: ", ")
            return "\(all.rowCount) leads (time-ordered, rolling origin: \(windows.count) newest windows of \(sizes) leads, "
                + "each validated by a model of the older leads, the newest calibrating; then refitted on all"
        case .folds(let leads, let heldOut):
            return "\(leads.rowCount) leads (\(heldOut.count)-fold cross-fitting: each lead held out once"
        }
    }
}

/// One window of rolling-origin validation: `validation` a span of time, `fit` every lead before it.
struct RecentWindow {
    var fit: Dataset
    var validation: Dataset
}
