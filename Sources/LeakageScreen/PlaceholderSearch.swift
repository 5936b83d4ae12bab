import LeadData

/// Finds values that stand for "no answer" but are not read as missing: the `Select` a drop-down is left
/// at, `unknown`, `(not set)`, a lone `-`. Read as a category, they mix leads that never answered with
/// each other under a label that means nothing; the user can declare them missing with `--missing`.
struct PlaceholderSearch {
    let thresholds: LeakageThresholds

    init(_ thresholds: LeakageThresholds) { self.thresholds = thresholds }

    /// Spellings after lower-casing and trimming spaces and the punctuation around them (`-- Select --`).
    static let placeholders: Set<String> = [
        "select", "please select", "select one", "choose", "choose one", "please choose", "unknown", "not specified",
        "not provided", "not available", "not set", "undefined", "tbd", "none selected", "not applicable", "",
    ]

    func find(in dataset: Dataset) -> [PlaceholderFinding] {
        var uses: [String: [PlaceholderFinding.Use]] = [:], order: [String] = []
        for column in dataset.columns where column.isFeature {
            guard case .categorical(let codes, let levels) = column.values, !levels.isEmpty else { continue }
            var counts = [Int](repeating: 0, count: levels.count)
            for code in codes where code >= 0 { counts[Int(code)] += 1 }
            let present = counts.reduce(0, +)
            guard present > 0, let most = counts.indices.max(by: { counts[$0] < counts[$1] }) else { continue }
            for (level, value) in levels.enumerated() where Self.isPlaceholder(value) {
                let share = Double(counts[level]) / Double(present)
                guard share >= thresholds.placeholderMinimumShare else { continue }
                if uses[value] == nil { order.append(value) }
                uses[value, default: []].append(.init(column: column.name, share: share, isMostCommonValue: level == most))
            }
        }
        return order.map { PlaceholderFinding(value: $0, columns: uses[$0]!) }
            .sorted { ($0.columns.count, $1.value) > ($1.columns.count, $0.value) }
    }

    static func isPlaceholder(_ value: String) -> Bool {
        let trimmed = value.lowercased().trimmed { " -_.()[]<>?*".contains($0) }
        return placeholders.contains(trimmed)
    }
}

extension String {
    fileprivate func trimmed(dropping drop: (Character) -> Bool) -> String {
        var slice = Substring(self)
        while let first = slice.first, drop(first) { slice.removeFirst() }
        while let last = slice.last, drop(last) { slice.removeLast() }
        return String(slice)
    }
}
