/// Encoded rows, ready for a linear model.
///
/// Column-major like `LinearAlgebra.Matrix` (this module does not depend on it, so the trainer wraps
/// `values` into a `Matrix` without copying): column `j` occupies `values[j * rowCount ..< (j + 1) * rowCount]`.
public struct DesignMatrix: Sendable {
    public let rowCount: Int
    public let terms: [DesignTerm]
    public var values: [Double]
    /// Things the caller should know about this encoding, e.g. features absent from the data.
    public var notes: [String]

    public var columnCount: Int { terms.count }

    /// Column `j`, without copying.
    public func column(_ j: Int) -> ArraySlice<Double> { values[(j * rowCount)..<((j + 1) * rowCount)] }
}
