import Foundation

/// Point-in-time training examples: a (lead, as-of time) pair every `plan.every` from the lead's creation
/// until its outcome, labelled "converts within `plan.horizon` after the as-of time".
///
/// Features of a snapshot may use only events strictly before its as-of time (`DecayedCounts` enforces
/// that); the label uses only the outcome after it. Each lead's snapshots share a weight of 1 (`1/n` each),
/// so a lead open for a year does not count fifty times as much as a lead decided in a week.
public struct Snapshots: Sendable {
    /// Per snapshot, ordered by lead then as-of time.
    public var lead: [Int32]
    /// Per snapshot: its as-of time, in seconds since 1970.
    public var asOf: [Double]
    /// Per snapshot: 1 when the lead converts within the horizon after the as-of time, else 0.
    public var label: [UInt8]
    /// Per snapshot: `1/n`, `n` being its lead's number of snapshots.
    public var weight: [Double]
    /// Snapshots of lead `i` are `start[i] ..< start[i + 1]`.
    public var start: [Int]
    /// Leads still open whose last weeks are left out because their label is not known yet.
    public var censored: Int

    /// Number of snapshots.
    public var count: Int { asOf.count }

    /// - Parameter observedUntil: when the data ends, used when `plan.observedUntil` is `nil`.
    public init(leads: LeadTimeline, plan: SnapshotPlan, observedUntil defaultEnd: Double) throws(EngagementError) {
        guard plan.every.seconds > 0, plan.horizon.seconds > 0 else {
            throw EngagementError(.badSetting, message: "the snapshot interval and the horizon must be positive")
        }
        let end = plan.observedUntil ?? defaultEnd
        let every = plan.every.seconds, horizon = plan.horizon.seconds
        lead = []
        asOf = []
        label = []
        weight = []
        start = [0]
        censored = 0
        for index in 0..<leads.count {
            let created = leads.created[index]
            let outcome = leads.converted[index]
            let conversion = leads.convertedAt[index]
            // Snapshots stop at the outcome (or when the data ends, for an open lead or a lost one with no date).
            var stop = leads.outcomeTime(index)
            if stop.isNaN || stop > end { stop = end }
            let first = asOf.count
            var moment = created
            while moment < stop {
                let converts = outcome == true && conversion <= moment + horizon
                // A lead still open, whose horizon passes the end of the data, may yet convert: unknown.
                if outcome == nil, moment + horizon > end {
                    censored += 1
                    break
                }
                lead.append(Int32(index))
                asOf.append(moment)
                label.append(converts ? 1 : 0)
                moment += every
            }
            let taken = asOf.count - first
            if taken > 0 { weight.append(contentsOf: repeatElement(1 / Double(taken), count: taken)) }
            start.append(asOf.count)
        }
    }

    /// The snapshots for which `keep(index)` holds, still ordered by lead then time (so `DecayedCounts`
    /// walks them), each keeping its weight; `censored` is carried over.
    public func subset(keeping keep: (Int) -> Bool) -> Snapshots {
        var kept = self
        kept.lead = []
        kept.asOf = []
        kept.label = []
        kept.weight = []
        kept.start = [0]
        for leadIndex in 0..<(start.count - 1) {
            for snapshot in start[leadIndex]..<start[leadIndex + 1] where keep(snapshot) {
                kept.lead.append(lead[snapshot])
                kept.asOf.append(asOf[snapshot])
                kept.label.append(label[snapshot])
                kept.weight.append(weight[snapshot])
            }
            kept.start.append(kept.asOf.count)
        }
        return kept
    }

    /// Indices of the snapshots of the given leads, in order.
    public func indices(ofLeads leads: [Int]) -> [Int] {
        leads.flatMap { start[$0]..<start[$0 + 1] }
    }
}

/// How an event's weight fades with its age.
public enum Decay: Sendable, Hashable, CustomStringConvertible {
    /// Every event counts 1 forever ("points forever").
    case none
    /// `2^(−age / halfLife)` (as `exp(−age · ln 2 / halfLife)`, the card's formula), age and half-life in days.
    case halfLife(days: Double)
    /// `factor^⌊age / period⌋`: HubSpot-style, e.g. lose 25 % every month is `factor 0.75, period 30`.
    case stepped(factor: Double, periodDays: Double)

    /// The weight of an event `ageDays` old.
    public func weight(ageDays: Double) -> Double {
        switch self {
        case .none: return 1
        case .halfLife(let days): return exp(-ageDays * (M_LN2 / days))
        case .stepped(let factor, let period): return pow(factor, (ageDays / period).rounded(.down))
        }
    }

    public var description: String {
        switch self {
        case .none: return "no decay"
        case .halfLife(let days): return "half-life \(days) d"
        case .stepped(let factor, let period): return "×\(factor) every \(period) d"
        }
    }
}


/// Per snapshot, the decayed count of one event type: `Σ weight(age)` over the lead's events of that type
/// strictly before the as-of time. Events at or after the as-of time never enter: that is the
/// point-in-time rule, and the leak test checks it.
public enum DecayedCounts {
    /// - Parameter events: one type's times per lead (`EventLog.times(ofType:)`).
    public static func compute(_ events: (start: [Int], time: [Double]), snapshots: Snapshots, decay: Decay) -> [Double] {
        var values = [Double](repeating: 0, count: snapshots.count)
        let leadCount = snapshots.start.count - 1
        for leadIndex in 0..<leadCount {
            let range = snapshots.start[leadIndex]..<snapshots.start[leadIndex + 1]
            guard !range.isEmpty else { continue }
            let eventEnd = events.start[leadIndex + 1]
            var next = events.start[leadIndex]
            switch decay {
            case .halfLife(let days):
                // The running sum at the last event's time, carried forward by the decay between moments.
                var sum = 0.0, at = -Double.infinity
                for snapshot in range {
                    let moment = snapshots.asOf[snapshot]
                    while next < eventEnd, events.time[next] < moment {
                        let time = events.time[next]
                        sum = (sum == 0 ? 0 : sum * exp(-(time - at) / 86_400 * (M_LN2 / days))) + 1
                        at = time
                        next += 1
                    }
                    values[snapshot] = sum == 0 ? 0 : sum * exp(-(moment - at) / 86_400 * (M_LN2 / days))
                }
            case .none:
                var count = 0.0
                for snapshot in range {
                    while next < eventEnd, events.time[next] < snapshots.asOf[snapshot] {
                        count += 1
                        next += 1
                    }
                    values[snapshot] = count
                }
            case .stepped:
                let first = next
                for snapshot in range {
                    let moment = snapshots.asOf[snapshot]
                    while next < eventEnd, events.time[next] < moment { next += 1 }
                    var sum = 0.0
                    for event in first..<next { sum += decay.weight(ageDays: (moment - events.time[event]) / 86_400) }
                    values[snapshot] = sum
                }
            }
        }
        return values
    }
}
