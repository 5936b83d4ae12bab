/// One column of a design matrix: which feature it comes from, what it indicates, and how its values
/// relate to the raw data (`design value = (raw − center) / scale`), so weights learned on the design can
/// be reported on the original scale.
public struct DesignTerm: Sendable, Hashable {
    /// What the design column holds for its feature.
    public enum Kind: Sendable, Hashable {
        /// The value itself: a standardised numeric column or a 0/1 boolean.
        case value
        /// 1 where the feature is missing, else 0.
        case missing
        /// 1 where a categorical feature has this level (one-hot).
        case level(String)
        /// 1 where a categorical feature has a level pooled as rare in training or never seen there.
        case otherLevels
        /// 1 where a binned numeric feature has `lower < x ≤ upper` (infinite ends for the outer bins).
        case interval(lower: Double, upper: Double)
        /// 1 where a binned numeric feature has `x > lower` (a step of the `.steps` encoding).
        case above(lower: Double)
    }

    /// The data column the term comes from.
    public let feature: String
    /// What the term encodes: a numeric value, a level, a bin, or missingness.
    public let kind: Kind
    /// Subtracted from the raw value before scaling; 0 for indicator columns.
    public let center: Double
    /// Divides the centred raw value; 1 for indicator columns.
    public let scale: Double

    /// A term; `center` and `scale` standardise numeric values as the fit saw them.
    public init(feature: String, kind: Kind, center: Double = 0, scale: Double = 1) {
        self.feature = feature
        self.kind = kind
        self.center = center
        self.scale = scale
    }

    /// A readable name: `TotalVisits`, `TotalVisits: missing`, `Lead Origin = API`, `Lead Origin: other`,
    /// `TotalVisits in (2.5, 4.5]`.
    public var label: String {
        switch kind {
        case .value: return feature
        case .missing: return "\(feature): missing"
        case .level(let level): return "\(feature) = \(level)"
        case .otherLevels: return "\(feature): other"
        case .interval(let lower, let upper): return "\(feature) in (\(lower), \(upper)]"
        case .above(let lower): return "\(feature) > \(lower)"
        }
    }
}
