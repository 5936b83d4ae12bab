/// Text a card matches against data or shows per lead — feature names, groups, categories, missing-value
/// tokens, labels, tier names and actions — may not hold a control character (U+0000–U+001F, U+007F).
///
/// None belongs in a column name, a category or a label, and each is a hazard where the text lands: a NUL
/// ends a line for `sqlite3` and `psql` (an exported query would run what follows as commands), a line
/// break splits a CSV row or a log line, an escape sequence rewrites a terminal. The SQL export quotes
/// every text totally anyway; rejecting them here means a card file that holds one is refused with its
/// JSON path before anything reads it. The card's own `name`, `description` and provenance are free text
/// and not checked.
extension ScoreCard {
    func checkControlCharacters(_ list: inout ProblemList) {
        for (index, token) in missingValues.enumerated() { list.plainText(token, at: "missingValues[\(index)]") }
        for (index, group) in groups.enumerated() {
            let location = CardLocation.group(index, group)
            list.plainText(group.name, at: location + ".name")
            list.plainText(group.label, at: location + ".label")
        }
        for (index, criterion) in criteria.enumerated() {
            let location = CardLocation.criterion(index, criterion)
            list.plainText(criterion.feature, at: location + ".feature")
            list.plainText(criterion.label, at: location + ".label")
            list.plainText(criterion.group, at: location + ".group")
            for (position, condition) in criterion.conditions.enumerated() {
                let conditionLocation = CardLocation.condition(position, of: index, criterion)
                list.plainText(condition.label, at: conditionLocation + ".label")
                if case .categories(let labels) = condition.match {
                    for (labelIndex, label) in labels.enumerated() { list.plainText(label, at: conditionLocation + ".categories[\(labelIndex)]") }
                }
            }
        }
        for (index, tier) in tiers.enumerated() {
            let location = CardLocation.tier(index, tier)
            list.plainText(tier.name, at: location + ".name")
            list.plainText(tier.action, at: location + ".action")
        }
    }
}

extension ProblemList {
    /// Adds a problem when `text` holds a control character, naming the first one.
    mutating func plainText(_ text: String?, at location: String) {
        guard let text, let byte = text.utf8.first(where: { $0 < 0x20 || $0 == 0x7F }) else { return }
        add(location, "holds the control character \(CardLocation.controlName(byte)); card text that names or matches data, or "
            + "is shown per lead, may not hold control characters (U+0000–U+001F, U+007F): remove it")
    }
}
