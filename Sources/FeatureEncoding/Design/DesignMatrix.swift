/// Encoded rows, ready for a linear model.
///
/// Column-major like `LinearAlgebra.Matrix` (this module does not depend on it, so the trainer wraps
/// `values` into a `Matrix` without copying): column `j` occupies `values[j * rowCount ..< (j + 1) * rowCount]`.
public struct DesignMatrix: Sendable {
    /// Rows of the design.
    public let rowCount: Int
    /// What each column means (feature, level or bin, centring and scale).
    public let terms: [DesignTerm]
    /// The values, row-major, `rowCount × columnCount`.
    public var values: [Double]
    /// Things the caller should know about this encoding, e.g. features absent from the data.
    public var notes: [String]

    /// Design columns: one per term.
    public var columnCount: Int { terms.count }

    /// Column `j`, without copying.
    public func column(_ j: Int) -> ArraySlice<Double> { values[(j * rowCount)..<((j + 1) * rowCount)] }
}
