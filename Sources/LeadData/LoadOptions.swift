import Foundation

/// How to read a CSV of leads into a `Dataset`. `LoadOptions()` reads a typical export; the fields below
/// (target, positive label, missing-value texts, roles, excluded columns, delimiter) and a schema file
/// (`LoadSchema`) fill in what inference cannot know. A command line maps its flags onto these fields.
public struct LoadOptions: Sendable, Equatable {
    /// Texts that mean "no value" in every file.
    ///
    /// Blank, the spreadsheet and database spellings of "not available", and the `NaN` pandas writes.
    /// Not `None`, `-` or `0`: in CRM exports those are often real answers ("Previous course: None"),
    /// and one extra missing-value text is easier than an answer silently lost.
    public static let defaultMissingTokens = ["", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "NaN", "nan"]

    /// The field separator; `nil` detects `,` `;` or tab from the first lines.
    public var delimiter: UInt8?
    /// The decimal mark in numbers: `.`, or `,` for exports such as `1,5` (then the delimiter is `;` or tab).
    public var decimalSeparator: UInt8
    /// Texts that mean "no value" in this file, on top of `defaultMissingTokens`: placeholders such as
    /// `Select` (a drop-down left at its default) or `unknown`. Compared after trimming spaces, case-sensitively.
    public var missingTokens: [String]
    /// Roles that override inference, by column name (e.g. integer codes that are categories).
    public var roles: [String: ColumnRole]
    /// Columns to leave out, e.g. filled in by sales after the outcome, so they leak it.
    public var excluded: [String]
    /// The outcome column; without it the dataset has no labels (leads to be scored).
    public var target: String?
    /// The target value that means *converted*; inferred for obvious pairs such as 1/0, yes/no, true/false.
    public var positiveLabel: String?
    /// Rows read for a first guess of each column's role before the file is parsed; a later value the guess
    /// cannot hold widens the role (and the file is parsed again), so the whole file decides.
    public var inferenceRows: Int
    /// Roles a score card reads columns as (`LoadOptions.typed(for:)` in CardOperations), used instead of
    /// inference for the columns the file has. Unlike `roles` they are expectations, not orders: a name the
    /// header lacks is no error (the card ↔ data checks report it, with the closest column), and a value
    /// that does not fit widens the column as for an inferred role (a text column a card reads as numbers
    /// loads as categorical, and the checks report its unreadable values) instead of failing the load.
    public var expectedRoles: [String: ColumnRole] = [:]

    /// Options for a typical export: delimiter detected, `.` decimals, the default missing-value texts, roles inferred.
    public init(delimiter: UInt8? = nil, decimalSeparator: UInt8 = UInt8(ascii: "."), missingTokens: [String] = [],
                roles: [String: ColumnRole] = [:], excluded: [String] = [], target: String? = nil,
                positiveLabel: String? = nil, inferenceRows: Int = 10_000) {
        self.delimiter = delimiter
        self.decimalSeparator = decimalSeparator
        self.missingTokens = missingTokens
        self.roles = roles
        self.excluded = excluded
        self.target = target
        self.positiveLabel = positiveLabel
        self.inferenceRows = inferenceRows
    }

    /// Every text that means "no value": the defaults and this file's own, trimmed like the values are.
    public var allMissingTokens: [String] {
        Self.defaultMissingTokens + missingTokens.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The byte for a delimiter written by a user: a single ASCII character, or `tab`/`\t`.
    /// `nil` for anything else, and for the quote and line breaks, which cannot separate fields.
    public static func delimiterByte(_ text: String) -> UInt8? {
        if text == "tab" || text == "\\t" { return UInt8(ascii: "\t") }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80,
              byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else { return nil }
        return byte
    }
}

/// A value or column name as the library's advice quotes it (`add "Select" to the missing-value texts`): in
/// double quotes with `"` and `\` escaped by a backslash, so a reader (the CLI's flag mapping) gets the text
/// back exactly whatever it holds.
package func adviceQuoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
