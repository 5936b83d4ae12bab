extension DesignEncoder {
    /// Weights for raw values from weights learned on design columns: `w_raw = w / scale`, and the
    /// intercept absorbs `−w · center / scale`. A missing numeric is scored as its training mean, so on the
    /// raw scale it contributes `w_raw · mean` plus its indicator's weight.
    public func rawScale(weights: [Double], intercept: Double) -> (weights: [Double], intercept: Double) {
        let terms = self.terms
        precondition(weights.count == terms.count, "\(weights.count) weights for \(terms.count) design columns")
        var shifted = intercept
        let raw = zip(weights, terms).map { weight, term in
            shifted -= weight * term.center / term.scale
            return weight / term.scale
        }
        return (raw, shifted)
    }

    /// The inverse of `rawScale`: weights that act on design columns.
    public func designScale(weights: [Double], intercept: Double) -> (weights: [Double], intercept: Double) {
        let terms = self.terms
        precondition(weights.count == terms.count, "\(weights.count) weights for \(terms.count) design columns")
        var shifted = intercept
        let design = zip(weights, terms).map { weight, term in
            shifted += weight * term.center
            return weight * term.scale
        }
        return (design, shifted)
    }
}
