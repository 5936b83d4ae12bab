/// Pretty-prints a `JSONNode` the way a person would lay out a card by hand: an object or array that fits
/// on one line stays on one line (a condition, a category list, a calibration entry), anything longer
/// opens up with two-space indentation.
enum JSONLayout {
    static let width = 110

    static func render(_ node: JSONNode) -> String {
        render(node, indent: 0, prefixLength: 0) + "\n"
    }

    private static func render(_ node: JSONNode, indent: Int, prefixLength: Int) -> String {
        let inline = renderInline(node)
        if indent * 2 + prefixLength + inline.count <= width || !isContainer(node) { return inline }
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        switch node {
        case .array(let items):
            let lines = items.map { inner + render($0, indent: indent + 1, prefixLength: 0) }
            return "[\n" + lines.joined(separator: ",\n") + "\n" + outer + "]"
        case .object(let fields):
            let lines = fields.map { field in
                let key = quote(field.key) + ": "
                return inner + key + render(field.value, indent: indent + 1, prefixLength: key.count)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + outer + "}"
        default:
            return inline
        }
    }

    private static func renderInline(_ node: JSONNode) -> String {
        switch node {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return quote(text)
        case .array(let items): return "[" + items.map(renderInline).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{" + fields.map { quote($0.key) + ": " + renderInline($0.value) }.joined(separator: ", ") + "}"
        }
    }

    private static func isContainer(_ node: JSONNode) -> Bool {
        switch node {
        case .array(let items): return !items.isEmpty
        case .object(let fields): return !fields.isEmpty
        default: return false
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as is.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
