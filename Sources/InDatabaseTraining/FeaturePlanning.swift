import Foundation
import LeadData
import LeadDatabase

extension TrainingRun {
    /// The features and their bins: roles from the database types (or `loadOptions.roles`), identifiers
    /// told apart on the first `inferenceRows` rows as the loader does, quantile edges and categories
    /// from the training rows. Three queries at most.
    mutating func plan(_ columns: [(name: String, role: AggregateSession.ColumnKind?)], target: String,
                       queries: TrainingQueries) throws -> [PlannedFeature] {
        var candidates: [(name: String, role: ColumnRole, forced: Bool)] = []
        for (name, kind) in columns where name != target && name != options.splitKey && !loadOptions.excluded.contains(name) {
            if let forced = loadOptions.roles[name] {
                if [.numeric, .boolean, .categorical].contains(forced) { candidates.append((name, forced, true)) }
                continue
            }
            switch kind {
            case .number: candidates.append((name, .numeric, false))
            case .boolean: candidates.append((name, .boolean, false))
            case .text: candidates.append((name, .categorical, false))
            case .date: continue
            case nil: notes.append("column '\(name)' left out: its type holds no lead value")
            }
        }
        // Identifiers: unique integers (1 000 or more) or unique texts (20 or more) in the first rows, as the loader reads them.
        let checked = candidates.filter { !$0.forced && $0.role != .boolean }
        if !checked.isEmpty {
            var columns: [String] = []
            for candidate in checked {
                let value = "lead." + (try SQLName.quoted(candidate.name))
                columns.append("count(\(value)) = count(DISTINCT \(value)) AND "
                    + (candidate.role == .numeric ? "count(\(value)) >= 1000 AND bool_and(\(value) = trunc(CAST(\(value) AS numeric)))" : "count(\(value)) >= 20"))
            }
            let sql = "SELECT " + columns.joined(separator: ",\n  ") + "\nFROM (SELECT * FROM (\(session.selectSQL)) AS lead LIMIT \(loadOptions.inferenceRows)) AS lead"
            let flags = try session.rows(sql, doing: "telling identifiers apart").first ?? []
            let identifiers = Set(zip(checked, flags).filter { $0.1 == "t" }.map(\.0.name))
            if !identifiers.isEmpty { notes.append("identifier columns left out: " + identifiers.sorted().joined(separator: ", ")) }
            candidates.removeAll { identifiers.contains($0.name) }
        }

        var features: [PlannedFeature] = []
        // Numeric: quantile edges on the training rows, one query.
        let numeric = candidates.filter { $0.role == .numeric }
        if !numeric.isEmpty {
            progress?("bin edges of \(numeric.count) numeric columns")
            let values = try numeric.map { "CAST(lead.\(try SQLName.quoted($0.name)) AS double precision)" }
            let row = try session.rows(queries.quantiles(values, bins: options.numericBins), doing: "computing bin edges").first ?? []
            for (index, candidate) in numeric.enumerated() {
                guard let lowest = row[3 * index + 1].flatMap(Double.init), let highest = row[3 * index + 2].flatMap(Double.init), lowest < highest else {
                    notes.append("column '\(candidate.name)' left out: fewer than two values in the training rows")
                    continue
                }
                let quantiles = (row[3 * index] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",").compactMap { Double($0) }
                let edges = Array(Set(quantiles.filter { $0.isFinite && $0 < highest })).sorted()
                features.append(PlannedFeature(name: candidate.name, role: .numeric, bins: .numeric(edges: edges.isEmpty ? [lowest] : edges, lowest: lowest, highest: highest)))
            }
        }
        for candidate in candidates where candidate.role == .boolean {
            features.append(PlannedFeature(name: candidate.name, role: .boolean, bins: .boolean))
        }
        // Categorical: each column's values and counts on the training rows, one query.
        let categorical = candidates.filter { $0.role == .categorical }
        if !categorical.isEmpty {
            progress?("categories of \(categorical.count) text columns")
            let texts = try categorical.map { "TRIM(CAST(lead.\(try SQLName.quoted($0.name)) AS text))" }
            var counts = [[(String, Int)]](repeating: [], count: categorical.count)
            let missing = Set(loadOptions.allMissingTokens)
            for row in try session.rows(queries.categories(texts), doing: "counting categories") {
                guard let index = row[0].flatMap({ Int($0) }), let value = row[1], !missing.contains(value), let count = row[2].flatMap({ Int($0) }) else { continue }
                counts[index].append((value, count))
            }
            for (candidate, values) in zip(categorical, counts) {
                let kept = values.filter { $0.1 >= options.minimumCategoryCount }
                    .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
                    .prefix(options.maximumCategories).map(\.0)
                guard !kept.isEmpty else {
                    notes.append("column '\(candidate.name)' left out: no category with \(options.minimumCategoryCount) training leads")
                    continue
                }
                features.append(PlannedFeature(name: candidate.name, role: .categorical, bins: .categorical(levels: kept)))
            }
        }
        // Features in the source's column order, as the loader gives them.
        let order = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        return features.sorted { order[$0.name] ?? 0 < order[$1.name] ?? 0 }
    }
}
