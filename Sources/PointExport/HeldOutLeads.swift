import LeadData
import ModelCore

/// Leads the model was not fitted on: they calibrate the card's totals, choose its tiers and record each
/// tier's history.
public enum HeldOutLeads: Sendable {
    /// A validation split: the card itself scores them.
    case validation(Dataset)
    /// Cross-fitting: every fold's leads with a model fitted without them, while the card's model was
    /// fitted on all of them (scikit-learn's `CalibratedClassifierCV(ensemble=False)` calibrates the same
    /// way). Each fold model is put on the card's conditions and scale
    /// (`PointModel.criterionPoints(of:on:averagedOver:)`), so a
    /// lead's held-out total is what a card rounded from a model that never saw it gives.
    case crossFitted([HeldOutFold])
}

/// One fold of cross-fitting: its leads and the model fitted without them.
public struct HeldOutFold: Sendable {
    /// The model whose held-out log-odds calibrate the card (fold models stitched out of fold).
    public var model: AdditiveModel
    /// The leads the model never learned from.
    public var leads: Dataset

    /// Held-out leads and the model to read them with.
    public init(model: AdditiveModel, leads: Dataset) {
        self.model = model
        self.leads = leads
    }
}

/// Held-out leads as the card scores them: each criterion's points per lead, in `PointModel.shapes`
/// order, and the outcomes.
struct HeldOutPoints {
    var card: PointModel
    var features: [String]
    var criterionPoints: [[Int32]]
    var labels: [UInt8]

    /// The card's totals: base plus criteria, within the score range.
    var totals: [Int] { card.totals(criterionPoints: criterionPoints, rowCount: labels.count) }
    /// Base plus criteria before the score range caps them.
    var sums: [Int] { card.sums(criterionPoints: criterionPoints, rowCount: labels.count) }

    /// `nil` when some held-out leads have no outcome.
    init?(_ heldOut: HeldOutLeads, card points: PointModel, centredOn train: Dataset) {
        card = points
        features = points.shapes.map(\.feature)
        switch heldOut {
        case .validation(let leads):
            guard let labels = leads.labels else { return nil }
            criterionPoints = points.criterionPoints(leads)
            self.labels = labels
        case .crossFitted(let folds):
            criterionPoints = points.shapes.map { _ in [] }
            labels = []
            for fold in folds {
                guard let foldLabels = fold.leads.labels else { return nil }
                let foldPoints = points.criterionPoints(of: fold.model.centred(on: train), on: fold.leads, averagedOver: train)
                for criterion in criterionPoints.indices { criterionPoints[criterion] += foldPoints[criterion] }
                labels += foldLabels
            }
        }
    }
}
