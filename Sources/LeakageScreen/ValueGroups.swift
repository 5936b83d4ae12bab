import Foundation
import LeadData

/// A column's rows grouped the way a one-column model would see them: each category, each quantile bin of
/// a number, yes, no, and missing. Bins come from the training leads only, so held-out leads are measured
/// as new leads would be.
struct ValueGroups {
    /// Group of each row of the dataset; -1 for a row the screen does not use.
    var groupOfRow: [Int32]
    /// A readable name of each group (the category, a range, "missing").
    var names: [String]
    /// Whether each group is a category of a categorical or boolean column (purity and value checks
    /// apply to those, not to bins: a bin at the end of a range is expected to be nearly pure).
    var isValue: [Bool]

    /// Groups every row of `column`, with numeric bin edges from the `training` rows.
    init?(_ column: DataColumn, training: [Int], bins: Int) {
        switch column.values {
        case .categorical(let codes, let levels):
            // Missing last, after the levels.
            groupOfRow = codes.map { $0 < 0 ? Int32(levels.count) : $0 }
            names = levels + ["missing"]
            isValue = levels.map { _ in true } + [false]
        case .boolean(let values):
            groupOfRow = values.mapped { $0.isNaN ? 2 : Int32($0) }
            names = ["no", "yes", "missing"]
            isValue = [true, true, false]
        case .numeric(let values):
            let edges = Self.edges(values, training: training, bins: bins)
            groupOfRow = edges.withUnsafeBufferPointer { edges in
                values.mapped { value in
                    guard !value.isNaN else { return Int32(edges.count + 1) }
                    // Bin i holds edges[i-1] <= value < edges[i]: the count of edges at or below the value,
                    // without branches (at most 19 edges; a binary search mispredicts on every row).
                    var bin: Int32 = 0
                    for edge in edges { bin &+= Int32(unsafeBitCast(edge <= value, to: UInt8.self)) }
                    return bin
                }
            }
            names = (0...edges.count).map { bin in
                let lower = bin == 0 ? "" : "≥ \(Self.short(edges[bin - 1]))"
                let upper = bin == edges.count ? "" : "< \(Self.short(edges[bin]))"
                return [lower, upper].filter { !$0.isEmpty }.joined(separator: " and ")
            } + ["missing"]
            isValue = names.map { _ in false }
        case .date, .none:
            return nil
        }
    }

    /// Quantile edges of the training values (at most `bins` - 1 distinct), from an even sample of at most
    /// 50,000 values (plenty for 20 bins) so a million-row column is not sorted whole.
    private static func edges(_ values: NumberColumn, training: [Int], bins: Int) -> [Double] {
        let stride = max(1, training.count / 50_000)
        var sample: [Double] = []
        sample.reserveCapacity(training.count / stride + 1)
        for index in Swift.stride(from: 0, to: training.count, by: stride) {
            let value = values[training[index]]
            if !value.isNaN { sample.append(value) }
        }
        guard !sample.isEmpty else { return [] }
        sample.sort()
        var edges: [Double] = []
        for bin in 1..<max(bins, 2) {
            let value = sample[min(sample.count - 1, sample.count * bin / bins)]
            if value > sample[0], edges.last.map({ value > $0 }) ?? true { edges.append(value) }
        }
        return edges
    }

    private static func short(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.4g", value)
    }
}

/// Converted and lost leads of each group among some rows.
struct GroupCounts {
    var converted: [Int]
    var lost: [Int]

    init(_ groups: ValueGroups, labels: [UInt8], rows: [Int]) {
        converted = [Int](repeating: 0, count: groups.names.count)
        lost = converted
        for row in rows {
            let group = Int(groups.groupOfRow[row])
            if labels[row] == 1 { converted[group] += 1 } else { lost[group] += 1 }
        }
    }

    func rows(_ group: Int) -> Int { converted[group] + lost[group] }
    var totalConverted: Int { converted.reduce(0, +) }
    var totalLost: Int { lost.reduce(0, +) }
}
