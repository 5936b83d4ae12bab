import LeadCSV

/// Reads the target column: each row's outcome as the index of its value among the first two distinct
/// values seen, rows without one counted and left out.
struct OutcomeParser {
    let missingTokens: MissingTokens
    private var spellings = ByteInterner()
    /// For each interned spelling: 0 or 1 (which of `values`), -1 missing, 2 a third value.
    private var indexOfSpelling: [Int8] = []
    /// The distinct outcome values in first-seen order (at most two).
    private(set) var values: [String] = []
    private(set) var indices: [UInt8] = []
    private(set) var dropped = 0

    init(missingTokens: MissingTokens) { self.missingTokens = missingTokens }

    enum Reading { case outcome, missing, thirdValue }

    mutating func read(_ field: UnsafeBufferPointer<UInt8>) -> Reading {
        let (spelling, isNew) = spellings.intern(field)
        if isNew {
            if missingTokens.contains(field) {
                indexOfSpelling.append(-1)
            } else if values.count < 2 {
                indexOfSpelling.append(Int8(values.count))
                values.append(String(decoding: field, as: UTF8.self))
            } else {
                indexOfSpelling.append(2)
            }
        }
        switch indexOfSpelling[spelling] {
        case -1:
            dropped += 1
            return .missing
        case 2:
            return .thirdValue
        case let index:
            indices.append(UInt8(index))
            return .outcome
        }
    }

    mutating func reserve(_ rows: Int) { indices.reserveColumn(rows) }

    /// The 0/1 labels with 1 = converted, and how they were read. `location` names the target column.
    func finish(positiveLabel: String?, location: SourceLocation) throws(LoadError) -> (labels: [UInt8], outcome: Outcome) {
        guard !values.isEmpty else { throw LoadError(.noOutcomes(rows: dropped), location) }
        guard values.count == 2 else { throw LoadError(.singleOutcomeValue(rows: indices.count), location, value: values[0]) }
        let positive = try Self.positiveIndex(of: values, requested: positiveLabel, location: location)
        let labels = positive == 1 ? indices : indices.map { 1 - $0 }
        let outcome = Outcome(column: location.columnName ?? "", positiveLabel: values[positive],
                              negativeLabel: values[1 - positive], droppedMissing: dropped)
        return (labels, outcome)
    }

    /// Which of the two values means *converted*: the requested one (exact, else ignoring case), or the
    /// obvious one of a pair such as 1/0, yes/no, true/false, won/lost. Exact means byte for byte, as the
    /// values were told apart: two spellings of "café" (NFC, NFD) are two values, and `==` would call both
    /// the requested one.
    static func positiveIndex(of values: [String], requested: String?, location: SourceLocation) throws(LoadError) -> Int {
        if let requested {
            if let exact = values.firstIndex(where: { $0.utf8.elementsEqual(requested.utf8) }) { return exact }
            let folded = values.indices.filter { values[$0].lowercased() == requested.lowercased() }
            guard folded.count == 1 else { throw LoadError(.unknownPositive(values: values), location, value: requested) }
            return folded[0]
        }
        let positives: Set<String> = ["1", "yes", "y", "true", "t", "converted", "won", "closed won", "success", "positive"]
        let negatives: Set<String> = ["0", "no", "n", "false", "f", "not converted", "lost", "closed lost", "failure", "negative"]
        let lowered = values.map { $0.lowercased() }
        for index in 0..<2 where positives.contains(lowered[index]) && negatives.contains(lowered[1 - index]) {
            return index
        }
        throw LoadError(.ambiguousPositive(values: values), location)
    }
}
