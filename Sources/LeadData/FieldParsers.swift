import LeadCSV

/// Turns one column's fields into typed values during the streaming pass, one field per row.
protocol FieldParser {
    /// Adds field `row` of a batch's column; `false` if it does not fit the column's role.
    mutating func append(_ fields: CSVColumnSlice, row: Int) -> Bool
    mutating func reserve(_ rows: Int)
    /// The column's values, missing count and distinct count.
    func finish() -> (values: ColumnValues, missing: Int, distinct: Int)
}

/// A parser that reads each field as its text, trimmed of spaces.
protocol TextFieldParser: FieldParser {
    mutating func append(_ field: UnsafeBufferPointer<UInt8>) -> Bool
}

extension TextFieldParser {
    mutating func append(_ fields: CSVColumnSlice, row: Int) -> Bool { append(fields[row].trimmingSpaces()) }
}

/// What a measure column holds: how a field becomes a double, and which kind of column the doubles make.
protocol MeasureKind {
    static func value(_ fields: CSVColumnSlice, row: Int, decimalSeparator: UInt8) -> Double?
    static func column(_ values: NumberColumn) -> ColumnValues
}

/// Decimal numbers, read from the batch's padded buffer.
enum NumberMeasure: MeasureKind {
    static func value(_ fields: CSVColumnSlice, row: Int, decimalSeparator: UInt8) -> Double? {
        fields.number(row, decimalSeparator: decimalSeparator)
    }

    static func column(_ values: NumberColumn) -> ColumnValues { .numeric(values) }
}

/// ISO 8601 dates, as seconds since 1970.
enum DateMeasure: MeasureKind {
    static func value(_ fields: CSVColumnSlice, row: Int, decimalSeparator: UInt8) -> Double? {
        ISODate.parse(fields[row].trimmingSpaces())
    }

    static func column(_ values: NumberColumn) -> ColumnValues { .date(values) }
}

/// Numbers or dates, NaN for missing. A field that is neither a value nor a missing token does not fit.
struct MeasureParser<Kind: MeasureKind>: FieldParser {
    let missingTokens: MissingTokens
    let decimalSeparator: UInt8
    private var values = NumberColumnBuilder()
    private var missing = 0

    init(missingTokens: MissingTokens, decimalSeparator: UInt8) {
        self.missingTokens = missingTokens
        self.decimalSeparator = decimalSeparator
    }

    mutating func append(_ fields: CSVColumnSlice, row: Int) -> Bool {
        if missingTokens.includesNumbers, missingTokens.contains(fields[row].trimmingSpaces()) {
            values.append(.nan)
            missing += 1
            return true
        }
        if let value = Kind.value(fields, row: row, decimalSeparator: decimalSeparator) {
            values.append(value)
            return true
        }
        guard missingTokens.contains(fields[row].trimmingSpaces()) else { return false }
        values.append(.nan)
        missing += 1
        return true
    }

    mutating func reserve(_ rows: Int) { values.reserve(rows) }

    func finish() -> (values: ColumnValues, missing: Int, distinct: Int) {
        let column = values.finish()
        return (Kind.column(column), missing, column.distinctCount)
    }
}

typealias NumericParser = MeasureParser<NumberMeasure>
typealias DateParser = MeasureParser<DateMeasure>

/// Yes/no values as 1/0, NaN for missing. Each spelling is classified once and then found by its bytes.
struct BooleanParser: TextFieldParser {
    let missingTokens: MissingTokens
    let decimalSeparator: UInt8
    private var spellings = ByteInterner()
    private var valueOfSpelling: [Double] = []
    private var values = NumberColumnBuilder()
    private var missing = 0

    init(missingTokens: MissingTokens, decimalSeparator: UInt8) {
        self.missingTokens = missingTokens
        self.decimalSeparator = decimalSeparator
    }

    mutating func append(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        if let code = spellings.code(of: field) {
            let value = valueOfSpelling[code]
            values.append(value)
            if value.isNaN { missing += 1 }
            return true
        }
        let value: Double
        if missingTokens.contains(field) {
            value = .nan
        } else if let word = BooleanWord.value(of: field) {
            value = word
        } else if let number = DecimalNumber.parse(field, decimalSeparator: decimalSeparator), number == 0 || number == 1 {
            value = number
        } else {
            return false
        }
        _ = spellings.intern(field)
        valueOfSpelling.append(value)
        values.append(value)
        if value.isNaN { missing += 1 }
        return true
    }

    mutating func reserve(_ rows: Int) { values.reserve(rows) }

    func finish() -> (values: ColumnValues, missing: Int, distinct: Int) {
        (.boolean(values.finish()), missing, Set(valueOfSpelling.filter { !$0.isNaN }).count)
    }
}

/// Labels as codes into the levels in first-seen order; -1 for missing. Never rejects a value.
struct CategoricalParser: TextFieldParser {
    let missingTokens: MissingTokens
    private var spellings = ByteInterner()
    /// Level code of each interned spelling, -1 for a missing-value token.
    private var levelOfSpelling: [Int32] = []
    private var levels: [String] = []
    private var codes = CategoryCodesBuilder()
    private var missing = 0

    init(missingTokens: MissingTokens) { self.missingTokens = missingTokens }

    mutating func append(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !field.isEmpty else {
            codes.append(-1)
            missing += 1
            return true
        }
        let (spelling, isNew) = spellings.intern(field)
        if isNew {
            if missingTokens.contains(field) {
                levelOfSpelling.append(-1)
            } else {
                levelOfSpelling.append(Int32(levels.count))
                levels.append(String(decoding: field, as: UTF8.self))
            }
        }
        let code = levelOfSpelling[spelling]
        codes.append(code)
        if code < 0 { missing += 1 }
        return true
    }

    mutating func reserve(_ rows: Int) { codes.reserve(rows) }

    func finish() -> (values: ColumnValues, missing: Int, distinct: Int) {
        (.categorical(codes: codes.finish(), levels: levels), missing, levels.count)
    }
}

/// Identifier and excluded columns: no values kept, only the missing count and a 64-bit hash per value,
/// enough to count distinct values in 8 bytes a row instead of the text.
struct SummaryParser: TextFieldParser {
    let missingTokens: MissingTokens
    private var hashes: [UInt64] = []
    private var missing = 0

    init(missingTokens: MissingTokens) { self.missingTokens = missingTokens }

    mutating func append(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        if missingTokens.contains(field) {
            missing += 1
        } else {
            hashes.append(hashBytes(field))
        }
        return true
    }

    mutating func reserve(_ rows: Int) { hashes.reserveColumn(rows) }

    func finish() -> (values: ColumnValues, missing: Int, distinct: Int) { (.none, missing, countDistinct(hashes: hashes)) }
}
