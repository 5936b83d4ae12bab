import LeadData

/// Leads rebuilt from counts per combination of bins: each combination becomes as many rows as it has
/// leads (that many converted), each row holding one value of each of its bins — the lowest training value
/// for the first numeric bin, the highest for the last, the upper edge between; the category itself; true
/// or false. The card's export reads a lead only through the bin its values fall in (the pieces of the
/// model are the bins), so these rows give the same rounding, selection, shapes, calibration and tiers
/// as the rows in the database would, and no row's own values ever leave it.
struct RepresentativeLeads {
    /// Per part (0…3): each combination's bins (feature-major within a combination), leads and conversions,
    /// stored flat and small (two bytes a bin), as a combination can be nearly a row in a large table.
    private var bins: [[UInt16]] = [[], [], [], []]
    private var counts: [[Int32]] = [[], [], [], []]
    private var converted: [[Int32]] = [[], [], [], []]
    private let features: [PlannedFeature]
    private let source: String
    private let outcome: Outcome

    /// An empty set of parts for `features`; `add` fills it.
    init(features: [PlannedFeature], source: String, outcome: Outcome) {
        (self.features, self.source, self.outcome) = (features, source, outcome)
    }

    /// Takes one result row of `part, b0 … bk, count, conversions` (parts 0…3; test is never read).
    mutating func add(_ row: [String?]) {
        let width = features.count
        guard row.count == width + 3, let part = row[0].flatMap({ Int($0) }), (0...3).contains(part),
              let count = row[width + 1].flatMap({ Int32($0) }) else { return }
        for feature in 0..<width { bins[part].append(UInt16(row[feature + 1].flatMap { Int($0) } ?? 0)) }
        counts[part].append(count)
        converted[part].append(Int32(row[width + 2] ?? "0") ?? 0)
    }

    /// Combinations of bins received: how much left the database for the card's export.
    var combinationCount: Int { counts.map(\.count).reduce(0, +) }
    /// Leads in all parts received.
    var leadCount: Int { counts.joined().reduce(0) { $0 + Int($1) } }

    /// The leads of `parts` (fifths of the hash), as rows.
    func leads(_ parts: [Int], _ name: String) -> Dataset {
        let source = "\(self.source) (\(name), rebuilt from bin counts)"
        let width = features.count
        let rowCount = parts.reduce(0) { sum, part in sum + counts[part].reduce(0) { $0 + Int($1) } }
        var labels: [UInt8] = []
        labels.reserveCapacity(rowCount)
        for part in parts {
            for (count, positives) in zip(counts[part], converted[part]) {
                labels.append(contentsOf: repeatElement(1, count: Int(positives)))
                labels.append(contentsOf: repeatElement(0, count: Int(count - positives)))
            }
        }
        /// One value per row: each combination's value of feature `index`, repeated for its leads.
        func expand<Value>(_ index: Int, _ value: (Int) -> Value) -> [Value] {
            var values: [Value] = []
            values.reserveCapacity(rowCount)
            for part in parts {
                for (combination, count) in counts[part].enumerated() {
                    values.append(contentsOf: repeatElement(value(Int(bins[part][combination * width + index])), count: Int(count)))
                }
            }
            return values
        }
        var columns: [DataColumn] = []
        for (index, feature) in features.enumerated() {
            var missing = 0
            var seen = Set<Int>()
            for part in parts {
                for (combination, count) in counts[part].enumerated() where count > 0 {
                    let bin = Int(bins[part][combination * width + index])
                    seen.insert(bin)
                    if bin == feature.missingBin { missing += Int(count) }
                }
            }
            let distinct = seen.subtracting([feature.missingBin]).count
            let values: ColumnValues
            switch feature.bins {
            case .numeric(let edges, let lowest, let highest):
                let representative = (0...edges.count).map { bin in bin == 0 ? lowest : bin == edges.count ? highest : edges[bin] }
                values = .numeric(expand(index) { bin in bin == feature.missingBin ? .nan : representative[min(bin, edges.count)] })
            case .boolean:
                values = .boolean(expand(index) { bin in bin == 2 ? .nan : Double(bin) })
            case .categorical(let levels):
                // Pooled categories need a label no kept category has.
                var other = "(other)"
                while levels.contains(other) { other += "·" }
                values = .categorical(codes: expand(index) { bin in bin == feature.missingBin ? -1 : Int32(bin) }, levels: levels + [other])
            }
            columns.append(DataColumn(name: feature.name, role: feature.role, values: values, missingCount: missing, distinctCount: distinct))
        }
        return Dataset(source: source, columns: columns, labels: labels, outcome: outcome, rowCount: rowCount)
    }
}
