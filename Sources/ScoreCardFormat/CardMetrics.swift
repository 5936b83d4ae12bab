/// How the card itself — its integer totals and calibrated probabilities, not the model it came from —
/// did on held-out leads. Every field is optional so a hand-written card can be measured later.
public struct CardMetrics: Sendable, Equatable {
    /// Which leads these were measured on, in words ("test split: 20 %, stratified, seed 1").
    public var data: String?
    /// Test leads the figures come from.
    public var rows: Int?
    /// Conversion rate of the test leads, the baseline the figures are read against.
    public var positiveRate: Double?
    /// AUC of the card's totals on the test leads.
    public var auc: Double?
    /// Average precision of the card's totals on the test leads.
    public var averagePrecision: Double?
    /// Mean log loss of the card's probabilities on the test leads.
    public var logLoss: Double?
    /// Brier score of the card's probabilities on the test leads.
    public var brier: Double?
    /// Expected calibration error of the card's probabilities.
    public var ece: Double?

    /// Metrics as measured; every field is optional so hand-written cards can state what they know.
    public init(
        data: String? = nil, rows: Int? = nil, positiveRate: Double? = nil, auc: Double? = nil,
        averagePrecision: Double? = nil, logLoss: Double? = nil, brier: Double? = nil, ece: Double? = nil
    ) {
        self.data = data
        self.rows = rows
        self.positiveRate = positiveRate
        self.auc = auc
        self.averagePrecision = averagePrecision
        self.logLoss = logLoss
        self.brier = brier
        self.ece = ece
    }
}

extension CardMetrics: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case data, rows, positiveRate, auc, averagePrecision, logLoss, brier, ece
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decodeIfPresent(String.self, forKey: .data)
        rows = try container.decodeIntegerIfPresent(forKey: .rows)
        positiveRate = try container.decodeIfPresent(Double.self, forKey: .positiveRate)
        auc = try container.decodeIfPresent(Double.self, forKey: .auc)
        averagePrecision = try container.decodeIfPresent(Double.self, forKey: .averagePrecision)
        logLoss = try container.decodeIfPresent(Double.self, forKey: .logLoss)
        brier = try container.decodeIfPresent(Double.self, forKey: .brier)
        ece = try container.decodeIfPresent(Double.self, forKey: .ece)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(data, forKey: .data)
        try container.encodeIfPresent(rows, forKey: .rows)
        try container.encodeIfPresent(positiveRate, forKey: .positiveRate)
        try container.encodeIfPresent(auc, forKey: .auc)
        try container.encodeIfPresent(averagePrecision, forKey: .averagePrecision)
        try container.encodeIfPresent(logLoss, forKey: .logLoss)
        try container.encodeIfPresent(brier, forKey: .brier)
        try container.encodeIfPresent(ece, forKey: .ece)
    }
}
