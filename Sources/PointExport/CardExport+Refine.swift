import LeadData
import ModelCore

extension CardExport {
    /// The sentinels of every numeric feature of `model`, found on the training leads.
    static func sentinels(of model: AdditiveModel, in train: Dataset) -> [String: [Sentinel]] {
        var found: [String: [Sentinel]] = [:]
        for shape in model.shapes where shape.role == .numeric {
            let sentinels = Sentinel.detect(train.column(named: shape.feature))
            if !sentinels.isEmpty { found[shape.feature] = sentinels }
        }
        return found
    }

    /// Each held-out part's model (on the card's sentinel pieces) and its leads: the card's model on a
    /// validation split, every fold's own model on its fold.
    static func heldOutParts(_ model: AdditiveModel, heldOut: HeldOutLeads, train: Dataset,
                             separate: (AdditiveModel) -> AdditiveModel) -> [(model: AdditiveModel, leads: Dataset)] {
        switch heldOut {
        case .validation(let leads): return [(model, leads)]
        case .crossFitted(let folds): return folds.map { (separate($0.model.centred(on: train)), $0.leads) }
        }
    }

    /// A model with each numeric shape's `sentinels` given pieces of their own: applied alike to the card's
    /// model and to every fold model, so all are judged on the same pieces.
    static func separating(_ sentinels: [String: [Sentinel]]) -> (AdditiveModel) -> AdditiveModel {
        { model in
            var copy = model
            copy.shapes = copy.shapes.map { $0.separatingSentinels(sentinels[$0.feature] ?? []) }
            return copy
        }
    }

    /// Criterion selection's test (`CriterionSelection`) of every feature of `model` on `heldOut`, judged
    /// exactly as `card(from:…)` judges them: each criterion's held-out gain, its standard error, p-value and
    /// whether it earns points, so a user can see why a column was kept or left out. Empty when selection is
    /// off or there is no held-out part to judge on.
    ///
    /// A trainer refits its model without the criteria left out before asking for the card (`CardTrainer`):
    /// a model fitted with noise columns beside the real ones shares the real effects out among them, so
    /// removing the noise's points afterwards leaves the real criteria under-weighted (online shoppers
    /// without PageValues, stumps: see Benchmarks/accuracy/CARDS-18.md).
    public func selectionTests(of model: AdditiveModel, train: Dataset, heldOut: HeldOutLeads) -> [CriterionTest] {
        guard selectCriteria else { return [] }
        let separate = Self.separating(Self.sentinels(of: model, in: train))
        let model = separate(model.centred(on: train))
        let features = model.shapes.map(\.feature)
        guard let contributions = OutOfFoldContributions(Self.heldOutParts(model, heldOut: heldOut, train: train, separate: separate),
                                                         features: features) else { return [] }
        return CriterionSelection(falseDiscoveryRate: falseDiscoveryRate, minimumGain: minimumGain).tests(contributions, features: features)
    }

    /// The model the card is rounded from, judged on held-out leads before any rounding: sentinel values
    /// get pieces of their own, criteria that do not beat noise are removed (`CriterionSelection`), and
    /// each numeric criterion takes the simplest shape that fits as well (`ShapeChoice`) or the one the
    /// user asked for. The held-out fold models are changed the same way, so the card's calibration and
    /// tiers are fitted on what a card made from them would give. Returns the features left out, and the
    /// sentinels found (the card's pieces reuse them rather than scanning the training columns again).
    func refine(_ model: AdditiveModel, train: Dataset, heldOut: HeldOutLeads) throws
        -> (AdditiveModel, HeldOutLeads, [String], sentinels: [String: [Sentinel]]) {
        let sentinels = Self.sentinels(of: model, in: train)
        let separate = Self.separating(sentinels)
        var model = separate(model)
        var parts = Self.heldOutParts(model, heldOut: heldOut, train: train, separate: separate)
        guard selectCriteria || chooseShapes || !shapes.isEmpty,
              var contributions = OutOfFoldContributions(parts, features: model.shapes.map(\.feature)) else {
            return (model, heldOut, [], sentinels)
        }
        var dropped: [String] = []
        if selectCriteria {
            dropped = CriterionSelection(falseDiscoveryRate: falseDiscoveryRate, minimumGain: minimumGain).tests(contributions, features: model.shapes.map(\.feature))
                .filter { !$0.kept }.map(\.feature)
            for feature in dropped { contributions.remove(feature) }
        }
        let remove = { (model: inout AdditiveModel) in model.shapes.removeAll { dropped.contains($0.feature) } }
        remove(&model)
        for index in parts.indices { remove(&parts[index].model) }

        let counts = { (shape: FeatureShape) -> [Double] in
            var counts = [Double](repeating: 0, count: shape.pieces.count)
            for piece in shape.pieceIndices(train.column(named: shape.feature), rowCount: train.rowCount) where piece >= 0 {
                counts[Int(piece)] += 1
            }
            return counts
        }
        for index in model.shapes.indices where model.shapes[index].role == .numeric {
            let feature = model.shapes[index].feature
            let excluded = { (shape: FeatureShape) in shape.sentinelPieces(sentinels[feature] ?? []) }
            let ordered = { (shape: FeatureShape) in shape.orderedIntervalPieces(excluding: excluded(shape)) }
            let kind: CriterionShape
            if let asked = shapes[feature] {
                kind = asked
            } else if chooseShapes, ordered(model.shapes[index]).count > 2 {
                kind = ShapeChoice().choose(feature, heldOut: contributions, weights: counts, ordered: ordered)
            } else {
                continue
            }
            guard kind != .free else { continue }
            let reshape = { (shape: FeatureShape) in shape.projected(kind, weights: counts(shape), order: ordered(shape)) }
            contributions.replace(feature, transform: reshape)
            model.shapes[index] = reshape(model.shapes[index]).mergingEqualIntervals()
            for part in parts.indices {
                if let at = parts[part].model.shapes.firstIndex(where: { $0.feature == feature }) {
                    parts[part].model.shapes[at] = reshape(parts[part].model.shapes[at]).mergingEqualIntervals()
                }
            }
        }
        // Merging must not fold a sentinel's piece into its neighbour: split them again.
        model = separate(model)
        let refined: HeldOutLeads
        switch heldOut {
        case .validation(let leads): refined = .validation(leads)
        case .crossFitted: refined = .crossFitted(parts.map { HeldOutFold(model: separate($0.model), leads: $0.leads) })
        }
        return (model, refined, dropped, sentinels)
    }
}
