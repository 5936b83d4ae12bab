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
    /// Time order: a model fitted on the older `train` is judged on the newer `validation` (early stopping
    /// or the penalty, and the held-out totals that calibrate the card and set its tiers, so they carry
    /// the most recent base rate); the card's model is then refitted on `all` (both) with what validation
    /// chose, so it also learns from the most recent leads before test.
    case recent(train: Dataset, validation: Dataset, all: Dataset)

    /// Folds when the leads are few enough that holding a quarter out costs accuracy and refitting costs
    /// little; `recent` for time-ordered data (a fold must not learn from the future, and the newest leads
    /// judge best what the card will face); a validation split above `crossFittingRows`, where a quarter
    /// of the leads already judges precisely.
    static let foldCount = 4
    static let crossFittingRows = 200_000

    /// Whether this is time-aware (`recent`): its held-out leads are the newest before test.
    var isRecent: Bool { if case .recent = self { return true } else { return false } }

    /// How many fitting / held-out pairs `parts` has, without building them.
    var partCount: Int {
        switch self {
        case .split, .recent: return 1
        case .folds(_, let heldOut): return heldOut.count
        }
    }

    /// The fitting / held-out pairs: one for a split, one per fold.
    var parts: [(fit: Dataset, heldOut: Dataset)] {
        switch self {
        case .split(let train, let validation), .recent(let train, let validation, _):
            return [(train, validation)]
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
        case .recent(_, let validation, _):
            // The card's model saw the validation leads; the model of the older leads did not.
            return .crossFitted([HeldOutFold(model: try partModels[0].additiveModel(), leads: validation)])
        case .folds(let leads, let heldOut):
            return .crossFitted(try zip(partModels, heldOut).map { HeldOutFold(model: try $0.additiveModel(), leads: leads.selecting($1)) })
        }
    }

    /// All the leads the model may learn from.
    var fittingLeads: Dataset {
        switch self {
        case .split(let train, _): return train
        case .folds(let leads, _): return leads
        case .recent(_, _, let all): return all
        }
    }

    /// Leads held out, counted once.
    var heldOutCount: Int {
        switch self {
        case .split(_, let validation), .recent(_, let validation, _): return validation.rowCount
        case .folds(let leads, _): return leads.rowCount
        }
    }

    var description: String {
        switch self {
        case .split(let train, let validation):
            return "\(train.rowCount) leads (validation \(validation.rowCount)"
        case .recent(let train, let validation, let all):
            return "\(all.rowCount) leads (time-ordered: the oldest \(train.rowCount) fitted, the newest \(validation.rowCount) validated, then refitted on all"
        case .folds(let leads, let heldOut):
            return "\(leads.rowCount) leads (\(heldOut.count)-fold cross-fitting: each lead held out once"
        }
    }
}
