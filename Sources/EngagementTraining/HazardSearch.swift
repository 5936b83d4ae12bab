import Engagement
import Evaluation
import FeatureEncoding
import Foundation
import LeadData
import LinearModels

/// Chooses each event type's half-life and cap on the conversion **hazard** ("converts before the next
/// short step, given everything so far"), with a calendar-period term, rather than on the card's H-day label.
///
/// Why not on the H-day label directly: an event's pull on "converts within 90 days" is the sum of its
/// decayed effect over the 90 days, which on the log-odds scale falls off faster than the event's own
/// weight (a convex function of a fading count), so a logistic model of the H-day label picks half-lives
/// well below the truth (0.45–0.6 × on the synthetic benchmark). On a step of one day the decayed count at
/// the step's start is the state the hazard depends on, so the half-life that fits best is the half-life of
/// the process. The calendar-period term absorbs a base rate that moves with the season (a control used
/// only while searching: a card cannot state next month's season), so the season is not credited to events.
///
/// Data: lead-steps of the training and validation leads (the test leads are never read), keeping every
/// converting step and a fixed share of the others, chosen by a hash of lead and step (case-control
/// sampling: the slopes of a logistic model stay consistent, only the intercept moves). Each candidate
/// is fitted on one half of the leads and judged by log loss on the other half, both ways (two-fold,
/// held-out profile likelihood); per type in turn a grid, then a golden-section search in log days
/// between the best grid point's neighbours, then the cap.
struct HazardSearch {
    let snapshots: Snapshots
    /// Rows of each fold (leads split by a hash of their index).
    let folds: [[Int]]
    let fitEncodings: [FitEncoding]
    let period: (codes: [Int32], labels: [String])?
    let typeTimes: [(start: [Int], time: [Double])]
    let eventNames: [String]
    let strength: Double
    var cache: [Int: [Decay: [Double]]] = [:]
    var fits = 0

    init(leads: LeadTimeline, searchLeads: [Int], typeTimes: [(start: [Int], time: [Double])], eventNames: [String],
         fitEncodings: [FitEncoding], options: EngagementOptions, observedUntil: Double) throws {
        let step = options.hazardStep
        let plan = SnapshotPlan(every: step, horizon: step, observedUntil: options.plan.observedUntil)
        let all = try Snapshots(leads: leads, plan: plan, observedUntil: observedUntil)
        var inSearch = [Bool](repeating: false, count: leads.count)
        for lead in searchLeads { inSearch[lead] = true }
        let share = options.negativeShare
        let kept = all.subset { row in
            let lead = Int(all.lead[row])
            guard inSearch[lead] else { return false }
            return all.label[row] == 1 || Self.unitHash(UInt64(lead) << 32 | UInt64(row - all.start[lead])) < share
        }
        var foldRows: [[Int]] = [[], []]
        for row in 0..<kept.count { foldRows[Int(Self.mix(UInt64(kept.lead[row])) & 1)].append(row) }
        guard foldRows.allSatisfy({ rows in rows.contains { kept.label[$0] == 1 } && rows.contains { kept.label[$0] == 0 } }) else {
            throw EngagementError(.badSetting, message: "too few conversions among the training leads to learn half-lives; give more leads")
        }
        snapshots = kept
        folds = foldRows
        if let length = options.calendarPeriod?.seconds {
            let origin = searchLeads.map { leads.created[$0] }.min() ?? 0
            let codes = kept.asOf.map { Int32(max(0, (($0 - origin) / length).rounded(.down))) }
            let top = Int(codes.max() ?? 0)
            period = (codes, (0...top).map { "period \($0)" })
        } else {
            period = nil
        }
        self.typeTimes = typeTimes
        self.eventNames = eventNames
        self.fitEncodings = fitEncodings
        strength = options.strength
    }

    /// SplitMix64: a well-mixed 64-bit hash, so the sample does not depend on row order.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func unitHash(_ value: UInt64) -> Double { Double(mix(value) >> 11) / Double(1 << 53) }

    mutating func feature(type: Int, decay: Decay) -> [Double] {
        if let cached = cache[type]?[decay] { return cached }
        let values = DecayedCounts.compute(typeTimes[type], snapshots: snapshots, decay: decay)
        cache[type, default: [:]][decay] = values
        return values
    }

    mutating func dataset(rows: [Int], decays: [Decay], caps: [Double?]) -> Dataset {
        let leadOfRow = rows.map { snapshots.lead[$0] }
        var columns = fitEncodings.map { $0.column(leads: leadOfRow) }
        if let period {
            columns.append(DataColumn(name: "calendar period", role: .categorical, values: .categorical(codes: rows.map { period.codes[$0] }, levels: period.labels),
                                      missingCount: 0, distinctCount: period.labels.count))
        }
        for type in eventNames.indices {
            let all = feature(type: type, decay: decays[type])
            let cap = caps[type] ?? .infinity
            columns.append(DataColumn(name: TrainingState.featureName(eventNames[type]), role: .numeric, values: .numeric(rows.map { min(all[$0], cap) }),
                                      missingCount: 0, distinctCount: 2))
        }
        return Dataset(source: "lead steps", columns: columns, labels: rows.map { snapshots.label[$0] },
                       outcome: Outcome(column: "converts within the step", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0), rowCount: rows.count)
    }

    /// Forgets cached counts of decays no longer chosen (each golden-section step is a new one).
    mutating func prune(keeping decays: [Decay]) {
        for type in eventNames.indices { cache[type] = cache[type]?.filter { $0.key == decays[type] } }
    }

    var regression: LogisticRegression {
        LogisticRegression(penalty: .l2, strength: strength, encoding: DesignOptions(minimumLevelCount: 1, numericEncoding: .linear))
    }

    /// Held-out log loss summed over both folds (each fold's model judged on the other fold's steps).
    mutating func loss(decays: [Decay], caps: [Double?]) throws -> Double {
        var total = 0.0
        for fold in 0..<2 {
            let fitRows = folds[fold], judgeRows = folds[1 - fold]
            let model = try regression.fit(dataset(rows: fitRows, decays: decays, caps: caps))
            fits += 1
            let logOdds = try model.logOdds(dataset(rows: judgeRows, decays: decays, caps: caps))
            total += try logLoss(probabilities: logOdds.map { 1 / (1 + exp(-$0)) }, outcomes: judgeRows.map { snapshots.label[$0] }) * Double(judgeRows.count)
        }
        return total
    }

    /// Per event type, log-odds per decayed event on the step hazard, fitted on every search step (the
    /// synthetic truth states its effects on this scale, so a benchmark can compare them).
    mutating func stepLogOdds(decays: [Decay], caps: [Double?]) throws -> [Double] {
        let rows = Array(0..<snapshots.count)
        let model = try regression.fit(dataset(rows: rows, decays: decays, caps: caps))
        fits += 1
        return eventNames.map { name in
            zip(model.terms, model.coefficients).first { $0.0.feature == TrainingState.featureName(name) && $0.0.kind == .value }?.1 ?? 0
        }
    }

    /// Coordinate-wise search; returns each type's decay and cap.
    mutating func search(options: EngagementOptions) throws -> (decays: [Decay], caps: [Double?]) {
        let count = eventNames.count
        var decays = [Decay](repeating: .halfLife(days: 14), count: count)
        var caps = [Double?](repeating: nil, count: count)
        var best = try loss(decays: decays, caps: caps)
        let grid = options.halfLifeGrid.compactMap { $0 }.sorted()
        for round in 0..<max(options.rounds, 1) {
            for type in 0..<count {
                func trial(_ halfLife: Double?) throws -> Double {
                    var candidate = decays
                    candidate[type] = halfLife.map { .halfLife(days: $0) } ?? .none
                    let value = try loss(decays: candidate, caps: caps)
                    if value < best {
                        best = value
                        decays = candidate
                    }
                    return value
                }
                // Grid: all of it in the first round, then the points within ×2.5 of the current choice.
                var current: Double? = nil
                if case .halfLife(let days) = decays[type] { current = days }
                var tried: [(Double, Double)] = current.map { [($0, best)] } ?? []
                for halfLife in grid where round == 0 || current.map({ halfLife >= $0 / 2.5 && halfLife <= $0 * 2.5 }) ?? true {
                    if let current, abs(log(halfLife / current)) < 1e-9 { continue }
                    tried.append((halfLife, try trial(halfLife)))
                }
                if options.halfLifeGrid.contains(where: { $0 == nil }), current != nil || round == 0 { _ = try trial(nil) }
                // Golden section in log days between the best finite point's neighbours.
                defer { prune(keeping: decays) }
                guard case .halfLife(let chosen) = decays[type] else { continue }
                tried.sort { $0.0 < $1.0 }
                guard let position = tried.firstIndex(where: { abs(log($0.0 / chosen)) < 1e-9 }) else { continue }
                var low = log(position > 0 ? tried[position - 1].0 : chosen / 1.5)
                var high = log(position < tried.count - 1 ? tried[position + 1].0 : chosen * 1.5)
                let ratio = (sqrt(5.0) - 1) / 2
                var left = high - ratio * (high - low), right = low + ratio * (high - low)
                var leftLoss = try trial(exp(left)), rightLoss = try trial(exp(right))
                for _ in 0..<options.goldenSteps {
                    if leftLoss < rightLoss {
                        high = right
                        (right, rightLoss) = (left, leftLoss)
                        left = high - ratio * (high - low)
                        leftLoss = try trial(exp(left))
                    } else {
                        low = left
                        (left, leftLoss) = (right, rightLoss)
                        right = low + ratio * (high - low)
                        rightLoss = try trial(exp(right))
                    }
                }
            }
            for type in 0..<count {
                for cap in options.capGrid where cap != caps[type] {
                    var candidate = caps
                    candidate[type] = cap
                    let value = try loss(decays: decays, caps: candidate)
                    if value < best {
                        best = value
                        caps = candidate
                    }
                }
            }
        }
        return (decays, caps)
    }
}
