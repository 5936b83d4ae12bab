/// Where a learned card came from, so a team can tell which data and settings produced it and rebuild
/// it. Every field is optional: a hand-written card may have none.
public struct Provenance: Sendable, Equatable {
    /// The training file (name, SHA-256, rows, conversion rate), so a command can tell when it is given it again.
    public var data: DataFingerprint?
    /// The outcome column ("converted").
    public var target: String?
    /// The value of `target` that means converted ("1", "TRUE", "Won").
    public var positiveLabel: String?
    /// The trainer and its settings.
    public var trainer: TrainerRecord?
    /// How the training file was split, so its held-out rows can be found again (`SplitRecord`).
    public var split: SplitRecord?
    /// When the card was made, ISO 8601 ("2026-11-23T10:00:00Z").
    public var created: String?
    /// The LeadScore version that wrote the card, to tell which rules made it.
    public var leadscoreVersion: String?
    /// How the card scored its training leads, for `leadscore monitor` (optional; see `Baseline`).
    public var baseline: Baseline?
    /// Every `leadscore recalibrate` since training, oldest first.
    public var recalibrations: [RecalibrationRecord]?

    /// A provenance record; every field is optional so older and hand-written cards load.
    public init(
        data: DataFingerprint? = nil, target: String? = nil, positiveLabel: String? = nil,
        trainer: TrainerRecord? = nil, created: String? = nil, leadscoreVersion: String? = nil,
        baseline: Baseline? = nil, recalibrations: [RecalibrationRecord]? = nil,
        split: SplitRecord? = nil
    ) {
        self.split = split
        self.data = data
        self.target = target
        self.positiveLabel = positiveLabel
        self.trainer = trainer
        self.created = created
        self.leadscoreVersion = leadscoreVersion
        self.baseline = baseline
        self.recalibrations = recalibrations
    }
}

/// The training data file, identified by content rather than by name.
public struct DataFingerprint: Sendable, Equatable {
    /// The file as named when training.
    public var file: String?
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String?
    /// Labelled leads read from it.
    public var rows: Int?
    /// Share of converted leads, 0…1.
    public var positiveRate: Double?

    /// A fingerprint; any field may be unknown.
    public init(file: String? = nil, sha256: String? = nil, rows: Int? = nil, positiveRate: Double? = nil) {
        self.file = file
        self.sha256 = sha256
        self.rows = rows
        self.positiveRate = positiveRate
    }
}

/// Which trainer made the card and with which settings (free-form, as the trainer names them).
public struct TrainerRecord: Sendable, Equatable {
    /// The trainer's name ("boosted stumps", "logistic regression").
    public var name: String
    /// Its settings, as plain values, so a run can be repeated.
    public var settings: [String: SettingValue]

    /// A trainer record.
    public init(name: String, settings: [String: SettingValue] = [:]) {
        self.name = name
        self.settings = settings
    }
}

/// A trainer setting's value as JSON has it: a number, text or a yes/no.
public enum SettingValue: Sendable, Equatable, Codable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    /// A numeric setting.
    case number(Double)
    /// A text setting.
    case text(String)
    /// A yes/no setting.
    case flag(Bool)

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        }
    }
}

extension Provenance: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case data, target, positiveLabel, trainer, created, leadscoreVersion, baseline, recalibrations
        case split
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decodeIfPresent(DataFingerprint.self, forKey: .data)
        target = try container.decodeIfPresent(String.self, forKey: .target)
        positiveLabel = try container.decodeIfPresent(String.self, forKey: .positiveLabel)
        trainer = try container.decodeIfPresent(TrainerRecord.self, forKey: .trainer)
        created = try container.decodeIfPresent(String.self, forKey: .created)
        leadscoreVersion = try container.decodeIfPresent(String.self, forKey: .leadscoreVersion)
        baseline = try container.decodeIfPresent(Baseline.self, forKey: .baseline)
        recalibrations = try container.decodeIfPresent([RecalibrationRecord].self, forKey: .recalibrations)
        split = try container.decodeIfPresent(SplitRecord.self, forKey: .split)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(data, forKey: .data)
        try container.encodeIfPresent(target, forKey: .target)
        try container.encodeIfPresent(positiveLabel, forKey: .positiveLabel)
        try container.encodeIfPresent(trainer, forKey: .trainer)
        try container.encodeIfPresent(created, forKey: .created)
        try container.encodeIfPresent(leadscoreVersion, forKey: .leadscoreVersion)
        try container.encodeIfPresent(baseline, forKey: .baseline)
        try container.encodeIfPresent(recalibrations, forKey: .recalibrations)
        try container.encodeIfPresent(split, forKey: .split)
    }
}

extension DataFingerprint: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case file, sha256, rows, positiveRate
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decodeIfPresent(String.self, forKey: .file)
        sha256 = try container.decodeIfPresent(String.self, forKey: .sha256)
        rows = try container.decodeIntegerIfPresent(forKey: .rows)
        positiveRate = try container.decodeIfPresent(Double.self, forKey: .positiveRate)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(file, forKey: .file)
        try container.encodeIfPresent(sha256, forKey: .sha256)
        try container.encodeIfPresent(rows, forKey: .rows)
        try container.encodeIfPresent(positiveRate, forKey: .positiveRate)
    }
}

extension TrainerRecord: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, settings
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        settings = try container.decodeIfPresent([String: SettingValue].self, forKey: .settings) ?? [:]
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        guard !settings.isEmpty else { return }
        // Sorted by name, so the same card always encodes to the same bytes.
        var nested = container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .settings)
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            try nested.encode(value, forKey: AnyCodingKey(stringValue: key))
        }
    }
}
