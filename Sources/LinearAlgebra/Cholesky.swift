import CLAPACKE

/// The Cholesky factor `L` of a symmetric positive-definite matrix (`A = L·Lᵀ`, LAPACK `dpotrf`),
/// kept so one factorisation serves several right-hand sides (`dpotrs`).
public struct Cholesky: Sendable {
    /// Column-major; the lower triangle holds `L`, the upper triangle is left as LAPACK found it.
    public let factor: Matrix

    /// Factorises `matrix`, reading only its lower triangle.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite(minor:)` with LAPACK's failing leading minor.
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        guard matrix.rows == matrix.columns else {
            throw .dimensionMismatch("Cholesky of a \(matrix.rows)×\(matrix.columns) matrix")
        }
        var factor = matrix
        let n = try blasInt(matrix.rows)
        if n > 0 {
            let info = factor.storage.withUnsafeMutableBufferPointer { a in
                LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), n, a.baseAddress, n)
            }
            try check(info, routine: "dpotrf")
        }
        self.factor = factor
    }

    /// Solves `A·x = b` with the stored factor.
    public func solve(_ rightHandSide: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard rightHandSide.count == factor.rows else {
            throw .dimensionMismatch("right-hand side of \(rightHandSide.count) for a \(factor.rows)×\(factor.rows) system")
        }
        var solution = rightHandSide
        let n = try blasInt(factor.rows)
        guard n > 0 else { return solution }
        let info = factor.storage.withUnsafeBufferPointer { a in
            solution.withUnsafeMutableBufferPointer { b in
                LAPACKE_dpotrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), n, 1, a.baseAddress, n, b.baseAddress, n)
            }
        }
        try check(info, routine: "dpotrs")
        return solution
    }
}

extension Matrix {
    /// Solves `A·x = b` for symmetric positive-definite `A` (this matrix) by a Cholesky factorisation (`dpotrf` + `dpotrs`).
    public func solvePositiveDefinite(_ rightHandSide: [Double]) throws(LinearAlgebraError) -> [Double] {
        try Cholesky(self).solve(rightHandSide)
    }
}

private func check(_ info: Int32, routine: String) throws(LinearAlgebraError) {
    if info > 0 { throw .notPositiveDefinite(minor: Int(info)) }
    if info < 0 { throw .invalidArgument(routine: routine, position: Int(-info)) }
}
