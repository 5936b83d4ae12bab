/// An `Encoder` that keeps object fields in the order `encode(to:)` writes them.
///
/// Foundation's `JSONEncoder` on Linux emits fields in hash order, different on every run, and
/// `.sortedKeys` puts a criterion's `conditions` before its `feature`. A card is meant to be read and
/// edited by people and diffed in review, so it is written in the documented order, the same bytes
/// every time. Only what cards use is supported: objects, arrays, text, numbers, booleans, null.
struct OrderedJSONEncoder {
    func encode<Value: Encodable>(_ value: Value) throws -> JSONNode {
        let slot = NodeSlot()
        try value.encode(to: NodeEncoder(slot: slot, codingPath: []))
        return slot.resolved
    }
}

/// A JSON value with ordered object fields.
indirect enum JSONNode {
    case null
    case bool(Bool)
    /// The number's JSON text.
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([(key: String, value: JSONNode)])
}

/// Where one value being encoded ends up; containers fill it in as their fields arrive.
final class NodeSlot {
    enum Content {
        case empty
        case value(JSONNode)
        case object([(String, NodeSlot)])
        case array([NodeSlot])
    }

    var content = Content.empty

    var resolved: JSONNode {
        switch content {
        case .empty: return .object([])
        case .value(let node): return node
        case .object(let fields): return .object(fields.map { ($0.0, $0.1.resolved) })
        case .array(let items): return .array(items.map(\.resolved))
        }
    }

    func addField(_ key: String) -> NodeSlot {
        let slot = NodeSlot()
        if case .object(var fields) = content {
            fields.removeAll { $0.0 == key }
            fields.append((key, slot))
            content = .object(fields)
        }
        return slot
    }

    func addItem() -> NodeSlot {
        let slot = NodeSlot()
        if case .array(var items) = content {
            items.append(slot)
            content = .array(items)
        }
        return slot
    }
}

struct NodeEncoder: Encoder {
    let slot: NodeSlot
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = slot.content {} else { slot.content = .object([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = slot.content {} else { slot.content = .array([]) }
        return UnkeyedNodeContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleNodeContainer(slot: slot, codingPath: codingPath) }

    /// Encodes `value` into `slot`: primitives directly, anything else through its `encode(to:)`.
    static func encode<Value: Encodable>(_ value: Value, into slot: NodeSlot, codingPath: [CodingKey]) throws {
        switch value {
        case let text as String: slot.content = .value(.string(text))
        case let flag as Bool: slot.content = .value(.bool(flag))
        // Every integer type (a seed is a UInt64): their `encode(to:)` asks a single-value container to
        // encode themselves, which would come straight back here, forever, if they fell to `default`.
        case let number as any BinaryInteger: slot.content = .value(.number(String(describing: number)))
        case let number as Double: try encodeNumber(number, into: slot, codingPath: codingPath)
        case let number as Float: try encodeNumber(Double(number), into: slot, codingPath: codingPath)
        default: try value.encode(to: NodeEncoder(slot: slot, codingPath: codingPath))
        }
    }
}

extension NodeEncoder {
    private static func encodeNumber(_ number: Double, into slot: NodeSlot, codingPath: [CodingKey]) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: codingPath, debugDescription: "\(number) is not a JSON number"))
        }
        slot.content = .value(.number(RawValue.format(number)))
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: NodeSlot
    var codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.addField(key.stringValue).content = .value(.null) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        try NodeEncoder.encode(value, into: slot.addField(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(slot: slot.addField(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        NodeEncoder(slot: slot.addField(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { NodeEncoder(slot: slot.addField("super"), codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> Encoder { NodeEncoder(slot: slot.addField(key.stringValue), codingPath: codingPath + [key]) }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let slot: NodeSlot
    var codingPath: [CodingKey]
    var count: Int {
        if case .array(let items) = slot.content { return items.count }
        return 0
    }

    mutating func encodeNil() throws { slot.addItem().content = .value(.null) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try NodeEncoder.encode(value, into: slot.addItem(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(slot: slot.addItem(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        NodeEncoder(slot: slot.addItem(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { NodeEncoder(slot: slot.addItem(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let slot: NodeSlot
    var codingPath: [CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try NodeEncoder.encode(value, into: slot, codingPath: codingPath)
    }
}
