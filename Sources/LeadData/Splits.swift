/// Row indices of the train / validation / test parts of a dataset, and how they were drawn.
public struct DataSplit: Codable, Sendable, Equatable {
    /// Rows a model learns from.
    public var train: [Int]
    /// Rows that choose rounds or the penalty and calibrate (empty when not asked for).
    public var validation: [Int]
    /// Rows kept for the test figures only.
    public var test: [Int]
    /// Human-readable, e.g. "stratified random, seed 7" or "time-ordered by created_at".
    public var method: String
    /// The seed of a random split, recorded so the split can be drawn again; `nil` for a time split.
    public var seed: UInt64?

    /// The train and validation rows together, ascending: the leads before test. Both parts are ascending,
    /// so they are merged in one pass rather than sorted (millions of rows on a large file).
    public var rowsBeforeTest: [Int] {
        var merged: [Int] = []
        merged.reserveCapacity(train.count + validation.count)
        var (i, j) = (0, 0)
        while i < train.count, j < validation.count {
            if train[i] <= validation[j] { merged.append(train[i]); i += 1 } else { merged.append(validation[j]); j += 1 }
        }
        merged += train[i...]
        merged += validation[j...]
        return merged
    }
}

/// How rows are assigned to train, validation and test.
public enum SplitMethod: Sendable, Equatable {
    /// Random within each outcome class, so every part has the same conversion rate.
    case stratified(seed: UInt64)
    /// Oldest rows train, newest test: what a deployed model faces. The column must be a date or a number
    /// that grows with time; rows without a value there go to training.
    case timeOrdered(column: String)
}

/// Why leads cannot be split as asked; each case carries what is needed to say so.
public enum SplitError: Error, Equatable, CustomStringConvertible {
    /// The leads have no outcome, so they cannot be stratified or held out.
    case noOutcome
    /// The validation and test fractions are outside 0…1 or add up to 1 or more.
    case invalidFractions(validation: Double, test: Double)
    /// Too few leads of one outcome to give every part some.
    case tooFewRows(positives: Int, negatives: Int)
    /// The column named for a time split is not in the data.
    case unknownColumn(String)
    /// The column named for a time split is neither a date nor a number, so it has no order.
    case notOrderable(column: String, role: ColumnRole)
    /// More folds than leads of the smaller outcome class.
    case invalidFoldCount(Int, smallestClass: Int)

    public var description: String {
        switch self {
        case .noOutcome:
            return "the data has no outcome column; name the target column when loading (LoadOptions.target)"
        case .invalidFractions(let validation, let test):
            return "validation (\(validation)) and test (\(test)) fractions must be ≥ 0 and leave rows for training"
        case .tooFewRows(let positives, let negatives):
            return "too few rows to split: \(positives) converted and \(negatives) lost; each part needs both outcomes"
        case .unknownColumn(let name):
            return "no column named '\(name)' to order the split by"
        case .notOrderable(let column, let role):
            return "column '\(column)' is \(role.rawValue); a time-ordered split needs a date or numeric column (load it with the role date: LoadOptions.roles)"
        case .invalidFoldCount(let folds, let smallestClass):
            return "\(folds) folds need at least 2 folds and no more than the \(smallestClass) rows of the smaller outcome class"
        }
    }
}

extension Dataset {
    /// Splits rows into train / validation / test. Indices within each part are ascending.
    public func split(_ method: SplitMethod, validationFraction: Double = 0.2, testFraction: Double = 0.2) throws(SplitError) -> DataSplit {
        guard let labels else { throw .noOutcome }
        guard validationFraction >= 0, testFraction >= 0, validationFraction + testFraction < 1 else {
            throw .invalidFractions(validation: validationFraction, test: testFraction)
        }
        let positives = labels.reduce(0) { $0 + Int($1) }
        guard positives >= 3, labels.count - positives >= 3 else {
            throw .tooFewRows(positives: positives, negatives: labels.count - positives)
        }
        switch method {
        case .stratified(let seed):
            var generator = SeededGenerator(seed: seed)
            // Each row's part (0 train, 1 validation, 2 test), then the parts collected in row order: the
            // ascending lists sorting would give, in one pass instead of three sorts of millions of rows.
            var partOfRow = [UInt8](repeating: 0, count: labels.count)
            for rows in rowsByClass(labels) {
                let shuffled = rows.shuffledDeterministically(using: &generator)
                let testCount = Int((Double(rows.count) * testFraction).rounded())
                let validationCount = Int((Double(rows.count) * validationFraction).rounded())
                for row in shuffled[0..<testCount] { partOfRow[row] = 2 }
                for row in shuffled[testCount..<(testCount + validationCount)] { partOfRow[row] = 1 }
            }
            let parts = rowsOfParts(partOfRow, count: 3)
            return DataSplit(train: parts[0], validation: parts[1], test: parts[2],
                             method: "stratified random, seed \(seed)", seed: seed)
        case .timeOrdered(let name):
            guard let column = column(named: name) else { throw .unknownColumn(name) }
            let times: [Double]
            switch column.values {
            case .date(let values), .numeric(let values): times = values.doubles
            default: throw .notOrderable(column: name, role: column.role)
            }
            // Missing times sort first (treated as old) so they never land in the test part.
            let ordered = (0..<rowCount).sorted { a, b in
                let (ta, tb) = (times[a].isNaN ? -Double.infinity : times[a], times[b].isNaN ? -Double.infinity : times[b])
                return ta != tb ? ta < tb : a < b
            }
            let testCount = Int((Double(rowCount) * testFraction).rounded())
            let validationCount = Int((Double(rowCount) * validationFraction).rounded())
            let trainEnd = rowCount - testCount - validationCount
            return DataSplit(train: ordered[..<trainEnd].sorted(),
                             validation: ordered[trainEnd..<(trainEnd + validationCount)].sorted(),
                             test: ordered[(trainEnd + validationCount)...].sorted(),
                             method: "time-ordered by \(name)", seed: nil)
        }
    }

    /// Stratified k-fold cross-validation: `folds[i]` holds the held-out rows of fold i (ascending); each
    /// fold's training rows are all the others. Every row is held out exactly once.
    public func stratifiedFolds(_ count: Int, seed: UInt64) throws(SplitError) -> [[Int]] {
        guard let labels else { throw .noOutcome }
        let classes = rowsByClass(labels)
        let smallest = classes.map(\.count).min() ?? 0
        guard count >= 2, count <= smallest else { throw .invalidFoldCount(count, smallestClass: smallest) }
        var generator = SeededGenerator(seed: seed)
        var folds = [[Int]](repeating: [], count: count)
        var offset = 0
        for rows in classes {
            // Continue the round-robin across classes so fold sizes differ by at most one.
            for (position, row) in rows.shuffledDeterministically(using: &generator).enumerated() {
                folds[(position + offset) % count].append(row)
            }
            offset += rows.count
        }
        return folds.map { $0.sorted() }
    }

    private func rowsByClass(_ labels: [UInt8]) -> [[Int]] {
        var negatives: [Int] = [], positives: [Int] = []
        for (row, label) in labels.enumerated() {
            if label == 1 { positives.append(row) } else { negatives.append(row) }
        }
        return [negatives, positives]
    }
}

extension Array {
    /// Fisher–Yates with our own generator: the standard library's `shuffled(using:)` does not promise
    /// the same order across Swift versions.
    func shuffledDeterministically(using generator: inout SeededGenerator) -> [Element] {
        var result = self
        guard count > 1 else { return result }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(generator.next() % UInt64(i + 1))
            result.swapAt(i, j)
        }
        return result
    }
}

/// The rows of each of `count` parts, ascending, where `partOfRow[row]` names a row's part; rows marked
/// `count` or more belong to none. What a random assignment to parts turns into the sorted row lists that
/// `DataSplit` holds, in two passes instead of sorting each list (millions of rows on a large file).
public func rowsOfParts(_ partOfRow: [UInt8], count: Int) -> [[Int]] {
    var sizes = [Int](repeating: 0, count: count)
    for part in partOfRow where Int(part) < count { sizes[Int(part)] += 1 }
    var parts = sizes.map { size in
        var rows: [Int] = []
        rows.reserveCapacity(size)
        return rows
    }
    for (row, part) in partOfRow.enumerated() where Int(part) < count { parts[Int(part)].append(row) }
    return parts
}
