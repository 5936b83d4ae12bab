import LeadData

/// A dataset of the given columns (name, role, values) for encoder tests.
func designDataset(_ columns: (String, ColumnRole, ColumnValues)..., labels: [UInt8]? = nil) -> Dataset {
    Dataset(source: "test", columns: columns.map { name, role, values in
        DataColumn(name: name, role: role, values: values, missingCount: 0, distinctCount: 0)
    }, labels: labels, outcome: nil, rowCount: columns.first?.2.count ?? 0)
}

/// Categorical values with levels in first-seen order; `nil` is missing.
func labelled(_ labels: [String?]) -> ColumnValues {
    var levels: [String] = []
    let codes = labels.map { label -> Int32 in
        guard let label else { return -1 }
        if let code = levels.firstIndex(of: label) { return Int32(code) }
        levels.append(label)
        return Int32(levels.count - 1)
    }
    return .categorical(codes: codes, levels: levels)
}
