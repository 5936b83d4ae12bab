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

    /// Rows `range` of `[X | 1]`, each multiplied by `√Dᵢ`.
    private func scaledBlock(_ range: Range<Int>) -> Matrix {
        let (n, p, m) = (design.rows, design.columns, range.count)
        let roots = curvatures[range].map { $0.squareRoot() }
        let values = [Double](unsafeUninitializedCapacity: m * (p + 1)) { block, initialized in
            design.storage.withUnsafeBufferPointer { x in
                for j in 0..<p {
                    let (from, to) = (j * n + range.lowerBound, j * m)
                    for i in 0..<m { block[to + i] = x[from + i] * roots[i] }
                }
            }
            for i in 0..<m { block[p * m + i] = roots[i] }
            initialized = m * (p + 1)
        }
        return Matrix(rows: m, columns: p + 1, columnMajor: values)
    }
}
