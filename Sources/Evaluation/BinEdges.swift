import Foundation

// Bin edges computed with the same floating-point steps as NumPy, so a probability lying exactly on an
// edge (rounded probabilities such as 0.30 often do) falls in the same bin as in scikit-learn's
// `calibration_curve`, and fixture values match to the last bit instead of differing by a whole row.

/// n + 1 equally spaced edges from 0 to 1, computed as `numpy.linspace(0, 1, n + 1)`: k · (1/n), last edge 1.
/// (So the fourth of ten edges is 0.30000000000000004, not 0.3.)
func equalWidthEdges(bins: Int) -> [Double] {
    let step = 1.0 / Double(bins)
    var edges = (0...bins).map { Double($0) * step }
    edges[bins] = 1
    return edges
}

/// Edges at the 0, 1/n, …, 1 quantiles of `values`, computed as
/// `numpy.percentile(values, numpy.linspace(0, 1, n + 1) * 100)` (linear interpolation, Hyndman–Fan type 7).
/// Tied values make edges coincide; the bins between them stay empty and are dropped from the table.
func equalCountEdges(sortedValues values: [Double], bins: Int) -> [Double] {
    let last = values.count - 1
    return equalWidthEdges(bins: bins).map { fraction in
        let q = (fraction * 100) / 100  // NumPy scales to percent and back; keep its rounding
        let virtualIndex = Double(last) * q
        guard virtualIndex < Double(last) else { return values[last] }
        let lower = virtualIndex.rounded(.down)
        let gamma = virtualIndex - lower
        let a = values[Int(lower)], b = values[Int(lower) + 1]
        let difference = b - a
        // NumPy's `_lerp` interpolates from the nearer end for accuracy.
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }
}

/// Bin index of `value` among `edges`: the number of interior edges strictly below it, as
/// `numpy.searchsorted(edges[1:-1], value)` (side "left"). Bins are therefore (lower, upper], the first
/// one [0, upper].
func binIndex(of value: Double, edges: [Double]) -> Int {
    var low = 1, high = edges.count - 1  // search the interior edges edges[1..<count-1]
    while low < high {
        let middle = (low + high) / 2
        if edges[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low - 1
}
