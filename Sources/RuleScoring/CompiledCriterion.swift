import LeadCSV
import ScoreCardFormat

/// One criterion turned into a lookup from a field's bytes to the index of the condition it matches:
/// a hash table of labels for categorical criteria, sorted thresholds for numeric ones. Built once per
/// card, so scoring a lead never walks the card's conditions.
struct CompiledCriterion: Sendable {
    private enum Lookup: Sendable {
        case numeric(NumericSteps)
        /// `conditionOfLabel[code]` for each label's code in `labels`.
        case categorical(labels: ByteInterner, conditionOfLabel: [Int32])
        case boolean(whenTrue: Int32, whenFalse: Int32)
    }

    private let lookup: Lookup
    /// The condition of a missing value: the `missing` condition, else `otherwise`.
    let missingCondition: Int32
    /// The `otherwise` condition; validation leaves no value uncovered when there is none, so the
    /// `-1` stored then is never returned.
    private let otherwiseCondition: Int32
    let points: [Int]

    init(_ criterion: Criterion) {
        let conditions = criterion.conditions
        let otherwise = Int32(conditions.firstIndex { $0.match == .otherwise } ?? -1)
        otherwiseCondition = otherwise
        missingCondition = conditions.firstIndex { $0.match == .missing }.map(Int32.init) ?? otherwise
        points = conditions.map(\.points)
        switch criterion.type {
        case .numeric:
            lookup = .numeric(NumericSteps(criterion))
        case .boolean:
            let index = { (value: Bool) in conditions.firstIndex { $0.match == .value(value) }.map(Int32.init) ?? otherwise }
            lookup = .boolean(whenTrue: index(true), whenFalse: index(false))
        case .categorical:
            var labels = ByteInterner()
            var conditionOfLabel: [Int32] = []
            for (index, condition) in conditions.enumerated() {
                guard case .categories(let names) = condition.match else { continue }
                for name in names {
                    var text = name
                    if text.withUTF8({ labels.intern($0).isNew }) { conditionOfLabel.append(Int32(index)) }
                }
            }
            lookup = .categorical(labels: labels, conditionOfLabel: conditionOfLabel)
        }
    }

    /// The conditions of true and false for a boolean criterion (`-1`, `-1` otherwise).
    var booleanConditions: (whenTrue: Int32, whenFalse: Int32) {
        if case .boolean(let whenTrue, let whenFalse) = lookup { return (whenTrue, whenFalse) }
        return (-1, -1)
    }

    /// The condition a raw field matches; `nil` means the lead has no such field.
    @inline(__always)
    func condition(of field: UnsafeBufferPointer<UInt8>?, reader: FieldReader) -> Int32 {
        guard let field else { return missingCondition }
        let value = field.trimmingSpaces()
        if reader.isMissing(value) { return missingCondition }
        switch lookup {
        case .numeric(let steps):
            guard let number = FieldReader.number(value) else { return missingCondition }
            return steps.condition(of: number) ?? otherwiseCondition
        case .categorical(let labels, let conditionOfLabel):
            guard let code = labels.code(of: value) else { return otherwiseCondition }
            return conditionOfLabel[code]
        case .boolean(let whenTrue, let whenFalse):
            guard let flag = FieldReader.boolean(value) else { return missingCondition }
            return flag ? whenTrue : whenFalse
        }
    }
}
