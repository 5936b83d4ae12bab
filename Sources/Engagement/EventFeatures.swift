import Dispatch

extension EventLog {
    /// Every type's event times per lead (as `times(ofType:)` gives one type), in one pass over the log.
    public func timesByType() -> [(start: [Int], time: [Double])] {
        let typeCount = types.count, leadCount = start.count - 1
        guard typeCount > 0 else { return [] }
        // Flat [type][lead] counts, then running sums into each type's start offsets.
        var starts = [Int](repeating: 0, count: typeCount * (leadCount + 1))
        for lead in 0..<leadCount {
            for event in start[lead]..<start[lead + 1] { starts[Int(type[event]) * (leadCount + 1) + lead + 1] += 1 }
        }
        var totals = [Int](repeating: 0, count: typeCount)
        for kind in 0..<typeCount {
            let base = kind * (leadCount + 1)
            for lead in 0..<leadCount { starts[base + lead + 1] += starts[base + lead] }
            totals[kind] = starts[base + leadCount]
        }
        var times = totals.map { [Double](repeating: 0, count: $0) }
        var next = starts
        for lead in 0..<leadCount {
            for event in start[lead]..<start[lead + 1] {
                let slot = Int(type[event]) * (leadCount + 1) + lead
                times[Int(type[event])][next[slot]] = time[event]
                next[slot] += 1
            }
        }
        return (0..<typeCount).map { kind in
            let base = kind * (leadCount + 1)
            return (Array(starts[base...(base + leadCount)]), times[kind])
        }
    }
}

/// Every event type's decayed count per snapshot (`DecayedCounts`), the types computed concurrently: the
/// feature building of training, and what scale benchmarks time.
public enum EventFeatures {
    /// - Parameter decays: one per event type of `events`.
    /// - Returns: per type, one value per snapshot.
    public static func compute(events: EventLog, snapshots: Snapshots, decays: [Decay]) -> [[Double]] {
        precondition(decays.count == events.types.count, "one decay per event type")
        let split = events.timesByType()
        var results = [[Double]](repeating: [], count: decays.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: decays.count) { kind in
                slots[kind] = DecayedCounts.compute(split[kind], snapshots: snapshots, decay: decays[kind])
            }
        }
        return results
    }
}
