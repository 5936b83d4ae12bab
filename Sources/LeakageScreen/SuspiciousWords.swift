/// Words in a column's name or values that point to the sales process or its result. Matched as whole
/// words (split at spaces, punctuation, `_` and camelCase), case-insensitively, so `Lead Status`,
/// `deal_stage` and `LossReason` match and `Statistics` does not.
enum SuspiciousWords {
    /// Names of fields that record what sales did or decided: filled in while or after the lead is worked.
    static let processNames: Set<String> = [
        "status", "stage", "reason", "tag", "tags", "quality", "closed", "lost", "won", "converted", "conversion",
        "outcome", "result", "disposition",
    ]
    /// "Last …" categories (last activity, latest stage) are the state at export time: for a decided lead,
    /// what happened at or after the outcome. Only for categorical columns: a number such as "days since
    /// last activity" is usually measured when the lead is scored.
    static let snapshotNames: Set<String> = ["last", "latest"]
    /// Values that state an outcome.
    static let outcomeValues: Set<String> = [
        "closed", "lost", "won", "converted", "enrolled", "purchased", "churned", "cancelled", "canceled",
        "disqualified", "rejected",
    ]

    /// The suspicious word of a column name, if any.
    static func nameWord(_ name: String, categorical: Bool) -> String? {
        words(name).first { processNames.contains($0) || (categorical && snapshotNames.contains($0)) }
    }

    /// Whether a value names an outcome ("Closed by Horizzon", "Lost to EINS", "Converted to Lead").
    static func namesAnOutcome(_ value: String) -> Bool {
        words(value).contains { outcomeValues.contains($0) }
    }

    /// Lower-cased words of a text.
    static func words(_ text: String) -> [String] {
        var words: [String] = [], word = ""
        var previousWasLower = false
        for character in text {
            if !(character.isLetter || character.isNumber) {
                if !word.isEmpty { words.append(word.lowercased()) }
                (word, previousWasLower) = ("", false)
                continue
            }
            if character.isUppercase, previousWasLower {
                words.append(word.lowercased())
                word = ""
            }
            word.append(character)
            previousWasLower = character.isLowercase
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        return words
    }
}
