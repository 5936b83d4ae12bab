import LeadData

/// A dataset of the given columns (name, role, values) for encoder tests.
func designDataset(_ columns: (String, ColumnRole, ColumnValues)..., labels: [UInt8]? = nil) -> Dataset {
    Dataset(source: "test", columns: columns.map { name, role, values in
        DataColumn(name: name, role: role, values: values, missingCount: 0, distinctCount: 0)
    }, labels: labels, outcome: nil, rowCount: columns.first?.2.count ?? 0)
}

