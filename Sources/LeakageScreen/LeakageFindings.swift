import Foundation
import LeadData

/// Why a column looks like it was filled in after the outcome (or otherwise gives it away).
public enum LeakageReason: Sendable, Equatable, Encodable {
    /// Alone, the column ranks held-out leads almost perfectly.
    case decidesAlone(auc: Double)
    /// Alone, the column ranks held-out leads better than honest lead fields usually do.
    case veryStrongAlone(auc: Double)
    /// A word of the name says the column records the sales process or its result ("status", "tags").
    case suspiciousName(word: String)
    /// Values that name an outcome ("Closed by Horizzon", "Lost to EINS", "Converted to Lead").
    case suspiciousValues([String])
    /// Values with enough training leads that occur with only one outcome, in training and held-out leads
    /// alike (and do occur among the held-out leads).
    case singleOutcomeValues([PureValue])
    /// Values whose leads nearly all share one outcome, together covering this share of training leads.
    case nearPureValues(share: Double, values: [String])

    /// One line for a person.
    public var text: String {
        switch self {
        case .decidesAlone(let auc):
            return "alone it nearly decides the outcome (held-out AUC \(Self.fixed(auc)))"
        case .veryStrongAlone(let auc):
            return "alone it ranks leads better than lead fields usually do (held-out AUC \(Self.fixed(auc)))"
        case .suspiciousName(let word):
            return "its name says \"\(word)\", which usually describes the sales process or its result"
        case .suspiciousValues(let values):
            return "values that name an outcome: \(Self.listed(values))"
        case .singleOutcomeValues(let values):
            let shown = values.prefix(4).map { "\"\($0.value)\" (\($0.rows) leads, all \($0.converted ? "converted" : "lost"))" }
            return "values that occur with only one outcome: \(shown.joined(separator: ", "))\(values.count > 4 ? ", …" : "")"
        case .nearPureValues(let share, let values):
            return "values whose leads nearly all share one outcome cover \(Self.percent(share)) of leads: \(Self.listed(values))"
        }
    }

    /// A few words, for a table cell.
    public var label: String {
        switch self {
        case .decidesAlone: return "decides alone"
        case .veryStrongAlone: return "very strong alone"
        case .suspiciousName(let word): return "name: \(word)"
        case .suspiciousValues: return "outcome values"
        case .singleOutcomeValues: return "one-outcome values"
        case .nearPureValues: return "near-pure values"
        }
    }

    /// Which kind of evidence: a column with two kinds (or decisive strength) is a likely leak.
    var kind: Int {
        switch self {
        case .decidesAlone, .veryStrongAlone: return 0
        case .suspiciousName: return 1
        case .suspiciousValues: return 2
        case .singleOutcomeValues, .nearPureValues: return 3
        }
    }

    private enum Key: String, CodingKey { case kind, text, auc, word, values, share }

    /// `{"kind": "decidesAlone", "auc": 0.93, "text": "alone it nearly decides …"}`: the figures for programs,
    /// the sentence for people.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(text, forKey: .text)
        switch self {
        case .decidesAlone(let auc):
            try container.encode("decidesAlone", forKey: .kind)
            try container.encode(auc, forKey: .auc)
        case .veryStrongAlone(let auc):
            try container.encode("veryStrongAlone", forKey: .kind)
            try container.encode(auc, forKey: .auc)
        case .suspiciousName(let word):
            try container.encode("suspiciousName", forKey: .kind)
            try container.encode(word, forKey: .word)
        case .suspiciousValues(let values):
            try container.encode("suspiciousValues", forKey: .kind)
            try container.encode(values, forKey: .values)
        case .singleOutcomeValues(let values):
            try container.encode("singleOutcomeValues", forKey: .kind)
            try container.encode(values, forKey: .values)
        case .nearPureValues(let share, let values):
            try container.encode("nearPureValues", forKey: .kind)
            try container.encode(share, forKey: .share)
            try container.encode(values, forKey: .values)
        }
    }

    static func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    static func listed(_ values: [String]) -> String {
        values.prefix(4).map { "\"\($0)\"" }.joined(separator: ", ") + (values.count > 4 ? ", …" : "")
    }
}

/// A value of a column that occurs with only one outcome.
public struct PureValue: Sendable, Equatable, Codable {
    /// The value (category or bin) as it appears in the data.
    public var value: String
    /// Training and held-out leads with this value.
    public var rows: Int
    /// Whether all of them converted (else all were lost).
    public var converted: Bool
}

/// How worried to be about a column.
public enum LeakageVerdict: String, Sendable, Equatable, Codable, Comparable {
    /// Nothing found.
    case none
    /// One kind of evidence: check that the column is known before the outcome.
    case suspect
    /// Decisive strength, or two kinds of evidence: most likely filled in after the outcome.
    case likelyLeak = "likely leak"

    private var rank: Int { self == .none ? 0 : (self == .suspect ? 1 : 2) }
    public static func < (a: LeakageVerdict, b: LeakageVerdict) -> Bool { a.rank < b.rank }
}

/// One candidate column: how strong it is alone on held-out leads and what looks wrong with it.
public struct ColumnScreening: Sendable, Equatable, Encodable {
    /// The column's name.
    public var column: String
    /// How the column was read; numeric columns are screened by bins.
    public var role: ColumnRole
    /// AUC on held-out leads of the conversion rate of each value (bin) fitted on training leads; `nil`
    /// when the held-out leads have a single outcome.
    public var heldOutAUC: Double?
    /// Information value on held-out leads, over the training values (bins).
    public var informationValue: Double
    /// Each piece of evidence found, with the numbers behind it.
    public var reasons: [LeakageReason]
    /// How worried to be, from the reasons: none, suspect or likely leak.
    public var verdict: LeakageVerdict

    private enum Key: String, CodingKey { case column, role, heldOutAUC, informationValue, reasons, verdict, suggestedAction }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(column, forKey: .column)
        try container.encode(role, forKey: .role)
        try container.encodeIfPresent(heldOutAUC, forKey: .heldOutAUC)
        try container.encode(informationValue, forKey: .informationValue)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(verdict, forKey: .verdict)
        try container.encodeIfPresent(suggestedAction, forKey: .suggestedAction)
    }

    /// What to do, for a flagged column: leave it out unless it is known before the outcome, in the
    /// library's terms (`LoadOptions.excluded`).
    public var suggestedAction: String? { suggestedAction(leavingOut: LeakageAdvice.loadOptions) }

    /// What to do, with `leavingOut` saying how to leave columns out: a command-line tool names its flag.
    public func suggestedAction(leavingOut: LeakageAdvice.LeaveOut) -> String? {
        switch verdict {
        case .none: return nil
        case .likelyLeak: return "leave it out: \(leavingOut([column]))"
        case .suspect: return "check it is known before the outcome; if not, \(leavingOut([column]))"
        }
    }
}

/// A placeholder value a user would want read as missing, such as the `Select` a drop-down is left at.
public struct PlaceholderFinding: Sendable, Equatable, Encodable {
    /// One column in which the placeholder occurs.
    public struct Use: Sendable, Equatable, Codable {
        /// The column's name.
        public var column: String
        /// Share of the column's non-missing values.
        public var share: Double
        /// Whether the placeholder is the column's most common value (the usual sign of a default left unchanged).
        public var isMostCommonValue: Bool

        /// A use from its column, share and whether the placeholder is the column's most common value.
        public init(column: String, share: Double, isMostCommonValue: Bool) {
            self.column = column
            self.share = share
            self.isMostCommonValue = isMostCommonValue
        }
    }

    /// The placeholder text, e.g. `Select`.
    public var value: String
    /// Every column it occurs in, with its share there.
    public var columns: [Use]

    /// A finding for the placeholder `value` and the columns it occurs in.
    public init(value: String, columns: [Use]) {
        self.value = value
        self.columns = columns
    }

    private enum Key: String, CodingKey { case value, columns, text }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(value, forKey: .value)
        try container.encode(columns, forKey: .columns)
        try container.encode(text, forKey: .text)
    }

    /// What reads it as missing, in the library's terms (`LoadOptions.missingTokens`).
    public var suggestedOption: String { LeakageAdvice.loadOptionsMissing(value) }

    /// One line for a person, in the library's terms.
    public var text: String { text(readingAsMissing: LeakageAdvice.loadOptionsMissing) }

    /// One line for a person, with `readingAsMissing` saying how to read a value as missing (a
    /// command-line tool names its flag).
    public func text(readingAsMissing: LeakageAdvice.ReadAsMissing) -> String {
        let most = columns.filter(\.isMostCommonValue).count
        let uses = columns.prefix(6).map { "\($0.column) \(LeakageReason.percent($0.share))" }.joined(separator: ", ")
        let plural = columns.count == 1 ? "" : "s"
        let commonest = most == 0 ? "" : (most == columns.count ? (columns.count == 1 ? ", its most common value" : ", the most common value in each")
                                                                  : ", the most common value in \(most)")
        return "\"\(value)\" looks like a placeholder for no answer in \(columns.count) column\(plural)\(commonest) (\(uses)\(columns.count > 6 ? ", …" : ""));"
            + " if it means no answer, \(readingAsMissing(value))"
    }
}

/// How advice names the two remedies the screen suggests, leaving columns out and reading a value as
/// missing. The library speaks of its own options (`LoadOptions.excluded`, `LoadOptions.missingTokens`); a
/// command-line tool passes closures that name its flags, built from the column names and values themselves
/// (never parsed back out of text, since a column may be called anything).
public enum LeakageAdvice {
    /// Words that leave the named columns out of the features.
    public typealias LeaveOut = @Sendable ([String]) -> String
    /// Words that read a value as missing.
    public typealias ReadAsMissing = @Sendable (String) -> String

    /// `add "Tags" and "Lead Quality" to the excluded columns (LoadOptions.excluded)`.
    public static let loadOptions: LeaveOut = { names in
        "add \(listed(names)) to the excluded columns (LoadOptions.excluded)"
    }

    /// `add "Select" to the missing-value texts (LoadOptions.missingTokens)`.
    public static let loadOptionsMissing: ReadAsMissing = { value in
        "add \(adviceQuoted(value)) to the missing-value texts (LoadOptions.missingTokens)"
    }

    /// Names in double quotes (a quote or backslash in a name escaped), joined as a person writes a list.
    static func listed(_ names: [String]) -> String {
        let quotedNames = names.map(adviceQuoted)
        guard quotedNames.count > 1 else { return quotedNames.first ?? "" }
        return quotedNames.dropLast().joined(separator: ", ") + " and " + quotedNames.last!
    }

}
