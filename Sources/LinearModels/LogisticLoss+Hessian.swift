import LinearAlgebra

extension LogisticLoss {
    /// `[[XᵀDX + ridge·I, XᵀD1], [1ᵀDX, ΣD]]`, with `XᵀDX` from BLAS `dsyrk` accumulated block by block:
    /// `Matrix.weightedGram` scales a copy of its input, and a copy of a block stays in cache while a copy
    /// of a million-row design would double the memory of the fit.
    func hessian() throws -> Matrix {
        let p = design.columns
        var gram = Matrix(rows: p, columns: p)
        var start = 0
        while start < design.rows {
            let end = min(design.rows, start + gramBlockRows)
            let block = design.rowBlock(start..<end)
            let blockGram = try block.weightedGram(weights: Array(curvatures[start..<end]))
            Vector.addScaled(1, blockGram.storage, to: &gram.storage)
            start = end
        }
        let cross = try design.times(curvatures, transposed: true)
        var hessian = Matrix(rows: p + 1, columns: p + 1)
        for j in 0..<p {
            for i in 0..<p { hessian[i, j] = gram[i, j] }
            hessian[j, j] += ridge
            hessian[p, j] = cross[j]
            hessian[j, p] = cross[j]
        }
        hessian[p, p] = curvatures.reduce(0, +)
        return hessian
    }
}

extension Matrix {
    /// Rows `range` as a matrix of their own (one contiguous copy per column).
    func rowBlock(_ range: Range<Int>) -> Matrix {
        var values: [Double] = []
        values.reserveCapacity(range.count * columns)
        for j in 0..<columns {
            values.append(contentsOf: storage[(j * rows + range.lowerBound)..<(j * rows + range.upperBound)])
        }
        return Matrix(rows: range.count, columns: columns, columnMajor: values)
    }
}
