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
        let codeColumns = blocks.map(\.codes.codes)
        let codes = Self.interleave(codeColumns, rows: rows)
        return CodedDesign(
            rowCount: rows, terms: terms,
            blocks: blocks.map { feature, codes in
                CodedBlock(codeCount: codes.codeCount, columns: codes.codedTerms.map { firsts[feature] + $0 }, table: codes.table)
            },
            codes: codes,
            valueColumns: coded.compactMap { feature, codes in
                codes.value.map { ValueColumn(column: firsts[feature] + $0.term, values: $0.values) }
            },
            notes: absenceNotes(columns, source: dataset.source))
    }

    /// Column-major code columns as one row-major matrix, rows gathered in fixed ranges on all cores.
    private static func interleave(_ columns: [CodedBins], rows: Int) -> [UInt8] {
        let width = columns.count
        let rangeRows = 16_384
        return [UInt8](unsafeUninitializedCapacity: rows * width) { matrix, initialized in
            let output = SharedPointer(matrix)
            concurrentForEach((rows + rangeRows - 1) / rangeRows, threads: availableCores) { range in
                let lower = range * rangeRows, upper = min(rows, lower + rangeRows)
                for (block, column) in columns.enumerated() {
                    let target = output.pointer.baseAddress! + block
                    switch (column.codes, column.binOfCode) {
                    case (.bytes(let bins), nil):
                        bins.withUnsafeBufferPointer { bins in
                            for row in lower..<upper { target[row * width] = bins[row] }
                        }
                    case (.bytes(let codes), let table?):
                        codes.withUnsafeBufferPointer { codes in
                            table.withUnsafeBufferPointer { table in
                                for row in lower..<upper { target[row * width] = table[Int(codes[row])] }
                            }
                        }
                    case (.shorts(let codes), let table):
                        codes.withUnsafeBufferPointer { codes in
                            (table ?? []).withUnsafeBufferPointer { table in
                                for row in lower..<upper { target[row * width] = table[Int(codes[row])] }
                            }
                        }
                    }
                }
            }
            initialized = rows * width
        }
    }
}
