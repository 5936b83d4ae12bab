/// A named set of criteria whose points add up to a subtotal the scorer reports — e.g. "fit" (who the
/// lead is) and "engagement" (what the lead did), as marketing teams split them — with optional caps,
/// so that, say, engagement alone can never give more than 50 points.
public struct CriterionGroup: Sendable, Equatable {
    /// What criteria name in their `group` field.
    public var name: String
    /// What a person reads for the group; the name when `nil`.
    public var label: String?
    /// The subtotal is raised to this when below it.
    public var minimumPoints: Int?
    /// The subtotal is lowered to this when above it.
    public var maximumPoints: Int?

    /// A group with optional label and caps on its subtotal.
    public init(name: String, label: String? = nil, minimumPoints: Int? = nil, maximumPoints: Int? = nil) {
        self.name = name
        self.label = label
        self.minimumPoints = minimumPoints
        self.maximumPoints = maximumPoints
    }

    /// The subtotal after the caps.
    public func capped(_ subtotal: Int) -> Int {
        var value = subtotal
        if let minimumPoints { value = max(value, minimumPoints) }
        if let maximumPoints { value = min(value, maximumPoints) }
        return value
    }
}

extension CriterionGroup: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, label, minimumPoints, maximumPoints
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        minimumPoints = try container.decodeIntegerIfPresent(forKey: .minimumPoints)
        maximumPoints = try container.decodeIntegerIfPresent(forKey: .maximumPoints)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(minimumPoints, forKey: .minimumPoints)
        try container.encodeIfPresent(maximumPoints, forKey: .maximumPoints)
    }
}
