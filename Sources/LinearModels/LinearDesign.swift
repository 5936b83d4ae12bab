import LinearAlgebra

/// What a GLM objective needs of its design `X` (`rows × columns`, no intercept column): the products a
/// second-order solver asks for, with the intercept's column of ones appended where it enters. A dense
/// `Matrix` computes them with BLAS; a `CodedDesign` by table look-ups and bin histograms, never forming X.
///
/// Implementations must give the same numbers for the same inputs however many threads run (fixed
/// chunks, sums in a fixed order), so a fit is deterministic.
protocol LinearDesign: Sendable {
    var rows: Int { get }
    var columns: Int { get }
    /// `Xw + offset`, one entry per row.
    func margins(_ weights: ArraySlice<Double>, offset: Double) throws -> [Double]
    /// `[Xᵀv, Σv]`: `columns + 1` entries, the intercept's last.
    func augmentedTransposeTimes(_ vector: [Double]) throws -> [Double]
    /// `[[XᵀDX, XᵀD1], [1ᵀDX, ΣD]]` for `D = diag(rowWeights)`: the Gram matrix of `[X | 1]`, `columns + 1`
    /// square, the intercept last.
    func augmentedGram(_ rowWeights: [Double]) throws -> Matrix
    /// The diagonal of `augmentedGram(rowWeights)`, without forming it.
    func augmentedGramDiagonal(_ rowWeights: [Double]) throws -> [Double]
}
