import LeadData

/// Leads rebuilt from counts per combination of bins: each combination becomes as many rows as it has
/// leads (that many converted), each row holding one value of each of its bins — the lowest training value
/// for the first numeric bin, the highest for the last, the upper edge between; the category itself; true
/// or false. The card's export reads a lead only through the bin its values fall in (the pieces of the
/// model are the bins), so these rows give the same rounding, selection, shapes, calibration and tiers
/// as the rows in the database would, and no row's own values ever leave it.
struct RepresentativeLeads {
    private var cells: [[(bins: [Int], count: Int, converted: Int)]] = [[], [], [], []]
    private let features: [PlannedFeature]
    private let source: String
    private let outcome: Outcome

    /// `cells`: rows of `part, b0 … bk, count, conversions` for the parts 0…3 (test never read).
    init(features: [PlannedFeature], cells rows: [[String?]], source: String, outcome: Outcome) {
        (self.features, self.source, self.outcome) = (features, source, outcome)
        for row in rows {
            guard row.count == features.count + 3, let part = row[0].flatMap({ Int($0) }), (0...3).contains(part),
                  let count = row[features.count + 1].flatMap({ Int($0) }) else { continue }
            let bins = (0..<features.count).map { row[$0 + 1].flatMap { Int($0) } ?? 0 }
            cells[part].append((bins, count, Int(row[features.count + 2] ?? "0") ?? 0))
        }
    }

    /// The leads of `parts` (fifths of the hash), as rows.
    func leads(_ parts: [Int], _ name: String) -> Dataset {
        Self.dataset(features, parts.flatMap { cells[$0] }, source: "\(source) (\(name), rebuilt from bin counts)", outcome: outcome)
    }

    private static func dataset(_ features: [PlannedFeature], _ cells: [(bins: [Int], count: Int, converted: Int)], source: String,
                                outcome: Outcome) -> Dataset {
        let rowCount = cells.reduce(0) { $0 + $1.count }
        var labels: [UInt8] = []
        labels.reserveCapacity(rowCount)
        for cell in cells {
            labels.append(contentsOf: repeatElement(1, count: cell.converted))
            labels.append(contentsOf: repeatElement(0, count: cell.count - cell.converted))
        }
        var columns: [DataColumn] = []
        for (index, feature) in features.enumerated() {
            var missing = 0
            var seen = Set<Int>()
            for cell in cells where cell.count > 0 {
                seen.insert(cell.bins[index])
                if cell.bins[index] == feature.missingBin { missing += cell.count }
            }
            let distinct = seen.subtracting([feature.missingBin]).count
            let values: ColumnValues
            switch feature.bins {
            case .numeric(let edges, let lowest, let highest):
                let representative = (0...edges.count).map { bin in bin == 0 ? lowest : bin == edges.count ? highest : edges[bin] }
                values = .numeric(expand(cells, index) { bin in bin == feature.missingBin ? .nan : representative[min(bin, edges.count)] })
            case .boolean:
                values = .boolean(expand(cells, index) { bin in bin == 2 ? .nan : Double(bin) })
            case .categorical(let levels):
                // Pooled categories need a label no kept category has.
                var other = "(other)"
                while levels.contains(other) { other += "·" }
                let codes: [Int32] = expand(cells, index) { bin in bin == feature.missingBin ? -1 : Int32(bin) }
                values = .categorical(codes: codes, levels: levels + [other])
            }
            columns.append(DataColumn(name: feature.name, role: feature.role, values: values, missingCount: missing, distinctCount: distinct))
        }
        return Dataset(source: source, columns: columns, labels: labels, outcome: outcome, rowCount: rowCount)
    }

    /// One value per row: each cell's value of feature `index`, repeated for its leads.
    private static func expand<Value>(_ cells: [(bins: [Int], count: Int, converted: Int)], _ index: Int, _ value: (Int) -> Value) -> [Value] {
        var values: [Value] = []
        for cell in cells { values.append(contentsOf: repeatElement(value(cell.bins[index]), count: cell.count)) }
        return values
    }
}
