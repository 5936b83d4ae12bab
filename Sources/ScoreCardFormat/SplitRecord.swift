/// How the trainer split its data file into train, validation and test, recorded so a later command given
/// the same file can tell which of its rows the card never learned from (and so never report figures on
/// training leads as test figures).
public struct SplitRecord: Sendable, Equatable {
    /// `stratified` (random within each outcome, by `seed`) or `time-ordered` (by `column`, newest last).
    public var method: String
    /// Written as a JSON number up to 2^53 and as decimal text above (JSON readers hold numbers as doubles).
    public var seed: UInt64?
    /// The date column of a time-ordered split.
    public var column: String?
    /// Shares of the file's labelled rows in validation and test (test 0 when the card was tested on another file).
    public var validationFraction: Double
    /// Share of the file's leads set aside for test.
    public var testFraction: Double

    /// The method name of a stratified random split.
    public static let stratified = "stratified"
    /// The method name of a time-ordered split.
    public static let timeOrdered = "time-ordered"

    /// A split record.
    public init(method: String, seed: UInt64? = nil, column: String? = nil, validationFraction: Double, testFraction: Double) {
        self.method = method
        self.seed = seed
        self.column = column
        self.validationFraction = validationFraction
        self.testFraction = testFraction
    }
}

extension SplitRecord: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case method, seed, column, validationFraction, testFraction
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        // A whole number up to 2^53 (what a double holds exactly), or the decimal digits as text above that.
        if let text = try? container.decodeIfPresent(String.self, forKey: .seed) {
            guard let value = UInt64(text) else {
                throw DecodingError.dataCorruptedError(forKey: .seed, in: container, debugDescription: "must be a whole number ≥ 0; found \"\(text)\"")
            }
            seed = value
        } else if let value = try container.decodeIntegerIfPresent(forKey: .seed) {
            guard let exact = UInt64(exactly: value) else {
                throw DecodingError.dataCorruptedError(forKey: .seed, in: container, debugDescription: "must be a whole number ≥ 0; found \(value)")
            }
            seed = exact
        } else {
            seed = nil
        }
        column = try container.decodeIfPresent(String.self, forKey: .column)
        validationFraction = try container.decode(Double.self, forKey: .validationFraction)
        testFraction = try container.decode(Double.self, forKey: .testFraction)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        if let seed {
            if seed <= 9_007_199_254_740_992 { try container.encode(Int(seed), forKey: .seed) } else { try container.encode(String(seed), forKey: .seed) }
        }
        try container.encodeIfPresent(column, forKey: .column)
        try container.encode(validationFraction, forKey: .validationFraction)
        try container.encode(testFraction, forKey: .testFraction)
    }
}
