import FeatureEncoding
import LinearAlgebra

/// A dense design: products by BLAS, the Gram matrix by `dsyrk` over blocks of rows.
extension Matrix: LinearDesign {
    func margins(_ weights: ArraySlice<Double>, offset: Double) throws -> [Double] {
        var margins = try times(Array(weights))
        for i in margins.indices { margins[i] += offset }
        return margins
    }

    func augmentedTransposeTimes(_ vector: [Double]) throws -> [Double] {
        var product = try times(vector, transposed: true)
        product.append(vector.reduce(0, +))
        return product
    }

    /// Rows per block when forming `XᵀDX`, so the scaled copy BLAS needs is a block, not the design:
    /// 16 384 rows (a few MB for lead-scoring widths, enough for `dsyrk` to run at full speed), fewer for
    /// wide designs so a block stays near 32 MB.
    var gramBlockRows: Int { min(16_384, max(256, 4_194_304 / (columns + 1))) }

    /// In one BLAS `dsyrk` pass: each block of rows is copied once, scaled by `√Dᵢ` and with a column `√Dᵢ`
    /// appended for the intercept, so the block's Gram matrix holds every entry at once and the sum over
    /// blocks is the whole. Blocks keep the copy in cache, where a scaled copy of a million-row design
    /// would double the memory of the fit.
    func augmentedGram(_ rowWeights: [Double]) throws -> Matrix {
        var gram = Matrix(rows: columns + 1, columns: columns + 1)
        var start = 0
        while start < rows {
            let end = min(rows, start + gramBlockRows)
            let blockGram = try scaledBlock(start..<end, rowWeights: rowWeights).weightedGram()
            Vector.addScaled(1, blockGram.storage, to: &gram.storage)
            start = end
        }
        return gram
    }

    func augmentedGramDiagonal(_ rowWeights: [Double]) throws -> [Double] {
        let n = rows
        var diagonal = storage.withUnsafeBufferPointer { x in
            (0..<columns).map { j in
                var sum = 0.0
                for i in 0..<n { sum += rowWeights[i] * x[j * n + i] * x[j * n + i] }
                return sum
            }
        }
        diagonal.append(rowWeights.reduce(0, +))
        return diagonal
    }

    /// Rows `range` of `[X | 1]`, each multiplied by `√Dᵢ`; columns are filled on all cores (a copy is
    /// memory-bound, and BLAS only parallelises the product that follows).
    private func scaledBlock(_ range: Range<Int>, rowWeights: [Double]) -> Matrix {
        let (n, p, m) = (rows, columns, range.count)
        let roots = rowWeights[range].map { $0.squareRoot() }
        let values = [Double](unsafeUninitializedCapacity: m * (p + 1)) { block, initialized in
            let output = SharedPointer(block)
            storage.withUnsafeBufferPointer { x in
                let input = SharedPointer(x)
                concurrentForEach(p + 1, threads: availableCores) { j in
                    let to = j * m
                    if j == p {
                        for i in 0..<m { output.pointer[to + i] = roots[i] }
                    } else {
                        let from = j * n + range.lowerBound
                        for i in 0..<m { output.pointer[to + i] = input.pointer[from + i] * roots[i] }
                    }
                }
            }
            initialized = m * (p + 1)
        }
        return Matrix(rows: m, columns: p + 1, columnMajor: values)
    }
}
