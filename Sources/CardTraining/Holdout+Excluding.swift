import LeadData

extension Holdout {
    /// The same split or folds with `features` excluded from every part: the refit after criterion
    /// selection fits on exactly the leads and folds the first fit used.
    func excluding(features: Set<String>) -> Holdout {
        switch self {
        case .split(let train, let validation):
            return .split(train: train.excluding(features: features), validation: validation.excluding(features: features))
        case .folds(let leads, let heldOut):
            return .folds(leads: leads.excluding(features: features), heldOut: heldOut)
        case .recent(let windows, let all):
            return .recent(windows: windows.map { RecentWindow(fit: $0.fit.excluding(features: features),
                                                               validation: $0.validation.excluding(features: features)) },
                           all: all.excluding(features: features))
        }
    }
}
