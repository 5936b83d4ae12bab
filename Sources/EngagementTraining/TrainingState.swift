import Engagement
import Evaluation
import FeatureEncoding
import Foundation
import LeadData
import LinearModels
import ScoreCardFormat

/// The snapshots, the split and the cached event features one training run reuses across its many fits.
struct TrainingState {
    let leads: LeadTimeline
    let events: EventLog
    let options: EngagementOptions
    let snapshots: Snapshots
    let trainRows: [Int], validationRows: [Int], testRows: [Int]
    /// Training and validation leads (never the test leads): what the half-life search may read.
    let searchLeads: [Int]
    let observedUntil: Double
    let fitEncodings: [FitEncoding]
    let typeTimes: [(start: [Int], time: [Double])]
    var featureCache: [Int: [Decay: [Double]]] = [:]
    var fits = 0

    init(leads: LeadTimeline, events: EventLog, options: EngagementOptions) throws {
        self.leads = leads
        self.events = events
        self.options = options
        observedUntil = max(leads.latestTime, events.latestTime)
        snapshots = try Snapshots(leads: leads, plan: options.plan, observedUntil: observedUntil)
        let order = (0..<leads.count).sorted { (leads.created[$0], $0) < (leads.created[$1], $1) }
        let trainEnd = Int(Double(order.count) * options.trainFraction)
        let validationEnd = min(order.count, trainEnd + Int(Double(order.count) * options.validationFraction))
        let trainLeads = Array(order[..<trainEnd])
        searchLeads = Array(order[..<validationEnd])
        trainRows = snapshots.indices(ofLeads: trainLeads)
        validationRows = snapshots.indices(ofLeads: Array(order[trainEnd..<validationEnd]))
        testRows = snapshots.indices(ofLeads: Array(order[validationEnd...]))
        guard !trainRows.isEmpty, !validationRows.isEmpty, !testRows.isEmpty else {
            throw EngagementError(.badSetting, message: "too few snapshots to train, validate and test (\(snapshots.count) in all); give more leads")
        }
        fitEncodings = leads.fit.map { FitEncoding($0, trainingLeads: trainLeads, bins: options.numericBins) }
        typeTimes = events.timesByType()
    }

    mutating func feature(type: Int, decay: Decay) -> [Double] {
        if let cached = featureCache[type]?[decay] { return cached }
        let values = DecayedCounts.compute(typeTimes[type], snapshots: snapshots, decay: decay)
        featureCache[type, default: [:]][decay] = values
        return values
    }

    static func featureName(_ type: String) -> String { "event: " + type }

    /// The dataset of the given snapshot rows: fit codes and each type's capped decayed count.
    mutating func dataset(rows: [Int], decays: [Decay], caps: [Double?]) -> Dataset {
        let leadOfRow = rows.map { snapshots.lead[$0] }
        var columns = fitEncodings.map { $0.column(leads: leadOfRow) }
        for type in events.types.indices {
            let all = feature(type: type, decay: decays[type])
            let cap = caps[type] ?? .infinity
            let values = rows.map { min(all[$0], cap) }
            columns.append(DataColumn(name: Self.featureName(events.types[type]), role: .numeric, values: .numeric(values), missingCount: 0, distinctCount: 2))
        }
        let labels = rows.map { snapshots.label[$0] }
        return Dataset(source: "snapshots", columns: columns, labels: labels,
                       outcome: Outcome(column: "converts within horizon", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0), rowCount: rows.count)
    }

    var regression: LogisticRegression {
        LogisticRegression(penalty: .l2, strength: options.strength, encoding: DesignOptions(minimumLevelCount: 1, numericEncoding: .linear))
    }

    mutating func validationLoss(decays: [Decay], caps: [Double?]) throws -> Double {
        let model = try regression.fit(dataset(rows: trainRows, decays: decays, caps: caps), sampleWeights: trainRows.map { snapshots.weight[$0] })
        fits += 1
        let logOdds = try model.logOdds(dataset(rows: validationRows, decays: decays, caps: caps))
        return try logLoss(probabilities: logOdds.map { 1 / (1 + exp(-$0)) }, outcomes: validationRows.map { snapshots.label[$0] },
                           weights: validationRows.map { snapshots.weight[$0] })
    }

    /// Refits on training + validation snapshots and turns the model into a card.
    mutating func finish(decays: [Decay], caps: [Double?], cardName: String) throws -> EngagementTrainer.Result {
        let fitRows = trainRows + validationRows
        let model = try regression.fit(dataset(rows: fitRows, decays: decays, caps: caps), sampleWeights: fitRows.map { snapshots.weight[$0] })
        fits += 1
        let testWeights = testRows.map { snapshots.weight[$0] }, testLabels = testRows.map { snapshots.label[$0] }
        let modelAUC = try rocAUC(scores: try model.logOdds(dataset(rows: testRows, decays: decays, caps: caps)), outcomes: testLabels, weights: testWeights)

        // Raw-scale log-odds per fit code and per event.
        var levelLogOdds: [[Double]] = fitEncodings.map { [Double](repeating: 0, count: $0.labels.count) }
        var eventLogOdds = [Double](repeating: 0, count: events.types.count)
        for (term, coefficient) in zip(model.terms, model.coefficients) {
            if let fitIndex = fitEncodings.firstIndex(where: { $0.name == term.feature }), case .level(let label) = term.kind,
               let code = fitEncodings[fitIndex].labels.firstIndex(of: label) {
                levelLogOdds[fitIndex][code] = coefficient
            } else if let type = events.types.firstIndex(where: { Self.featureName($0) == term.feature }), term.kind == .value {
                eventLogOdds[type] = coefficient
            }
        }
        // Effective caps in counts: the fitted cap, else the 99.5 % quantile of training snapshots' counts.
        let countCaps: [Double] = events.types.indices.map { type in
            if let cap = caps[type] { return cap }
            let values = fitRows.map { feature(type: type, decay: decays[type])[$0] }.sorted()
            return max(values.isEmpty ? 1 : values[min(values.count - 1, Int(Double(values.count) * 0.995))], 1)
        }
        let fitRange = levelLogOdds.reduce(0) { $0 + (($1.max() ?? 0) - ($1.min() ?? 0)) }
        let eventRange = events.types.indices.reduce(0) { $0 + abs(eventLogOdds[$1]) * countCaps[$1] }
        let scale = Double(options.maximumPoints) / max(fitRange + eventRange, 1e-9)

        let criteria = fitEncodings.indices.map { index -> Criterion in
            let low = levelLogOdds[index].min() ?? 0
            return fitEncodings[index].criterion(points: levelLogOdds[index].map { Int((($0 - low) * scale).rounded()) }, group: "fit")
        }
        var basePoints = 0
        var eventCriteria: [EventCriterion] = []
        for type in events.types.indices {
            let perEvent = Int((eventLogOdds[type] * scale).rounded())
            guard perEvent != 0 else { continue }
            let cap = max(1, Int((abs(Double(perEvent)) * countCaps[type]).rounded()))
            if perEvent < 0 { basePoints += cap }
            let halfLife: Double?
            switch decays[type] {
            case .halfLife(let days): halfLife = (days * 100).rounded() / 100
            // A stepped decay is kept as the exponential that loses the same share per period (−25 % a
            // month: 72.28 days), the nearest a card can state.
            case .stepped(let factor, let period): halfLife = (period * M_LN2 / -log(factor) * 100).rounded() / 100
            case .none: halfLife = nil
            }
            eventCriteria.append(EventCriterion(event: events.types[type], label: events.types[type].replacingOccurrences(of: "_", with: " "),
                                                group: "engagement", pointsPerEvent: perEvent, halfLifeDays: halfLife, maximumPoints: cap))
        }
        var groups = [CriterionGroup(name: "fit", label: "Who the lead is")]
        if !eventCriteria.isEmpty { groups.append(CriterionGroup(name: "engagement", label: "What the lead did, as of the scoring time")) }
        var card = ScoreCard(name: cardName, description: "Fit and engagement as of a moment: the chance of converting within \(options.plan.horizon) of it.",
                             basePoints: basePoints, maximumPoints: options.maximumPoints, groups: groups, criteria: criteria,
                             eventCriteria: eventCriteria, events: EventSource())

        // The card's own totals per snapshot, through the card's arithmetic.
        func totals(_ rows: [Int]) -> [Double] {
            let cardDecays = eventCriteria.map { criterion in criterion.halfLifeDays.map { Decay.halfLife(days: $0) } ?? .none }
            let counts = eventCriteria.indices.map { index in
                feature(type: events.types.firstIndex(of: eventCriteria[index].event)!, decay: cardDecays[index])
            }
            return rows.map { row in
                let lead = Int(snapshots.lead[row])
                let fitPoints = fitEncodings.indices.map { index -> Int in
                    let code = Int(fitEncodings[index].codes[lead])
                    let low = levelLogOdds[index].min() ?? 0
                    return Int(((levelLogOdds[index][code] - low) * scale).rounded())
                }
                let eventPoints = eventCriteria.indices.map { eventCriteria[$0].points(decayedCount: counts[$0][row]) }
                return Double(card.total(criterionPoints: fitPoints, eventPoints: eventPoints))
            }
        }
        let calibrationTotals = totals(fitRows)
        let calibrationData = Dataset(
            source: "totals", columns: [DataColumn(name: "points", role: .numeric, values: .numeric(calibrationTotals), missingCount: 0, distinctCount: 2)],
            labels: fitRows.map { snapshots.label[$0] },
            outcome: Outcome(column: "converts", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0), rowCount: fitRows.count)
        let platt = try LogisticRegression(penalty: .l2, strength: 0).fit(calibrationData, sampleWeights: fitRows.map { snapshots.weight[$0] })
        card.calibration = Calibration(method: "platt", table: [], logistic: LogisticForm(intercept: platt.intercept, slope: platt.coefficients[0]))
        let testTotals = totals(testRows)
        let cardAUC = try rocAUC(scores: testTotals, outcomes: testLabels, weights: testWeights)
        let probabilities = testTotals.map { card.calibration!.probability(forTotal: Int($0)) ?? 0 }
        let positives = zip(testLabels, testWeights).reduce(0) { $0 + Double($1.0) * $1.1 } / testWeights.reduce(0, +)
        card.metrics = CardMetrics(data: "test snapshots: the newest \(Int(((1 - options.trainFraction - options.validationFraction) * 100).rounded())) % of leads, weighted 1/n per lead",
                                   rows: testRows.count, positiveRate: positives, auc: cardAUC,
                                   logLoss: try logLoss(probabilities: probabilities, outcomes: testLabels, weights: testWeights))
        try card.validate()
        let learned = events.types.indices.map { type -> EngagementTrainer.LearnedEvent in
            var halfLife: Double? = nil
            if case .halfLife(let days) = decays[type] { halfLife = days }
            return EngagementTrainer.LearnedEvent(event: events.types[type], halfLifeDays: halfLife, cap: caps[type], logOddsPerEvent: eventLogOdds[type])
        }
        return EngagementTrainer.Result(
            card: card, eventTypes: learned, testModelAUC: modelAUC, testCardAUC: cardAUC, snapshots: snapshots.count,
            trainSnapshots: trainRows.count, validationSnapshots: validationRows.count, testSnapshots: testRows.count,
            censoredLeads: snapshots.censored, fits: fits)
    }
}
