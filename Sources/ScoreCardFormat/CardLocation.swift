/// How problems name a place in a card: JSON paths with the name of the criterion, tier or group added
/// after its index (`criteria[3] "pricing_page_visits" conditions[1].range`), because a person editing
/// a card finds "pricing_page_visits" faster than the fourth criterion.
enum CardLocation {
    static func criterion(_ index: Int, _ criterion: Criterion) -> String {
        "criteria[\(index)] \(quoted(criterion.feature))"
    }

    static func condition(_ index: Int, of criterionIndex: Int, _ criterion: Criterion) -> String {
        "\(self.criterion(criterionIndex, criterion)) conditions[\(index)]"
    }

    static func tier(_ index: Int, _ tier: Tier) -> String { "tiers[\(index)] \(quoted(tier.name))" }

    static func group(_ index: Int, _ group: CriterionGroup) -> String { "groups[\(index)] \(quoted(group.name))" }

    /// A decoder's coding path, with names looked up in the parsed JSON `tree` (`JSONSerialization` output).
    static func render(_ path: [CodingKey], in tree: Any?) -> String {
        let namingField = ["criteria": "feature", "tiers": "name", "groups": "name"]
        var text = ""
        var node = tree
        var parentKey: String?
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
                let array = node as? [Any]
                node = array.flatMap { index < $0.count ? $0[index] : nil }
                if let field = parentKey.flatMap({ namingField[$0] }), let name = (node as? [String: Any])?[field] as? String {
                    text += " \(quoted(name))"
                }
                parentKey = nil
            } else {
                let separator = text.isEmpty ? "" : (text.hasSuffix("\"") ? " " : ".")
                text += separator + key.stringValue
                node = (node as? [String: Any])?[key.stringValue]
                parentKey = key.stringValue
            }
        }
        return text
    }

    /// `"text"` for a message, control characters written as escapes (`\n`, `\u{0}`), so a message about a
    /// hostile card cannot carry one to a terminal or a log.
    static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return "\"\(text)\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `U+000A (line feed)`: a control character as a person can look it up.
    static func controlName(_ byte: UInt8) -> String {
        let names: [UInt8: String] = [0: "NUL", 9: "tab", 10: "line feed", 11: "vertical tab", 12: "form feed", 13: "carriage return",
                                      27: "escape", 127: "delete"]
        let hex = String(byte, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex + (names[byte].map { " (\($0))" } ?? "")
    }
}
