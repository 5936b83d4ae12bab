/// The card's JSON object. Defaults (`missingValues` `[""]`, `decimalSeparator` ".", `basePoints` 0, `maximumPoints` 100, no groups,
/// no tiers) let a hand-written card stay short.
extension ScoreCard: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, version, name, description, missingValues, decimalSeparator, basePoints, maximumPoints, groups, criteria, eventCriteria, events, tiers,
             calibration, provenance, metrics
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatName else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "is \"\(format)\"; a LeadScore card says \"\(Self.formatName)\"")
        }
        version = try container.decodeInteger(forKey: .version)
        guard Self.supportedVersions.contains(version) else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "card version \(version) is not supported; this LeadScore reads versions 1 and 2"
                    + (version > Self.currentVersion ? " (a newer LeadScore wrote it: upgrade)" : ""))
        }
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        missingValues = try container.decodeIfPresent([String].self, forKey: .missingValues) ?? [""]
        decimalSeparator = try container.decodeIfPresent(String.self, forKey: .decimalSeparator) ?? "."
        basePoints = try container.decodeIntegerIfPresent(forKey: .basePoints) ?? 0
        maximumPoints = try container.decodeIntegerIfPresent(forKey: .maximumPoints) ?? 100
        groups = try container.decodeIfPresent([CriterionGroup].self, forKey: .groups) ?? []
        criteria = try container.decode([Criterion].self, forKey: .criteria)
        eventCriteria = try container.decodeIfPresent([EventCriterion].self, forKey: .eventCriteria) ?? []
        events = try container.decodeIfPresent(EventSource.self, forKey: .events)
        if version < 2, !eventCriteria.isEmpty || events != nil {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "is \(version); \"eventCriteria\" and \"events\" need card version 2 (a LeadScore that reads only version 1 would ignore them)")
        }
        tiers = try container.decodeIfPresent([Tier].self, forKey: .tiers) ?? []
        calibration = try container.decodeIfPresent(Calibration.self, forKey: .calibration)
        provenance = try container.decodeIfPresent(Provenance.self, forKey: .provenance)
        metrics = try container.decodeIfPresent(CardMetrics.self, forKey: .metrics)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatName, forKey: .format)
        try container.encode(max(version, requiredVersion), forKey: .version)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(missingValues, forKey: .missingValues)
        if decimalSeparator != "." { try container.encode(decimalSeparator, forKey: .decimalSeparator) }
        try container.encode(basePoints, forKey: .basePoints)
        try container.encode(maximumPoints, forKey: .maximumPoints)
        if !groups.isEmpty { try container.encode(groups, forKey: .groups) }
        try container.encode(criteria, forKey: .criteria)
        if !eventCriteria.isEmpty { try container.encode(eventCriteria, forKey: .eventCriteria) }
        try container.encodeIfPresent(events, forKey: .events)
        if !tiers.isEmpty { try container.encode(tiers, forKey: .tiers) }
        try container.encodeIfPresent(calibration, forKey: .calibration)
        try container.encodeIfPresent(provenance, forKey: .provenance)
        try container.encodeIfPresent(metrics, forKey: .metrics)
    }
}
