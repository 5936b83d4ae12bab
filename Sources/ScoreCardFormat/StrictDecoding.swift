/// Decoding helpers that make a card's JSON strict, as its schema is (`additionalProperties: false`,
/// `type: integer`): a misspelt field in a hand-written card is an error, not silently ignored, and
/// `2.5` points is rejected with its path. (Foundation's `JSONDecoder` reports `2.5` for an `Int` only as
/// "not valid JSON", without saying where.)
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws if the object being decoded has a field `Keys` does not list.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let known = Keys.allCases.map(\.stringValue)
        let container = try container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [key],
                debugDescription: "unknown field \"\(key.stringValue)\"; known fields: \(known.joined(separator: ", "))"))
        }
    }
}

extension KeyedDecodingContainer {
    /// A whole number, rejecting fractions (`2.5`) and magnitudes a double cannot hold exactly.
    func decodeInteger(forKey key: Key) throws -> Int {
        let value = try decode(Double.self, forKey: key)
        guard value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "must be a whole number; found \(RawValue.format(value))")
        }
        return Int(value)
    }

    func decodeIntegerIfPresent(forKey key: Key) throws -> Int? {
        try decodeNil(forKeyIfPresent: key) ? nil : decodeInteger(forKey: key)
    }

    /// `true` when the key is absent or explicitly `null`.
    func decodeNil(forKeyIfPresent key: Key) throws -> Bool {
        try !contains(key) || decodeNil(forKey: key)
    }
}
