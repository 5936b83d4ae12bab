import LeadCSV
import ScoreCardFormat

/// One criterion turned into a lookup from a field's bytes to the index of the condition it matches:
/// a hash table of labels for categorical criteria, sorted thresholds for numeric ones. Built once per
/// card, so scoring a lead never walks the card's conditions.
///
/// A final class with flat `let` properties rather than a struct or an enum with payloads: reading an
/// array element or a payload of a struct copies it, and copying hash tables and threshold arrays is
/// reference-count traffic on every field of every lead (measured: over half the scoring time).
final class CompiledCriterion: Sendable {
    private enum Kind: Sendable {
        case numeric, categorical, boolean
    }

    private let kind: Kind
    private let steps: NumericSteps
    /// Categorical: the labels and the missing-value tokens, each mapped by `conditionOfCode`.
    private let labels: ByteInterner
    private let conditionOfCode: [Int32]
    private let whenTrue: Int32, whenFalse: Int32
    /// The condition of a missing value: the `missing` condition, else `otherwise`.
    let missingCondition: Int32
    /// The `otherwise` condition; validation leaves no value uncovered when there is none, so the
    /// `-1` stored then is never returned.
    private let otherwiseCondition: Int32
    /// Numeric and boolean: whether some missing-value token also reads as a number or a yes/no, so the
    /// tokens must be checked before the value is read. Usually not, and a field is then never hashed:
    /// a value that does not read is missing anyway, token or not.
    private let tokensLookLikeValues: Bool
    let points: [Int]

    init(_ criterion: Criterion, missingValues: [String], reader: FieldReader) {
        let conditions = criterion.conditions
        let otherwise = Int32(conditions.firstIndex { $0.match == .otherwise } ?? -1)
        let missing = conditions.firstIndex { $0.match == .missing }.map(Int32.init) ?? otherwise
        let index = { (value: Bool) in conditions.firstIndex { $0.match == .value(value) }.map(Int32.init) ?? otherwise }
        otherwiseCondition = otherwise
        missingCondition = missing
        points = conditions.map(\.points)
        steps = NumericSteps(criterion)
        (whenTrue, whenFalse) = (index(true), index(false))
        var labels = ByteInterner()
        var conditionOfCode: [Int32] = []
        func add(_ text: String, _ condition: Int32) {
            var text = text
            if text.withUTF8({ labels.intern($0.trimmingSpaces()).isNew }) { conditionOfCode.append(condition) }
        }
        switch criterion.type {
        case .numeric:
            kind = .numeric
            tokensLookLikeValues = missingValues.contains { token in withBytes(of: token) { reader.number($0.trimmingSpaces()) != nil } }
        case .boolean:
            kind = .boolean
            tokensLookLikeValues = missingValues.contains { token in withBytes(of: token) { reader.boolean($0.trimmingSpaces()) != nil } }
        case .categorical:
            kind = .categorical
            tokensLookLikeValues = false
            for (position, condition) in conditions.enumerated() {
                guard case .categories(let names) = condition.match else { continue }
                for name in names { add(name, Int32(position)) }
            }
            for token in missingValues { add(token, missing) }
        }
        self.labels = labels
        self.conditionOfCode = conditionOfCode
    }

    /// The condition a raw field matches; `nil` means the lead has no such field.
    @inline(__always)
    func condition(of field: UnsafeBufferPointer<UInt8>?, reader: FieldReader) -> Int32 {
        guard let field else { return missingCondition }
        let value = field.trimmingSpaces()
        if value.isEmpty { return missingCondition }
        switch kind {
        case .numeric:
            if tokensLookLikeValues, reader.isMissing(value) { return missingCondition }
            guard let number = reader.number(value) else { return missingCondition }
            return steps.condition(of: number) ?? otherwiseCondition
        case .categorical:
            guard let code = labels.code(of: value) else { return otherwiseCondition }
            return conditionOfCode[code]
        case .boolean:
            if tokensLookLikeValues, reader.isMissing(value) { return missingCondition }
            guard let flag = reader.boolean(value) else { return missingCondition }
            return flag ? whenTrue : whenFalse
        }
    }

    /// The conditions of true and false for a boolean criterion (each `otherwise` when not listed).
    var booleanConditions: (whenTrue: Int32, whenFalse: Int32) { (whenTrue, whenFalse) }
}
