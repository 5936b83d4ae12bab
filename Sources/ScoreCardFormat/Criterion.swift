/// How a criterion reads its column's raw text. The rules are the format's, so every consumer (the rule
/// scorer, the SQL export, a trainer) reads a value the same way; see `RawValue`.
public enum FeatureType: String, Sendable, Hashable, CaseIterable {
    /// A decimal number (`12`, `-0.5`, `9.83E-05`); text that is not one counts as missing.
    case numeric
    /// A label matched exactly, after trimming spaces.
    case categorical
    /// yes/no, true/false, 1/0, y/n in any case; anything else counts as missing.
    case boolean
}

/// One feature of the lead (a column) and the points each of its values earns.
///
/// The conditions are mutually exclusive and together cover every value, including a missing one, so
/// every lead gets exactly one condition's points from every criterion.
public struct Criterion: Sendable, Equatable {
    /// The column name, exactly as in the data's header.
    public var feature: String
    /// What a person calls it ("Pricing page visits").
    public var label: String
    /// The name of a group declared in `ScoreCard.groups`, or `nil` for none.
    public var group: String?
    /// How the feature's values are read (numeric, categorical, boolean), which decides the conditions it may have.
    public var type: FeatureType
    /// In display order: ranges ascending, then categories or true/false, then missing, then otherwise.
    public var conditions: [Condition]

    /// A criterion; `validate()` on the card checks it.
    public init(feature: String, label: String, group: String? = nil, type: FeatureType, conditions: [Condition]) {
        self.feature = feature
        self.label = label
        self.group = group
        self.type = type
        self.conditions = conditions
    }

    /// The most points any condition gives: the reference for what a lead's value "cost" it.
    public var bestPoints: Int { conditions.map(\.points).max() ?? 0 }
}

/// Which values a condition covers.
public enum Match: Sendable, Hashable {
    /// A number in this range (numeric criteria).
    case range(NumericRange)
    /// One of these labels (categorical criteria).
    case categories([String])
    /// True or false (boolean criteria).
    case value(Bool)
    /// The value is empty, a missing-value token, absent from the data, or unreadable as the criterion's type.
    case missing
    /// Any value no other condition of the criterion covers: unseen categories, uncovered ranges, and
    /// missing values when the criterion has no `missing` condition.
    case otherwise
}

/// One condition of a criterion: the values it covers, its integer points and the words a reason shows
/// ("+18 demo requested").
public struct Condition: Sendable, Equatable {
    /// Which values the condition covers.
    public var match: Match
    /// Points a lead gets when its value matches.
    public var points: Int
    /// What a person reads for the condition ("3 or more pricing-page visits").
    public var label: String

    /// A condition from its match, points and label.
    public init(_ match: Match, points: Int, label: String) {
        self.match = match
        self.points = points
        self.label = label
    }
}
