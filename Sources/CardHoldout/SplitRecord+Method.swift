import LeadData
import ScoreCardFormat

extension SplitRecord {
    /// The record of a split drawn with `method` and these fractions: what `train` writes in the card's
    /// provenance, so `CardHoldout` can draw the same split again.
    public init(_ method: SplitMethod, validationFraction: Double, testFraction: Double) {
        switch method {
        case .stratified(let seed):
            self.init(method: Self.stratified, seed: seed, validationFraction: validationFraction, testFraction: testFraction)
        case .timeOrdered(let column):
            self.init(method: Self.timeOrdered, column: column, validationFraction: validationFraction, testFraction: testFraction)
        }
    }

    /// The split method this record describes, or `nil` when it names none this version can redraw.
    public var splitMethod: SplitMethod? {
        switch method {
        case Self.stratified: return seed.map { .stratified(seed: $0) }
        case Self.timeOrdered: return column.map { .timeOrdered(column: $0) }
        default: return nil
        }
    }
}
