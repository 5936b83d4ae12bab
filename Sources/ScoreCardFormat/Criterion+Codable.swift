/// A criterion's JSON object and its conditions. A condition names what it matches with exactly one of
/// `range`, `categories`, `is`, `missing: true` or `otherwise: true`, beside `points` and `label`:
///
///     {"range": {"greaterThan": 0, "atMost": 2}, "points": 8, "label": "1–2 pricing page visits"}
///     {"categories": ["vp", "c_level"], "points": 9, "label": "VP or C-level"}
///     {"is": true, "points": 20, "label": "attended a webinar"}
///     {"otherwise": true, "points": 0, "label": "other lead source"}
extension Criterion: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case feature, label, group, type, conditions
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        feature = try container.decode(String.self, forKey: .feature)
        label = try container.decode(String.self, forKey: .label)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let type = FeatureType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "is \"\(typeName)\"; use one of \(FeatureType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
        }
        self.type = type
        conditions = try container.decode([Condition].self, forKey: .conditions)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(feature, forKey: .feature)
        try container.encode(label, forKey: .label)
        try container.encodeIfPresent(group, forKey: .group)
        try container.encode(type.rawValue, forKey: .type)
        try container.encode(conditions, forKey: .conditions)
    }
}

extension Condition: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case range, categories, `is`, missing, otherwise, points, label
    }

    private static let matchKeys: [CodingKeys] = [.range, .categories, .is, .missing, .otherwise]

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let present = Self.matchKeys.filter { container.contains($0) }
        guard present.count == 1, let key = present.first else {
            let found = present.isEmpty ? "none" : present.map { "\"\($0.stringValue)\"" }.joined(separator: " and ")
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a condition needs exactly one of \"range\", \"categories\", \"is\", \"missing\", \"otherwise\"; found \(found)"))
        }
        switch key {
        case .range: match = .range(try container.decode(NumericRange.self, forKey: .range))
        case .categories: match = .categories(try container.decode([String].self, forKey: .categories))
        case .is: match = .value(try container.decode(Bool.self, forKey: .is))
        default:
            guard try container.decode(Bool.self, forKey: key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "write \"\(key.stringValue)\": true, or leave the condition out")
            }
            match = key == .missing ? .missing : .otherwise
        }
        points = try container.decodeInteger(forKey: .points)
        label = try container.decode(String.self, forKey: .label)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch match {
        case .range(let range): try container.encode(range, forKey: .range)
        case .categories(let labels): try container.encode(labels, forKey: .categories)
        case .value(let value): try container.encode(value, forKey: .is)
        case .missing: try container.encode(true, forKey: .missing)
        case .otherwise: try container.encode(true, forKey: .otherwise)
        }
        try container.encode(points, forKey: .points)
        try container.encode(label, forKey: .label)
    }
}

/// `{"greaterThan": 2, "atMost": 5}`; an absent or `null` end is unbounded, and each side takes at most
/// one of its two keys.
extension NumericRange: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case greaterThan, atLeast, lessThan, atMost
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func bound(open: CodingKeys, closed: CodingKeys) throws -> Bound? {
            if container.contains(open), container.contains(closed) {
                throw DecodingError.dataCorruptedError(
                    forKey: closed, in: container,
                    debugDescription: "give \"\(open.stringValue)\" or \"\(closed.stringValue)\", not both")
            }
            let openValue = try container.decodeIfPresent(Double.self, forKey: open)
            let closedValue = try container.decodeIfPresent(Double.self, forKey: closed)
            return openValue.map { Bound($0, inclusive: false) } ?? closedValue.map { Bound($0, inclusive: true) }
        }
        lower = try bound(open: .greaterThan, closed: .atLeast)
        upper = try bound(open: .lessThan, closed: .atMost)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let lower { try container.encode(lower.value, forKey: lower.inclusive ? .atLeast : .greaterThan) }
        if let upper { try container.encode(upper.value, forKey: upper.inclusive ? .atMost : .lessThan) }
    }
}
