/// Failures reported by BLAS/LAPACK wrappers instead of crashing.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// Cholesky factorisation failed: the leading minor of this order (1-based, LAPACK's `info`) is not
    /// positive definite. For a Gram matrix this means collinear or constant columns without a penalty.
    case notPositiveDefinite(minor: Int)
    /// LAPACK rejected argument number `position` (LAPACK's negative `info`).
    case invalidArgument(routine: String, position: Int)
    /// The operands' shapes do not fit together.
    case dimensionMismatch(String)
    /// BLAS and LAPACK index with 32-bit integers; larger dimensions cannot be passed.
    case dimensionTooLarge(Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let minor):
            return "matrix is not positive definite (leading minor \(minor) fails); columns may be collinear or constant — add an L2 penalty or drop them"
        case .invalidArgument(let routine, let position):
            return "\(routine) rejected argument \(position)"
        case .dimensionMismatch(let message):
            return "dimension mismatch: \(message)"
        case .dimensionTooLarge(let value):
            return "dimension \(value) exceeds the 32-bit limit of BLAS/LAPACK"
        }
    }
}

/// Narrows a dimension to the 32-bit integers BLAS and LAPACK take, refusing silently wrapped values.
@inline(__always)
func blasInt(_ value: Int) throws(LinearAlgebraError) -> Int32 {
    guard let narrowed = Int32(exactly: value) else { throw .dimensionTooLarge(value) }
    return narrowed
}
