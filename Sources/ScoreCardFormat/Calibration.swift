import Foundation
import LeadMath

/// From a lead's total points to its probability of converting.
///
/// The table is the calibration: measured after rounding to integer points, on held-out leads, with one
/// entry for every reachable total, so the probability a lead is shown is exactly what leads with its
/// total did. The logistic form is kept beside it when the method produced one (Platt), for reading and
/// for hand-written cards that only state a slope and an intercept.
public struct Calibration: Sendable, Equatable {
    /// How the table was made: "isotonic", "platt", "binned", "manual", …
    public var method: String
    /// Ascending by points, one entry per total; may be empty when `logistic` is given.
    public var table: [CalibrationEntry]
    /// A logistic form of points → probability, used for totals the table does not list (or alone).
    public var logistic: LogisticForm?

    /// A calibration from its method name, table and optional logistic form.
    public init(method: String, table: [CalibrationEntry], logistic: LogisticForm? = nil) {
        self.method = method
        self.table = table
        self.logistic = logistic
    }

    /// The table's probability for `total`, else the logistic form's, else `nil`.
    public func probability(forTotal total: Int) -> Double? {
        if let entry = table.first(where: { $0.points == total }) { return entry.probability }
        return logistic?.probability(forTotal: total)
    }
}

/// One row of the calibration table.
public struct CalibrationEntry: Sendable, Equatable {
    /// The total.
    public var points: Int
    /// Probability of converting at that total (0…1), measured on held-out leads.
    public var probability: Double

    /// A table entry.
    public init(points: Int, probability: Double) {
        self.points = points
        self.probability = probability
    }
}

/// `P(convert) = 1 / (1 + exp(−(intercept + slope · points)))`.
public struct LogisticForm: Sendable, Equatable {
    /// Log-odds at 0 points.
    public var intercept: Double
    /// Log-odds added per point.
    public var slope: Double

    /// A logistic form from its intercept and slope.
    public init(intercept: Double, slope: Double) {
        self.intercept = intercept
        self.slope = slope
    }

    /// The probability of converting at `total` points: σ(intercept + slope · total), by `LeadMath.logistic`.
    public func probability(forTotal total: Int) -> Double {
        LeadMath.logistic(intercept + slope * Double(total))
    }
}

extension Calibration: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case method, table, logistic
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        table = try container.decodeIfPresent([CalibrationEntry].self, forKey: .table) ?? []
        logistic = try container.decodeIfPresent(LogisticForm.self, forKey: .logistic)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        if !table.isEmpty { try container.encode(table, forKey: .table) }
        try container.encodeIfPresent(logistic, forKey: .logistic)
    }
}

extension CalibrationEntry: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case points, probability
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        points = try container.decodeInteger(forKey: .points)
        probability = try container.decode(Double.self, forKey: .probability)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(points, forKey: .points)
        try container.encode(probability, forKey: .probability)
    }
}

extension LogisticForm: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case intercept, slope
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        intercept = try container.decode(Double.self, forKey: .intercept)
        slope = try container.decode(Double.self, forKey: .slope)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(intercept, forKey: .intercept)
        try container.encode(slope, forKey: .slope)
    }
}
