/// A band of totals and what to do with its leads: "75+ points = hot: route to sales".
public struct Tier: Sendable, Equatable {
    /// The tier's name ("hot").
    public var name: String
    /// The lowest total in the tier; the tier runs up to the next higher tier's threshold.
    public var minimumPoints: Int
    /// What the team does with these leads ("route to sales", "nurture", "discard").
    public var action: String?
    /// How the tier did on historical (held-out) leads; optional for hand-written cards.
    public var history: TierHistory?

    /// A tier from its name, threshold, action and history.
    public init(name: String, minimumPoints: Int, action: String? = nil, history: TierHistory? = nil) {
        self.name = name
        self.minimumPoints = minimumPoints
        self.action = action
        self.history = history
    }
}

/// A tier's record on historical leads, in the terms of Evaluation's `TierRow`.
public struct TierHistory: Sendable, Equatable {
    /// Held-out leads in the tier.
    public var leads: Int?
    /// Of those, how many converted.
    public var conversions: Int?
    /// The tier's share of all leads, 0…1.
    public var shareOfLeads: Double?
    /// The tier's share of all conversions, 0…1: what a team working only this tier would catch.
    public var shareOfConversions: Double?
    /// Their conversion rate: what sales can expect of the tier.
    public var conversionRate: Double?
    /// The rate's confidence interval, so a small tier's rate is not over-read.
    public var conversionInterval: RateInterval?

    /// A tier history from its counts, rate and interval.
    public init(
        leads: Int? = nil, conversions: Int? = nil, shareOfLeads: Double? = nil, shareOfConversions: Double? = nil,
        conversionRate: Double? = nil, conversionInterval: RateInterval? = nil
    ) {
        self.leads = leads
        self.conversions = conversions
        self.shareOfLeads = shareOfLeads
        self.shareOfConversions = shareOfConversions
        self.conversionRate = conversionRate
        self.conversionInterval = conversionInterval
    }
}

/// A confidence interval for a conversion rate (e.g. Wilson's).
public struct RateInterval: Sendable, Equatable {
    /// Lower end of the interval.
    public var lower: Double
    /// Upper end of the interval.
    public var upper: Double
    /// The confidence level, e.g. 0.95.
    public var confidence: Double
    /// How it was computed, e.g. "wilson".
    public var method: String?

    /// An interval from its ends, confidence level and method.
    public init(lower: Double, upper: Double, confidence: Double, method: String? = nil) {
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.method = method
    }
}

extension Tier: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, minimumPoints, action, history
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        minimumPoints = try container.decodeInteger(forKey: .minimumPoints)
        action = try container.decodeIfPresent(String.self, forKey: .action)
        history = try container.decodeIfPresent(TierHistory.self, forKey: .history)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(minimumPoints, forKey: .minimumPoints)
        try container.encodeIfPresent(action, forKey: .action)
        try container.encodeIfPresent(history, forKey: .history)
    }
}

extension TierHistory: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case leads, conversions, shareOfLeads, shareOfConversions, conversionRate, conversionInterval
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        leads = try container.decodeIntegerIfPresent(forKey: .leads)
        conversions = try container.decodeIntegerIfPresent(forKey: .conversions)
        shareOfLeads = try container.decodeIfPresent(Double.self, forKey: .shareOfLeads)
        shareOfConversions = try container.decodeIfPresent(Double.self, forKey: .shareOfConversions)
        conversionRate = try container.decodeIfPresent(Double.self, forKey: .conversionRate)
        conversionInterval = try container.decodeIfPresent(RateInterval.self, forKey: .conversionInterval)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(leads, forKey: .leads)
        try container.encodeIfPresent(conversions, forKey: .conversions)
        try container.encodeIfPresent(shareOfLeads, forKey: .shareOfLeads)
        try container.encodeIfPresent(shareOfConversions, forKey: .shareOfConversions)
        try container.encodeIfPresent(conversionRate, forKey: .conversionRate)
        try container.encodeIfPresent(conversionInterval, forKey: .conversionInterval)
    }
}

extension RateInterval: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case lower, upper, confidence, method
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lower = try container.decode(Double.self, forKey: .lower)
        upper = try container.decode(Double.self, forKey: .upper)
        confidence = try container.decode(Double.self, forKey: .confidence)
        method = try container.decodeIfPresent(String.self, forKey: .method)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lower, forKey: .lower)
        try container.encode(upper, forKey: .upper)
        try container.encode(confidence, forKey: .confidence)
        try container.encodeIfPresent(method, forKey: .method)
    }
}
