import LeadData

extension DesignEncoder {
    /// Encodes every row of `dataset` as `encode(_:)` does, but as codes (`CodedDesign`): the same design
    /// values, one byte per row and coded feature instead of eight per design column. Absent features are
    /// encoded as missing (and noted); a feature whose column changed type throws `DesignError.roleChanged`.
    ///
    /// Features are coded on all cores at once, then gathered into rows on all cores, a fixed range of
    /// rows each.
    public func encodeCodes(_ dataset: Dataset) throws(DesignError) -> CodedDesign {
        let rows = dataset.rowCount
        let columns = features.map { dataset.column(named: $0.name) }
        let firsts = features.reduce(into: [0]) { $0.append($0.last! + $1.terms.count) }
        var results = [Result<FeatureCodes, DesignError>?](repeating: nil, count: features.count)
        results.withUnsafeMutableBufferPointer { results in
            let output = SharedPointer(results)
            concurrentForEach(features.count, threads: availableCores) { index in
                output.pointer[index] = Result { () throws(DesignError) in try features[index].codes(columns[index], rows: rows) }
            }
        }
        var coded: [(feature: Int, codes: FeatureCodes)] = []
        for (index, result) in results.enumerated() { coded.append((index, try result!.get())) }
        results = []

        let blocks = coded.filter { !$0.codes.codedTerms.isEmpty }
        return CodedDesign(
            rowCount: rows, terms: terms,
            blocks: blocks.map { feature, codes in
                CodedBlock(codeCount: codes.codeCount, columns: codes.codedTerms.map { firsts[feature] + $0 }, table: codes.table)
            },
            columns: blocks.map(\.codes.codes),
            valueColumns: coded.compactMap { feature, codes in
                codes.value.map { ValueColumn(column: firsts[feature] + $0.term, values: $0.values) }
            },
            notes: absenceNotes(columns, source: dataset.source))
    }
}
