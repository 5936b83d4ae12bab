import FeatureEncoding
import LinearAlgebra

extension LogisticLoss {
    /// `[[XᵀDX + ridge·I, XᵀD1], [1ᵀDX, ΣD]]` in one BLAS `dsyrk` pass: each block of rows is copied once,
    /// scaled by `√Dᵢ` and with a column `√Dᵢ` appended for the intercept, so the block's Gram matrix holds
    /// every entry at once and the sum over blocks is the Hessian. Blocks keep the copy in cache, where a
    /// scaled copy of a million-row design would double the memory of the fit.
    func hessian() throws -> Matrix {
        let p = design.columns
        var hessian = Matrix(rows: p + 1, columns: p + 1)
        var start = 0
        while start < design.rows {
            let end = min(design.rows, start + gramBlockRows)
            let blockGram = try scaledBlock(start..<end).weightedGram()
            Vector.addScaled(1, blockGram.storage, to: &hessian.storage)
            start = end
        }
        for j in 0..<p { hessian[j, j] += ridge }
        return hessian
    }

    /// Rows `range` of `[X | 1]`, each multiplied by `√Dᵢ`; columns are filled on all cores (a copy is
    /// memory-bound, and BLAS only parallelises the product that follows).
    private func scaledBlock(_ range: Range<Int>) -> Matrix {
        let (n, p, m) = (design.rows, design.columns, range.count)
        let roots = curvatures[range].map { $0.squareRoot() }
        let values = [Double](unsafeUninitializedCapacity: m * (p + 1)) { block, initialized in
            let output = SharedPointer(block)
            design.storage.withUnsafeBufferPointer { x in
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
