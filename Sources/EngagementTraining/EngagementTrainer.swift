import Engagement
import Evaluation
import Foundation
import LeadData
import LinearModels
import ScoreCardFormat

/// Learns a card with fit criteria and event criteria from leads and their activity events.
///
/// 1. Leads are split by creation time: the oldest `trainFraction` train, the next `validationFraction`
///    choose half-lives and caps, the newest are the test set (leads are scored forward in time).
/// 2. Point-in-time snapshots of every lead (`Snapshots`), weighted 1/n per lead.
/// 3. A weighted logistic regression (the BLAS/LAPACK solver of `LinearModels`) on fit attributes plus, per
///    event type, `min(cap, decayed count)`. The half-life and cap of each type are chosen coordinate-wise:
///    for each type in turn, every half-life of the grid (and "no decay") is fitted on training snapshots
///    and judged by the weighted log loss on validation snapshots, the other types held; then the cap.
///    After the last round a parabola through the best half-life and its grid neighbours (in log days)
///    proposes one more, kept if it validates better.
/// 4. Refit on training + validation snapshots; coefficients become integer points (the largest
///    reachable total ≈ `maximumPoints`), and a logistic calibration of the card's totals.
public enum EngagementTrainer {
    /// What training found and how it did on the test snapshots.
    public struct Result: Sendable {
        public var card: ScoreCard
        public var eventTypes: [LearnedEvent]
        /// Weighted AUC on test snapshots: the logistic model and the card (integer points).
        public var testModelAUC: Double, testCardAUC: Double
        public var snapshots: Int, trainSnapshots: Int, validationSnapshots: Int, testSnapshots: Int
        public var censoredLeads: Int
        public var fits: Int
    }

    /// One event type's learned settings.
    public struct LearnedEvent: Sendable, Equatable {
        public var event: String
        /// `nil`: no decay.
        public var halfLifeDays: Double?
        /// Cap on the decayed count; `nil`: none.
        public var cap: Double?
        /// Log-odds per (decayed) event on the snapshot label.
        public var logOddsPerEvent: Double
    }

    /// Every decay the search may give an event type (for the comparisons: one fixed decay for all).
    public enum DecayChoice: Sendable, Equatable {
        case learned
        case fixed(Decay)
    }

    public static func train(leads: LeadTimeline, events: EventLog, options: EngagementOptions = EngagementOptions(),
                             decayChoice: DecayChoice = .learned, cardName: String = "Fit and engagement") throws -> Result {
        var state = try TrainingState(leads: leads, events: events, options: options)
        let eventCount = events.types.count
        var decays = [Decay](repeating: .halfLife(days: 14), count: eventCount)
        var caps = [Double?](repeating: nil, count: eventCount)
        if case .fixed(let decay) = decayChoice { decays = [Decay](repeating: decay, count: eventCount) }
        var best = try state.validationLoss(decays: decays, caps: caps)
        for round in 0..<max(options.rounds, 1) {
            for type in 0..<eventCount {
                if decayChoice == .learned {
                    var losses: [(Double?, Double)] = []
                    for halfLife in options.halfLifeGrid {
                        var trial = decays
                        trial[type] = halfLife.map { .halfLife(days: $0) } ?? .none
                        let loss = try state.validationLoss(decays: trial, caps: caps)
                        losses.append((halfLife, loss))
                        if loss < best {
                            best = loss
                            decays = trial
                        }
                    }
                    if round == options.rounds - 1, case .halfLife(let chosen) = decays[type],
                       let refined = Self.parabolaVertex(losses: losses, at: chosen) {
                        var trial = decays
                        trial[type] = .halfLife(days: refined)
                        let loss = try state.validationLoss(decays: trial, caps: caps)
                        if loss < best {
                            best = loss
                            decays = trial
                        }
                    }
                }
                for cap in options.capGrid {
                    var trial = caps
                    trial[type] = cap
                    let loss = try state.validationLoss(decays: decays, caps: trial)
                    if loss < best {
                        best = loss
                        caps = trial
                    }
                }
            }
        }
        return try state.finish(decays: decays, caps: caps, cardName: cardName)
    }

    /// The vertex of the parabola through the best grid half-life and its neighbours, in log days, when
    /// it lies strictly between them.
    static func parabolaVertex(losses: [(Double?, Double)], at chosen: Double) -> Double? {
        let finite = losses.compactMap { pair in pair.0.map { (log($0), pair.1) } }.sorted { $0.0 < $1.0 }
        guard let position = finite.firstIndex(where: { abs($0.0 - log(chosen)) < 1e-12 }), position > 0, position < finite.count - 1 else {
            return nil
        }
        let (x0, y0) = finite[position - 1], (x1, y1) = finite[position], (x2, y2) = finite[position + 1]
        let denominator = (x0 - x1) * (x0 - x2) * (x1 - x2)
        let a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / denominator
        let b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / denominator
        guard a > 0 else { return nil }
        let vertex = -b / (2 * a)
        guard vertex > x0, vertex < x2 else { return nil }
        return exp(vertex)
    }
}
