import LeadData

/// One feature's bins for every row, read through the data column's own codes where it has them.
///
/// Why: a loaded numeric column is already a code per row into its distinct values (`NumberColumn`), and a
/// categorical one a code per row into its levels (`CategoryCodes`). The bin of a row is a function of that
/// code, so a table of one bin per code (at most 65,536 entries) stands in for a bin column of one byte per
/// row, and the codes are the column's own array, shared, not copied. Only a column without codes (plain
/// doubles, more than 255 levels) gets a bin column of its own. The booster reads bins this way, so during
/// its fit the leads cost their typed columns and nothing more per feature.
public struct CodedBins: Sendable {
    /// A code per row: one or two bytes (bins, or codes of a column with at most 256 distinct values or 255
    /// levels; or codes of a column with at most 65,536 distinct values).
    public typealias Codes = RowCodes

    /// The codes; bins themselves when `binOfCode` is `nil`.
    public let codes: Codes
    /// The bin of each code, or `nil` when the codes are the bins.
    public let binOfCode: [UInt8]?

    /// Codes and the bin of each code (`nil`: the codes are bins); two-byte codes need the table.
    public init(codes: Codes, binOfCode: [UInt8]?) {
        self.codes = codes
        self.binOfCode = binOfCode
    }

    /// Bins themselves, one per row.
    public init(bins: [UInt8]) { self.init(codes: .bytes(bins), binOfCode: nil) }

    /// Rows held.
    public var rowCount: Int {
        switch codes {
        case .bytes(let codes): codes.count
        case .shorts(let codes): codes.count
        }
    }

    /// The bin of `row` (one look-up; passes over every row read the arrays directly).
    public subscript(row: Int) -> UInt8 {
        let code = switch codes {
        case .bytes(let codes): Int(codes[row])
        case .shorts(let codes): Int(codes[row])
        }
        return binOfCode?[code] ?? UInt8(code)
    }

    /// The bins of `rows`, written to `target[0]`, `target[stride]`, …: how a pass that reads several
    /// features row by row gathers a chunk of them into a small row-major buffer.
    public func gather(_ rows: Range<Int>, into target: UnsafeMutablePointer<UInt8>, stride: Int = 1) {
        switch (codes, binOfCode) {
        case (.bytes(let bins), nil):
            bins.withUnsafeBufferPointer { bins in
                for (k, row) in rows.enumerated() { target[k &* stride] = bins[row] }
            }
        case (.bytes(let codes), let table?):
            codes.withUnsafeBufferPointer { codes in
                table.withUnsafeBufferPointer { table in
                    for (k, row) in rows.enumerated() { target[k &* stride] = table[Int(codes[row])] }
                }
            }
        case (.shorts(let codes), let table):
            codes.withUnsafeBufferPointer { codes in
                (table ?? []).withUnsafeBufferPointer { table in
                    for (k, row) in rows.enumerated() { target[k &* stride] = table[Int(codes[row])] }
                }
            }
        }
    }

    /// `body(row, bin)` for every row of `rows`, in order: a pass over one feature's bins without copying
    /// them, the storage resolved once outside the loop.
    @inlinable @inline(__always)
    public func forEachBin(in rows: Range<Int>, _ body: (Int, Int) -> Void) {
        switch (codes, binOfCode) {
        case (.bytes(let bins), nil):
            bins.withUnsafeBufferPointer { bins in
                for row in rows { body(row, Int(bins[row])) }
            }
        case (.bytes(let codes), let table?):
            codes.withUnsafeBufferPointer { codes in
                table.withUnsafeBufferPointer { table in
                    for row in rows { body(row, Int(table[Int(codes[row])])) }
                }
            }
        case (.shorts(let codes), let table):
            codes.withUnsafeBufferPointer { codes in
                (table ?? []).withUnsafeBufferPointer { table in
                    for row in rows { body(row, Int(table[Int(codes[row])])) }
                }
            }
        }
    }

    /// Every row's bin, as a bin column (`BinnedColumns`) holds it.
    public var bins: [UInt8] { (0..<rowCount).map { self[$0] } }

    /// Rows per bin, for `binCount` bins: rows counted per code, then per bin.
    public func binCounts(binCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: binCount)
        func add(_ perCode: [Int]) {
            for (code, rows) in perCode.enumerated() where rows > 0 { counts[Int(binOfCode?[code] ?? UInt8(code))] += rows }
        }
        switch codes {
        case .bytes(let codes):
            var perCode = [Int](repeating: 0, count: 256)
            for code in codes { perCode[Int(code)] += 1 }
            add(perCode)
        case .shorts(let codes):
            var perCode = [Int](repeating: 0, count: binOfCode?.count ?? 65_536)
            for code in codes { perCode[Int(code)] += 1 }
            add(perCode)
        }
        return counts
    }
}

extension FeatureBins {
    /// The bins of every value of a column already checked to match this feature's kind, through the
    /// column's codes when it has them (see `CodedBins`); equal row by row to `bins(of:)`.
    func codedBins(of values: ColumnValues) -> CodedBins {
        switch (kind, values) {
        case (.numeric(let upperEdges), .numeric(let column)), (.numeric(let upperEdges), .boolean(let column)):
            let binOf = { (table: [Double]) in upperEdges.withUnsafeBufferPointer { edges in table.map { numericBin($0, upperEdges: edges) } } }
            switch column.storage {
            case .narrow(let codes, let table): return CodedBins(codes: .bytes(codes), binOfCode: binOf(table))
            case .wide(let codes, let table): return CodedBins(codes: .shorts(codes), binOfCode: binOf(table))
            case .plain: return CodedBins(bins: bins(of: values))
            }
        case (.categorical, .categorical(let codes, let levels)):
            guard case .narrow(let stored) = codes.storage else { return CodedBins(bins: bins(of: values)) }
            // Stored as code + 1 with 0 for missing: the bin of stored value s is that of level s − 1.
            let binOfLevel = bins(of: .categorical(codes: CategoryCodes(levels.indices.map { Int32($0) }), levels: levels))
            return CodedBins(codes: .bytes(stored), binOfCode: [UInt8(missingBin)] + binOfLevel)
        default:
            preconditionFailure("transform checks the column kind before binning")
        }
    }
}

extension BinMapper {
    /// The bins of every row of `dataset`, feature by feature, as `transform(_:threads:)` gives them but read
    /// through each column's codes (`CodedBins`): no bin column is built for a coded column.
    public func transformCoded(_ dataset: Dataset, threads: Int = availableCores) throws(BinningError) -> [CodedBins] {
        let columns = try checkedColumns(dataset)
        var binned = [CodedBins?](repeating: nil, count: features.count)
        binned.withUnsafeMutableBufferPointer { buffer in
            let output = SharedPointer(buffer)
            concurrentForEach(features.count, threads: threads) { index in
                output.pointer[index] = features[index].codedBins(of: columns[index].values)
            }
        }
        return binned.map { $0! }
    }
}
