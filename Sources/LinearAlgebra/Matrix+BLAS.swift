import CBLAS

extension Matrix {
    /// `A·x` (or `Aᵀ·x` when `transposed`), through BLAS `dgemv`.
    public func times(_ vector: [Double], transposed: Bool = false) throws(LinearAlgebraError) -> [Double] {
        let (inputLength, outputLength) = transposed ? (rows, columns) : (columns, rows)
        guard vector.count == inputLength else {
            throw .dimensionMismatch("vector of \(vector.count) for a \(rows)×\(columns) matrix\(transposed ? " transposed" : "")")
        }
        var result = [Double](repeating: 0, count: outputLength)
        guard rows > 0, columns > 0 else { return result }
        let m = try blasInt(rows), n = try blasInt(columns)
        storage.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasColMajor, transposed ? CblasTrans : CblasNoTrans, m, n,
                                1.0, a.baseAddress, m, x.baseAddress, 1, 0.0, y.baseAddress, 1)
                }
            }
        }
        return result
    }

    /// `op(A)·op(B)` through BLAS `dgemm`, where `op` transposes when asked.
    public func times(_ other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false) throws(LinearAlgebraError) -> Matrix {
        let (m, k) = transposingSelf ? (columns, rows) : (rows, columns)
        let (k2, n) = transposingOther ? (other.columns, other.rows) : (other.rows, other.columns)
        guard k == k2 else {
            throw .dimensionMismatch("inner dimensions \(k) and \(k2) differ")
        }
        var result = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return result }
        let m32 = try blasInt(m), n32 = try blasInt(n), k32 = try blasInt(k)
        let lda = try blasInt(Swift.max(rows, 1)), ldb = try blasInt(Swift.max(other.rows, 1))
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasColMajor,
                                transposingSelf ? CblasTrans : CblasNoTrans,
                                transposingOther ? CblasTrans : CblasNoTrans,
                                m32, n32, k32, 1.0, a.baseAddress, lda, b.baseAddress, ldb, 0.0, c.baseAddress, m32)
                }
            }
        }
        return result
    }

    /// The weighted Gram matrix `Aᵀ·diag(w)·A` (the Newton/IRLS Hessian of a GLM), through BLAS `dsyrk`
    /// on the rows scaled by `√wᵢ`; both triangles of the result are filled.
    /// Weights must be non-negative. `nil` weights give the plain Gram matrix `AᵀA`.
    public func weightedGram(weights: [Double]? = nil) throws(LinearAlgebraError) -> Matrix {
        var scaled = self
        if let weights {
            guard weights.count == rows else {
                throw .dimensionMismatch("\(weights.count) weights for \(rows) rows")
            }
            let roots = weights.map { $0.squareRoot() }
            scaled.storage.withUnsafeMutableBufferPointer { a in
                for j in 0..<columns {
                    let offset = j * rows
                    for i in 0..<rows { a[offset + i] *= roots[i] }
                }
            }
        }
        return try scaled.gram()
    }

    /// `AᵀA` through `dsyrk`, symmetrised.
    private func gram() throws(LinearAlgebraError) -> Matrix {
        var result = Matrix(rows: columns, columns: columns)
        guard rows > 0, columns > 0 else { return result }
        let n = try blasInt(columns), k = try blasInt(rows)
        storage.withUnsafeBufferPointer { a in
            result.storage.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, n, k, 1.0, a.baseAddress, k, 0.0, c.baseAddress, n)
            }
        }
        result.mirrorLowerTriangle()
        return result
    }

    /// Copies the lower triangle onto the upper one; BLAS/LAPACK symmetric routines fill only one.
    mutating func mirrorLowerTriangle() {
        precondition(rows == columns)
        for j in 0..<columns {
            for i in (j + 1)..<rows { storage[j + i * rows] = storage[i + j * rows] }
        }
    }
}

/// `y ← α·x + y` and `x·y` on plain vectors, through BLAS level 1.
package enum Vector {
    package static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot of vectors with \(x.count) and \(y.count) elements")
        guard let n = Int32(exactly: x.count), n > 0 else { return x.isEmpty ? 0 : zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }
        return x.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { b in cblas_ddot(n, a.baseAddress, 1, b.baseAddress, 1) } }
    }

    package static func addScaled(_ alpha: Double, _ x: [Double], to y: inout [Double]) {
        precondition(x.count == y.count, "axpy of vectors with \(x.count) and \(y.count) elements")
        guard let n = Int32(exactly: x.count), n > 0 else {
            for i in x.indices { y[i] += alpha * x[i] }
            return
        }
        x.withUnsafeBufferPointer { a in y.withUnsafeMutableBufferPointer { b in cblas_daxpy(n, alpha, a.baseAddress, 1, b.baseAddress, 1) } }
    }
}
