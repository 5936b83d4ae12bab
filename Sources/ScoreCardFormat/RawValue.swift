/// How a raw field value (CSV text, a dictionary value, a database cell as text) is read against a card.
///
/// These rules are part of the card format: the rule scorer, the SQL export and the trainer's loader
/// (LeadData, through LeadCSV's primitives) must read a value the same way, or their totals drift apart.
/// 1. Leading and trailing spaces and tabs are removed — only these: CR, LF, VT and FF are part of the value,
///    so `"5\r"` is not a number and `"vp\n"` is not `vp` (every SQL dialect follows the same rule).
/// 2. The value is missing when it is absent (no such column or key, SQL `NULL`), empty, or exactly one of
///    the card's `missingValues`. This is checked first, whatever the criterion's type.
/// 3. Numeric: a plain decimal literal — optional sign, digits with an optional decimal mark, optional
///    exponent (`12`, `-0.5`, `.5`, `3.`, `9.83E-05`); anything else (`n/a`, `0x10`, `inf`, `1 000`) counts
///    as missing. The mark is the card's `decimalSeparator`: "." by default, "," for `1,5` (then `1.5`
///    is not a number).
/// 4. Boolean: `yes`, `y`, `true` (any letter case) or a number equal to 1 is true; `no`, `n`, `false` or a
///    number equal to 0 is false; anything else counts as missing.
/// 5. Categorical: the trimmed text itself, matched exactly, byte for byte in UTF-8: letter case matters, and so
///    does Unicode normalisation ("café" with a precomposed é and with e + combining accent are two values).
public enum RawValue {
    /// The words that read as true, lower case (besides numbers equal to 1).
    public static let trueWords = ["yes", "y", "true"]
    /// The words that read as false, lower case (besides numbers equal to 0).
    public static let falseWords = ["no", "n", "false"]

    /// The value without leading and trailing spaces and tabs, as the scorer trims bytes: scalar by scalar,
    /// since a space followed by a combining mark is one `Character` that is not `" "`.
    public static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        let isPadding: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = scalars.firstIndex(where: { !isPadding($0) }), let last = scalars.lastIndex(where: { !isPadding($0) }) else {
            return Substring()
        }
        // Not `text[first...last]`: a String subscript rounds scalar indices down to `Character` boundaries.
        return Substring(scalars[first...last])
    }

    /// A number as a person would write it in a card or a message: `3`, `0.25`, `9.83e-05`.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
