import FeatureEncoding
import LinearAlgebra

/// A coded design (one byte per row and feature, see `CodedDesign`) answers the solver's products without
/// the dense `n × p` matrix:
///
/// - `Xw`: each block's table times `w` gives a value per code; a row's margin sums one look-up per block.
/// - `Xᵀv`: per-code sums of `v` (a histogram per block), then each block's table transposed times it.
/// - `XᵀDX`: for every pair of blocks the histogram of `D` over their code pairs, then `T_fᵀ·H_fg·T_g`;
///   a block with itself needs only its per-code sums. `O(n·F²)` byte look-ups per Hessian for `F` blocks,
///   where the dense product costs `O(n·p²)` flops for `p` columns.
///
/// Value columns (linear numerics) enter like a block whose code is the row itself: products with them are
/// sums over rows. Work is split into fixed units (row ranges, or one block's histograms over all rows)
/// whose floating-point sums run in row order, and partial sums are added in unit order: the same bits on
/// one thread or many.
extension CodedDesign: LinearDesign {
    var rows: Int { rowCount }
    var columns: Int { columnCount }

    /// Rows per unit of the passes over rows: a chunk's codes and vectors stay in cache.
    static let chunkRows = 16_384

    private var chunkCount: Int { (rowCount + Self.chunkRows - 1) / Self.chunkRows }

    private func chunkRange(_ chunk: Int) -> Range<Int> {
        (chunk * Self.chunkRows)..<min((chunk + 1) * Self.chunkRows, rowCount)
    }

    /// Where block `b`'s per-code slots start in a vector of all blocks' codes, and the total.
    private var codeStarts: (starts: [Int], total: Int) {
        var starts: [Int] = [], total = 0
        for block in blocks {
            starts.append(total)
            total += block.codeCount
        }
        return (starts, total)
    }

    func margins(_ weights: ArraySlice<Double>, offset: Double) throws -> [Double] {
        let weights = Array(weights)
        precondition(weights.count == columnCount)
        // The value each code adds: the block's table row times the block's weights.
        let (starts, total) = codeStarts
        var lookup = [Double](repeating: 0, count: total)
        for (b, block) in blocks.enumerated() {
            for code in 0..<block.codeCount {
                var sum = 0.0
                for (k, column) in block.columns.enumerated() { sum += block.value(code: code, column: k) * weights[column] }
                lookup[starts[b] + code] = sum
            }
        }
        let (rows, width) = (rowCount, blocks.count)
        guard rows > 0 else { return [] }
        let values = valueColumns.map { ($0.values, weights[$0.column]) }
        return [Double](unsafeUninitializedCapacity: rows) { margins, initialized in
            lookup.withBase { lookup in
                starts.withBase { starts in
                    let shared = SharedPointer((margins.baseAddress!, lookup, starts))
                    concurrentForEach(chunkCount, threads: availableCores) { chunk in
                        let (margins, lookup, starts) = shared.pointer
                        let range = chunkRange(chunk)
                        // Block by block over the chunk: each row's margin adds the blocks in order, as a
                        // running sum per row would.
                        for row in range { margins[row] = offset }
                        for b in 0..<width {
                            let start = starts[b]
                            codeColumns[b].forEachBin(in: range) { row, code in margins[row] += lookup[start &+ code] }
                        }
                        for (column, weight) in values {
                            column.withUnsafeBufferPointer { x in
                                for row in range { margins[row] += x[row] * weight }
                            }
                        }
                    }
                }
            }
            initialized = rows
        }
    }

    func augmentedTransposeTimes(_ vector: [Double]) throws -> [Double] {
        let sums = rowSums(vector, squaringValues: false)
        var product = [Double](repeating: 0, count: columnCount + 1)
        let (starts, total) = codeStarts
        for (b, block) in blocks.enumerated() {
            for (k, column) in block.columns.enumerated() {
                var sum = 0.0
                for code in 0..<block.codeCount { sum += sums[starts[b] + code] * block.value(code: code, column: k) }
                product[column] = sum
            }
        }
        for (j, value) in valueColumns.enumerated() { product[value.column] = sums[total + j] }
        product[columnCount] = sums[total + valueColumns.count]
        return product
    }

    func augmentedGramDiagonal(_ rowWeights: [Double]) throws -> [Double] {
        let sums = rowSums(rowWeights, squaringValues: true)
        var diagonal = [Double](repeating: 0, count: columnCount + 1)
        let (starts, total) = codeStarts
        for (b, block) in blocks.enumerated() {
            for (k, column) in block.columns.enumerated() {
                var sum = 0.0
                for code in 0..<block.codeCount {
                    let x = block.value(code: code, column: k)
                    sum += sums[starts[b] + code] * x * x
                }
                diagonal[column] = sum
            }
        }
        for (j, value) in valueColumns.enumerated() { diagonal[value.column] = sums[total + j] }
        diagonal[columnCount] = sums[total + valueColumns.count]
        return diagonal
    }

    /// Sums over rows of `vector`: per code of every block (`codeStarts` layout), then `Σ xᵢⱼ·vᵢ` per value
    /// column (`Σ xᵢⱼ²·vᵢ` when `squaringValues`), then `Σ vᵢ`. Each chunk of rows fills its own partial sums;
    /// the partials are added in chunk order.
    private func rowSums(_ vector: [Double], squaringValues: Bool) -> [Double] {
        precondition(vector.count == rowCount)
        let (starts, codeTotal) = codeStarts
        let slots = codeTotal + valueColumns.count + 1
        let chunks = chunkCount
        let width = blocks.count
        let valueColumns = self.valueColumns
        guard chunks > 0 else { return [Double](repeating: 0, count: slots) }
        var partials = [Double](repeating: 0, count: chunks * slots)
        partials.withUnsafeMutableBufferPointer { partials in
            vector.withBase { vector in
                starts.withBase { starts in
                    let shared = SharedPointer((partials.baseAddress!, vector, starts))
                    concurrentForEach(chunks, threads: availableCores) { chunk in
                        let (partials, vector, starts) = shared.pointer
                        let sums = partials + chunk &* slots
                        let range = chunkRange(chunk)
                        var total = 0.0
                        for b in 0..<width {
                            let start = starts[b]
                            codeColumns[b].forEachBin(in: range) { row, code in sums[start &+ code] += vector[row] }
                        }
                        for row in range { total += vector[row] }
                        for (j, column) in valueColumns.enumerated() {
                            var sum = 0.0
                            column.values.withUnsafeBufferPointer { x in
                                if squaringValues {
                                    for row in range { sum += x[row] * x[row] * vector[row] }
                                } else {
                                    for row in range { sum += x[row] * vector[row] }
                                }
                            }
                            sums[codeTotal + j] = sum
                        }
                        sums[slots - 1] = total
                    }
                }
            }
        }
        var sums = [Double](repeating: 0, count: slots)
        for chunk in 0..<chunks {
            for slot in 0..<slots { sums[slot] += partials[chunk * slots + slot] }
        }
        return sums
    }
}

extension Array {
    /// `body` with a pointer to the elements, valid even when there are none (a design without coded
    /// blocks has no codes), so kernels need no special case: they read nothing through it then.
    func withBase<Result>(_ body: (UnsafePointer<Element>) throws -> Result) rethrows -> Result {
        if isEmpty {
            return try withUnsafeTemporaryAllocation(of: Element.self, capacity: 1) { try body(UnsafePointer($0.baseAddress!)) }
        }
        return try withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}
