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

    static func quoted(_ text: String) -> String { "\"\(text)\"" }
}
