import ScoreCardFormat

/// Something about a card that does not fit the data it is used with: a feature the data lacks, a
/// column whose values the criterion cannot read, categories that never occur. Each is a silent loss of
/// points (every such lead scores as missing), so commands print them and a strict run treats them as errors.
public struct CardDataFinding: Sendable, Equatable, Encodable {
    /// What does not fit between a card's criterion and the data.
    public enum Kind: Sendable, Equatable {
        /// The data has no column of this name; `suggestion` is the closest one it has.
        case absentFeature(suggestion: String?)
        /// Non-missing values the criterion's type cannot read (they score as missing): how many of how
        /// many, and an example.
        case unreadableValues(type: FeatureType, unreadable: Int, of: Int, example: String)
        /// Categories of the card that no lead has, each with the closest value the data has, if any.
        case unknownCategories([UnknownCategory])
    }

    /// A category of the card and the data's closest value ("VP" → "vp").
    public struct UnknownCategory: Sendable, Equatable, Encodable {
        /// The card's category, exactly as written in a condition.
        public var category: String
        /// The data's closest value ("vp" for "VP"), or `nil` when nothing is close.
        public var suggestion: String?

        /// A category of the card that no lead has, with the closest value the data has.
        public init(category: String, suggestion: String?) {
            self.category = category
            self.suggestion = suggestion
        }
    }

    /// The card feature the finding is about.
    public var feature: String
    /// What does not fit, with the values a message or a fix needs.
    public var kind: Kind

    /// A finding about `feature`.
    public init(feature: String, kind: Kind) {
        self.feature = feature
        self.kind = kind
    }

    /// One line for a person, naming the closest column or value.
    public var text: String {
        switch kind {
        case .absentFeature(let suggestion):
            let hint = suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
            return "\"\(feature)\" is not a column of the data\(hint): every lead scores as missing on it"
        case .unreadableValues(let type, let unreadable, let total, let example):
            let what = type == .numeric ? "numbers" : "yes/no values"
            return "the card reads \"\(feature)\" as \(what), but \(unreadable) of its \(total) values are not (e.g. \"\(example)\"):"
                + " those leads score as missing on it"
        case .unknownCategories(let categories):
            let listed = categories.prefix(6).map { category in
                "\"\(category.category)\"" + (category.suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
            }.joined(separator: ", ")
            return "\"\(feature)\": the card's categor\(categories.count == 1 ? "y" : "ies") \(listed)\(categories.count > 6 ? ", …" : "")"
                + " never occur\(categories.count == 1 ? "s" : "") in the data (categories match exactly)"
        }
    }

    private enum Key: String, CodingKey { case feature, kind, suggestion, unreadable, of, example, categories, text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(feature, forKey: .feature)
        try container.encode(text, forKey: .text)
        switch kind {
        case .absentFeature(let suggestion):
            try container.encode("absentFeature", forKey: .kind)
            try container.encodeIfPresent(suggestion, forKey: .suggestion)
        case .unreadableValues(_, let unreadable, let total, let example):
            try container.encode("unreadableValues", forKey: .kind)
            try container.encode(unreadable, forKey: .unreadable)
            try container.encode(total, forKey: .of)
            try container.encode(example, forKey: .example)
        case .unknownCategories(let categories):
            try container.encode("unknownCategories", forKey: .kind)
            try container.encode(categories, forKey: .categories)
        }
    }
}
