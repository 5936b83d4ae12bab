import FeatureEncoding
import LinearAlgebra

extension CodedDesign {
    /// `[[XᵀDX, XᵀD1], [1ᵀDX, ΣD]]` from bin histograms.
    ///
    /// One unit of work per block `f`: over all rows in order, the sums of `D` per code of `f` and per pair
    /// of codes of `f` and each later block `g` (a `C_f × C_g` histogram). One unit per value column `j`:
    /// `Σ Dᵢxᵢⱼ`, its sums per code of every block, and `Σ Dᵢxᵢⱼxᵢₖ` for the later value columns. One unit
    /// for `ΣD`. Units write only their own sums, each in row order, so any number of threads gives the same
    /// bits. The design columns' entries then follow from the blocks' tables: `T_fᵀ·H_fg·T_g` for a pair,
    /// `T_fᵀ·diag(h_f)·T_f` for a block with itself.
    func augmentedGram(_ rowWeights: [Double]) throws -> Matrix {
        precondition(rowWeights.count == rowCount)
        let layout = GramLayout(self)
        var sums = [Double](repeating: 0, count: layout.total)
        let width = blocks.count
        let blockCount = blocks.count, valueCount = valueColumns.count
        let (rows, starts, codeTotal) = (rowCount, layout.starts, layout.codeTotal)
        let valueColumns = self.valueColumns
        let chunkRows = Self.chunkRows
        sums.withUnsafeMutableBufferPointer { sums in
            rowWeights.withBase { weights in
                let shared = SharedPointer((sums.baseAddress!, weights))
                concurrentForEach(blockCount + valueCount + 1, threads: availableCores) { unit in
                    let (sums, weights) = shared.pointer
                    let own = sums + layout.unitStarts[unit]
                    // Rows a chunk at a time, in order: each sum still adds its rows in row order.
                    let chunks = stride(from: 0, to: rows, by: chunkRows).map { $0..<Swift.min($0 + chunkRows, rows) }
                    if unit < blockCount {
                        // Block f: own[c] and pairs[c · later + offset(g) + d] for each later block g, from the
                        // chunk's codes of blocks f… (block f first).
                        let f = unit, codeCount = blocks[f].codeCount, later = codeTotal - starts[f] - codeCount
                        let pairs = own + codeCount, span = width - f
                        var offsets = [Int](repeating: 0, count: width)
                        for g in (f + 1)..<max(f + 1, width) { offsets[g - f] = starts[g] - starts[f] - codeCount }
                        offsets.withUnsafeBufferPointer { offsets in
                            withUnsafeTemporaryAllocation(of: Int.self, capacity: chunkRows) { lines in
                                for range in chunks {
                                    // Block f's code of each row of the chunk, then each later block's
                                    // histogram over the chunk's rows; every sum still adds rows in order.
                                    let first = range.lowerBound
                                    codeColumns[f].forEachBin(in: range) { row, code in
                                        own[code] += weights[row]
                                        lines[row &- first] = code &* later
                                    }
                                    for g in 1..<max(1, span) {
                                        let line = pairs + offsets[g]
                                        codeColumns[f + g].forEachBin(in: range) { row, code in
                                            line[lines[row &- first] &+ code] += weights[row]
                                        }
                                    }
                                }
                            }
                        }
                    } else if unit < blockCount + valueCount {
                        // Value column j: [Σ Dx, per code of every block, Σ Dx·x_k for k ≥ j].
                        let j = unit - blockCount
                        // One pass over the rows for all of it, however many value columns follow.
                        withPointers(valueColumns[j...].map(\.values)) { values in
                            let x = values[0], products = own + 1 + codeTotal
                            var sum = 0.0
                            for range in chunks {
                                for row in range {
                                    let weighted = weights[row] * x[row]
                                    sum += weighted
                                    for (k, other) in values.enumerated() { products[k] += weighted * other[row] }
                                }
                                for b in 0..<width {
                                    let slots = own + (1 + starts[b])
                                    codeColumns[b].forEachBin(in: range) { row, code in slots[code] += weights[row] * x[row] }
                                }
                            }
                            own[0] = sum
                        }
                    } else {
                        var sum = 0.0
                        for row in 0..<rows { sum += weights[row] }
                        own[0] = sum
                    }
                }
            }
        }
        return assembleGram(sums, layout: layout)
    }

    /// The design columns' Gram entries from the units' sums (`GramLayout`).
    private func assembleGram(_ sums: [Double], layout: GramLayout) -> Matrix {
        let p = columnCount
        var gram = Matrix(rows: p + 1, columns: p + 1)
        func set(_ a: Int, _ b: Int, _ value: Double) {
            gram[a, b] = value
            gram[b, a] = value
        }
        for (f, block) in blocks.enumerated() {
            let start = layout.unitStarts[f], codes = block.codeCount, width = block.columns.count
            let own = sums[start..<(start + codes)]
            for k in 0..<width {
                var withIntercept = 0.0
                for code in 0..<codes { withIntercept += own[start + code] * block.value(code: code, column: k) }
                set(block.columns[k], p, withIntercept)
                for l in k..<width {
                    var sum = 0.0
                    for code in 0..<codes { sum += own[start + code] * block.value(code: code, column: k) * block.value(code: code, column: l) }
                    set(block.columns[k], block.columns[l], sum)
                }
            }
            // Each later block g: (T_fᵀ · H_fg) · T_g, the histogram H_fg a C_f × C_g slice of the pair sums.
            let later = layout.codeTotal - layout.starts[f] - codes
            for g in (f + 1)..<max(f + 1, blocks.count) {
                let other = blocks[g], offset = layout.starts[g] - layout.starts[f] - codes
                let pairs = { (code: Int, otherCode: Int) in sums[start + codes + code * later + offset + otherCode] }
                // Q[c][l] = Σ_d H[c][d] · T_g[d][l]
                var q = [Double](repeating: 0, count: codes * other.columns.count)
                for code in 0..<codes {
                    for otherCode in 0..<other.codeCount {
                        let count = pairs(code, otherCode)
                        guard count != 0 else { continue }
                        for l in other.columns.indices { q[code * other.columns.count + l] += count * other.value(code: otherCode, column: l) }
                    }
                }
                for k in 0..<width {
                    for l in other.columns.indices {
                        var sum = 0.0
                        for code in 0..<codes { sum += block.value(code: code, column: k) * q[code * other.columns.count + l] }
                        set(block.columns[k], other.columns[l], sum)
                    }
                }
            }
        }
        for (j, value) in valueColumns.enumerated() {
            let start = layout.unitStarts[blocks.count + j]
            set(value.column, p, sums[start])
            for (g, block) in blocks.enumerated() {
                for l in block.columns.indices {
                    var sum = 0.0
                    for code in 0..<block.codeCount { sum += sums[start + 1 + layout.starts[g] + code] * block.value(code: code, column: l) }
                    set(value.column, block.columns[l], sum)
                }
            }
            for k in j..<valueColumns.count { set(value.column, valueColumns[k].column, sums[start + 1 + layout.codeTotal + k - j]) }
        }
        gram[p, p] = sums[layout.unitStarts[blocks.count + valueColumns.count]]
        return gram
    }
}

/// `body` with pointers to the elements of every array, all valid at once.
private func withPointers<Result>(_ arrays: [[Double]], _ collected: [UnsafePointer<Double>] = [],
                                  _ body: ([UnsafePointer<Double>]) -> Result) -> Result {
    guard collected.count < arrays.count else { return body(collected) }
    return arrays[collected.count].withBase { withPointers(arrays, collected + [$0], body) }
}

/// Where each unit of `augmentedGram` keeps its sums in one buffer.
private struct GramLayout: Sendable {
    /// Block `b`'s first code among all blocks' codes (as in `codeStarts`).
    let starts: [Int]
    /// All blocks' codes.
    let codeTotal: Int
    /// Each unit's first slot: blocks (`C_f` own sums, then `C_f × (codes of later blocks)` pair sums),
    /// value columns (`1 + codeTotal + later value columns`), the `ΣD` unit (1).
    let unitStarts: [Int]
    let total: Int

    init(_ design: CodedDesign) {
        var starts: [Int] = [], codeTotal = 0
        for block in design.blocks {
            starts.append(codeTotal)
            codeTotal += block.codeCount
        }
        var unitStarts: [Int] = [], total = 0
        for (f, block) in design.blocks.enumerated() {
            unitStarts.append(total)
            total += block.codeCount * (1 + codeTotal - starts[f] - block.codeCount)
        }
        let values = design.valueColumns.count
        for j in 0..<values {
            unitStarts.append(total)
            total += 1 + codeTotal + values - j
        }
        unitStarts.append(total)
        total += 1
        (self.starts, self.codeTotal, self.unitStarts, self.total) = (starts, codeTotal, unitStarts, total)
    }
}
