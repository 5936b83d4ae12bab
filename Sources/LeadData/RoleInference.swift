import LeadCSV

/// What the first rows of one column look like, and the role that follows from it.
///
/// Integer-coded categories (`Region` 1–9) cannot be told from counts by looking, so they come out
/// numeric; `LoadOptions.roles` and the schema file exist for them.
struct RoleEvidence {
    private(set) var values = 0
    private var numbers = 0, integers = 0, zeroOrOne = 0, booleanWords = 0, dates = 0
    /// Values that are numbers only when read with the other decimal mark (`1,5` in a `;` file).
    private var otherMarkNumbers = 0
    private var distinct = Set<UInt64>()
    /// A few of the texts that are not numbers, for the note on a mostly numeric column.
    private(set) var texts: [String] = []
    private var distinctTexts = Set<UInt64>()

    /// Records one non-missing value (trimmed), seen `count` times.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, decimalSeparator: UInt8, count: Int = 1) {
        values += count
        let hash = hashBytes(bytes)
        distinct.insert(hash)
        if let number = DecimalNumber.parse(bytes, decimalSeparator: decimalSeparator) {
            numbers += count
            if !bytes.contains(where: { $0 == decimalSeparator || $0 | 0x20 == UInt8(ascii: "e") }) {
                integers += count
                if number == 0 || number == 1 { zeroOrOne += count }
            }
        } else {
            let otherMark = decimalSeparator == UInt8(ascii: ".") ? UInt8(ascii: ",") : UInt8(ascii: ".")
            if DecimalNumber.parse(bytes, decimalSeparator: otherMark) != nil { otherMarkNumbers += count }
            if BooleanWord.value(of: bytes) != nil { booleanWords += count }
            if ISODate.parse(bytes) != nil { dates += count }
            if texts.count < 3, distinctTexts.insert(hash).inserted { texts.append(String(decoding: bytes, as: UTF8.self)) }
        }
    }

    /// The role of column `name`: boolean, date, numeric, identifier or categorical, in that order.
    func role(name: String) -> ColumnRole {
        guard values > 0 else { return .categorical }
        if booleanWords == values || zeroOrOne == values { return .boolean }
        if dates == values { return .date }
        let unique = distinct.count == values
        if numbers == values {
            // Unique integers are ids when the name says so or the sample is too large for chance.
            return integers == values && unique && values >= 2 && (Self.namesAnIdentifier(name) || values >= 1000) ? .identifier : .numeric
        }
        // Unique text: UUIDs, e-mail addresses, free-text notes. Small samples need the name's support.
        return unique && (values >= 20 || (values >= 2 && Self.namesAnIdentifier(name))) ? .identifier : .categorical
    }

    /// Some values, all of them the numbers 0 and 1 (not yes/no words).
    var holdsOnlyZeroAndOne: Bool { values > 0 && zeroOrOne == values }

    /// Every value a number once read with the other decimal mark, some only then: the decimal mark (`LoadOptions.decimalSeparator`) is wrong.
    var needsTheOtherDecimalMark: Bool {
        values > 0 && numbers < values && numbers + otherMarkNumbers == values
    }

    /// Mostly numbers with a few texts: probably placeholders the user should declare missing.
    var looksLikeNumbersWithPlaceholders: Bool {
        numbers > 0 && numbers < values && !texts.isEmpty && distinctTexts.count <= 3 && numbers * 10 >= values * 9
    }

    /// Whether a word of the name (split at spaces, punctuation and camelCase) is an identifier word:
    /// `Lead Number`, `lead_id`, `ProspectID`, `uuid`.
    static func namesAnIdentifier(_ name: String) -> Bool {
        let hints: Set<String> = ["id", "uuid", "guid", "key", "number", "no", "nr", "ref"]
        var words: [String] = [], word = ""
        var previousWasLower = false
        for character in name {
            if !(character.isLetter || character.isNumber) {
                if !word.isEmpty { words.append(word) }
                (word, previousWasLower) = ("", false)
                continue
            }
            if character.isUppercase, previousWasLower {
                words.append(word)
                word = ""
            }
            word.append(character)
            previousWasLower = character.isLowercase
        }
        if !word.isEmpty { words.append(word) }
        return words.contains { hints.contains($0.lowercased()) }
    }
}

/// The spellings of yes and no that CRM exports use.
enum BooleanWord {
    /// 1 for yes/true/y, 0 for no/false/n (any case); `nil` for anything else.
    static func value(of bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.equalsIgnoringCase("yes") || bytes.equalsIgnoringCase("true") || bytes.equalsIgnoringCase("y") { return 1 }
        if bytes.equalsIgnoringCase("no") || bytes.equalsIgnoringCase("false") || bytes.equalsIgnoringCase("n") { return 0 }
        return nil
    }
}
