/// Upper edges of the value bins of a numeric feature, from its sorted non-missing sample values.
///
/// Follows LightGBM's `GreedyFindBin` (src/io/bin.cpp) rather than plain quantiles:
/// - at most `maxBins` distinct values: one bin per value, edges at the midpoints between neighbours,
///   so every distinct value keeps its own effect (counts, booleans, small ordinal scales);
/// - otherwise equal-frequency bins, except that a value holding at least `count / maxBins` rows gets a
///   bin of its own. Plain quantiles would merge a heavy value (the many zeros of "pricing-page
///   visits") with its neighbours, or spend many edges on one value. The target size is recomputed
///   from the rows and bins left, so heavy values do not starve the rest of bins.
///
/// Returns `maxBins - 1` edges at most, strictly ascending; no edges for no or one distinct value.
func numericUpperEdges(sortedValues: [Double], maxBins: Int) -> [Double] {
    var distinct: [Double] = []
    var counts: [Int] = []
    for value in sortedValues {
        if value == distinct.last { counts[counts.count - 1] += 1 } else { distinct.append(value); counts.append(1) }
    }
    guard distinct.count > 1 else { return [] }
    if distinct.count <= maxBins {
        return (1..<distinct.count).map { midpoint(distinct[$0 - 1], distinct[$0]) }
    }
    let heavy = sortedValues.count / maxBins
    var edges: [Double] = []
    var rowsLeft = sortedValues.count
    var binsLeft = maxBins
    var rowsInBin = 0
    for index in 0..<(distinct.count - 1) where binsLeft > 1 {
        rowsInBin += counts[index]
        let target = Double(rowsLeft) / Double(binsLeft)
        if counts[index] >= heavy || counts[index + 1] >= heavy || Double(rowsInBin) >= target {
            edges.append(midpoint(distinct[index], distinct[index + 1]))
            rowsLeft -= rowsInBin
            binsLeft -= 1
            rowsInBin = 0
        }
    }
    return edges
}

/// A value in `[a, b)` halfway between them, so that `a` falls at or below the edge and `b` above it
/// (`a < b`). Halves before adding so large values do not overflow; falls back to `a` when the two are
/// adjacent doubles and the midpoint rounds up to `b`.
func midpoint(_ a: Double, _ b: Double) -> Double {
    let middle = a / 2 + b / 2
    return middle >= a && middle < b ? middle : a
}
