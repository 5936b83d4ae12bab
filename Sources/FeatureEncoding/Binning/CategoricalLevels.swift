import LeadData

/// The levels of a categorical feature that get a bin of their own, and those pooled into "other".
///
/// A level keeps its own bin when it occurs at least `minCount` times; kept levels stay in the data's
/// level order (first seen), which is the order a score card lists them in. When more than
/// `maxOwnBins` levels qualify, the most frequent ones win (ties: earlier level) and the rest are
/// pooled, so the feature still fits a `UInt8` bin index. Levels that never occur in the fitted rows
/// are in neither list: like levels first seen after fitting, they fall in "other".
func categoricalLevels(codes: CategoryCodes, levels: [String], minCount: Int, maxOwnBins: Int) -> (kept: [String], pooled: [String]) {
    var counts = [Int](repeating: 0, count: levels.count)
    for code in codes where code >= 0 { counts[Int(code)] += 1 }
    var qualifying = levels.indices.filter { counts[$0] >= minCount }
    if qualifying.count > maxOwnBins {
        let mostFrequent = qualifying.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        qualifying = mostFrequent.prefix(maxOwnBins).sorted()
    }
    let kept = Set(qualifying)
    return (qualifying.map { levels[$0] },
            levels.indices.filter { counts[$0] > 0 && !kept.contains($0) }.map { levels[$0] })
}
