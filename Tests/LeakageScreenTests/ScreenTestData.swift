import Foundation
import LeadData
@testable import LeakageScreen

/// Small datasets with known counts, screened on rows the test chooses, so every AUC and information value
/// can be worked out by hand.
struct ScreenTestData {
    var columns: [DataColumn] = []
    var labels: [UInt8] = []

    /// Appends `count` leads with `outcome`: one value per column, as given.
    mutating func add(_ count: Int, converted: Bool, _ values: [String: CellValue]) {
        labels += [UInt8](repeating: converted ? 1 : 0, count: count)
        pending.append((count, values))
    }

    enum CellValue {
        case text(String)
        case number(Double)
        case missing
    }

    private var pending: [(Int, [String: CellValue])] = []

    /// The dataset: every column named in any `add`, categorical unless all its values are numbers.
    func dataset() -> Dataset {
        let names = Array(Set(pending.flatMap { $0.1.keys })).sorted()
        let columns = names.map { name -> DataColumn in
            let cells = pending.flatMap { count, values in [CellValue](repeating: values[name] ?? .missing, count: count) }
            let isNumeric = cells.allSatisfy { if case .text = $0 { return false } else { return true } }
            if isNumeric {
                let values = cells.map { cell -> Double in if case .number(let x) = cell { return x } else { return .nan } }
                return DataColumn(name: name, role: .numeric, values: .numeric(values), missingCount: values.count { $0.isNaN },
                                  distinctCount: Set(values.filter { !$0.isNaN }).count)
            }
            var levels: [String] = []
            let codes = cells.map { cell -> Int32 in
                guard case .text(let text) = cell else { return -1 }
                if let index = levels.firstIndex(of: text) { return Int32(index) }
                levels.append(text)
                return Int32(levels.count - 1)
            }
            return DataColumn(name: name, role: .categorical, values: .categorical(codes: codes, levels: levels),
                              missingCount: codes.count { $0 < 0 }, distinctCount: levels.count)
        }
        return Dataset(source: "test", columns: columns, labels: labels, outcome: nil, rowCount: labels.count)
    }
}

/// Two identical halves: the first half trains, the second is held out, so training rates and held-out
/// counts are those of one half.
struct MirroredLeads {
    var half = ScreenTestData()

    mutating func add(_ count: Int, converted: Bool, _ values: [String: ScreenTestData.CellValue]) {
        half.add(count, converted: converted, values)
    }

    func screen(_ thresholds: LeakageThresholds = LeakageThresholds()) throws -> LeakageReport {
        let one = half.dataset()
        let n = one.rowCount
        let columns = one.columns.map { column -> DataColumn in
            var doubled = column
            doubled.values = column.values.selecting(Array(0..<n) + Array(0..<n))
            return doubled
        }
        let data = Dataset(source: "test", columns: columns, labels: one.labels! + one.labels!, outcome: nil, rowCount: 2 * n)
        return try LeakageScreen(thresholds: thresholds).screen(data, training: Array(0..<n), heldOut: Array(n..<(2 * n)))
    }
}

/// Information value by its textbook formula, each count plus ½: the independent reference.
func referenceIV(_ groups: [(converted: Int, lost: Int)]) -> Double {
    let used = groups.filter { $0.converted + $0.lost > 0 }
    let p = Double(used.map(\.converted).reduce(0, +)) + 0.5 * Double(used.count)
    let q = Double(used.map(\.lost).reduce(0, +)) + 0.5 * Double(used.count)
    return used.map { group in
        let a = (Double(group.converted) + 0.5) / p, b = (Double(group.lost) + 0.5) / q
        return (a - b) * log(a / b)
    }.reduce(0, +)
}

extension LeakageReport {
    func column(_ name: String) -> ColumnScreening? { columns.first { $0.column == name } }
}
