import LeadCSV

/// Types a column from all of its values, for a column whose first rows held none: it is read as categorical
/// (which holds anything), then its distinct values decide the role exactly as the first rows would have,
/// weighted by how often each occurs. Converting from the levels is exact: each level is the text as written.
func typedFromLevels(_ parsed: ParsedColumn, name: String, decimalSeparator: UInt8) -> (role: ColumnRole, parsed: ParsedColumn) {
    guard case .categorical(let codes, let levels) = parsed.values, !levels.isEmpty else { return (.categorical, parsed) }
    var counts = [Int](repeating: 0, count: levels.count)
    for code in codes where code >= 0 { counts[Int(code)] += 1 }
    var evidence = RoleEvidence()
    for (level, count) in zip(levels, counts) {
        var level = level
        level.withUTF8 { evidence.add($0, decimalSeparator: decimalSeparator, count: count) }
    }
    /// Each level read by `read`, then spread over the rows.
    func values(_ read: (UnsafeBufferPointer<UInt8>) -> Double?) -> (rows: NumberColumn, levels: [Double]) {
        let table = levels.map { level in
            var level = level
            return level.withUTF8 { read($0) } ?? .nan
        }
        return (NumberColumn(codes.lazy.map { $0 < 0 ? .nan : table[Int($0)] }), table)
    }
    let role = evidence.role(name: name)
    switch role {
    case .numeric:
        let rows = values { DecimalNumber.parse($0, decimalSeparator: decimalSeparator) }.rows
        return (role, (.numeric(rows), parsed.missing, rows.distinctCount))
    case .date:
        let rows = values { ISODate.parse($0) }.rows
        return (role, (.date(rows), parsed.missing, rows.distinctCount))
    case .boolean:
        let (rows, table) = values { BooleanWord.value(of: $0) ?? DecimalNumber.parse($0, decimalSeparator: decimalSeparator) }
        return (role, (.boolean(rows), parsed.missing, Set(table.filter { !$0.isNaN }).count))
    case .identifier:
        return (role, (.none, parsed.missing, levels.count))
    case .categorical, .excluded:
        return (.categorical, parsed)
    }
}
