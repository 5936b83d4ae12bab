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
/// 3. The half-life and cap of each type are chosen on the daily conversion hazard of the training and
///    validation leads, with a calendar-period control (`HazardSearch`: held-out two-fold log loss, a grid
///    then a golden-section search per type). With a fixed decay (the comparisons) only the caps are
///    chosen, by weighted log loss on validation snapshots.
///    The card's model: a weighted logistic regression (the BLAS/LAPACK solver of `LinearModels`) of the
///    H-day label on fit attributes plus, per event type, `min(cap, decayed count)`.
/// 4. Refit on training + validation snapshots; coefficients become integer points (the largest
///    reachable total ≈ `maximumPoints`), and a logistic calibration of the card's totals.
public enum EngagementTrainer {
    /// What training found and how it did on the test snapshots.
    public struct Result: Sendable {
        /// The learned card: fit criteria, event criteria and a logistic calibration of its totals.
        public var card: ScoreCard
        /// What was learned per event type, in the order of `EventLog.types`.
        public var eventTypes: [LearnedEvent]
        /// Weighted AUC on test snapshots: the logistic model and the card (integer points).
        public var testModelAUC: Double, testCardAUC: Double
        /// Number of snapshots in all and in the training, validation and test sets.
        public var snapshots: Int, trainSnapshots: Int, validationSnapshots: Int, testSnapshots: Int
        /// Open leads whose last snapshots were left out because their label is not known yet.
        public var censoredLeads: Int
        /// How many logistic regressions the search and the final refit ran (the calibration not counted).
        public var fits: Int
        /// Lead-steps the half-life search used (0 when the decay was fixed).
        public var hazardSteps = 0
    }

    /// One event type's learned settings.
    public struct LearnedEvent: Sendable, Equatable {
        /// The event type, as named in the events file (`EventLog.types`).
        public var event: String
        /// `nil`: no decay.
        public var halfLifeDays: Double?
        /// Cap on the decayed count; `nil`: none.
        public var cap: Double?
        /// Log-odds per (decayed) event on the snapshot label.
        public var logOddsPerEvent: Double
        /// Log-odds per (decayed) event on the conversion hazard of one step (a day) the half-life was
        /// searched on; `nil` when the decay was fixed.
        public var stepLogOddsPerEvent: Double? = nil
    }

    /// Every decay the search may give an event type (for the comparisons: one fixed decay for all).
    public enum DecayChoice: Sendable, Equatable {
        /// Each type's half-life and cap are learned on the daily conversion hazard (`HazardSearch`).
        case learned
        /// Every type decays this way; only the caps are chosen, on validation snapshots.
        case fixed(Decay)
    }

    /// Learns a card from the leads and their events, and reports how it did on the test snapshots.
    /// - Throws: `EngagementError` when the settings cannot work (a zero snapshot interval, too few snapshots
    ///   or conversions); errors of the logistic fits.
    public static func train(leads: LeadTimeline, events: EventLog, options: EngagementOptions = EngagementOptions(),
                             decayChoice: DecayChoice = .learned, cardName: String = "Fit and engagement") throws -> Result {
        var state = try TrainingState(leads: leads, events: events, options: options)
        let eventCount = events.types.count
        switch decayChoice {
        case .learned:
            // Half-lives and caps from the daily hazard (`HazardSearch`); the card's points from the H-day label.
            var search = try HazardSearch(leads: leads, searchLeads: state.searchLeads, typeTimes: state.typeTimes, eventNames: events.types,
                                          fitEncodings: state.fitEncodings, options: options, observedUntil: state.observedUntil)
            let (decays, caps) = try search.search(options: options)
            let stepLogOdds = try search.stepLogOdds(decays: decays, caps: caps)
            state.fits += search.fits
            var result = try state.finish(decays: decays, caps: caps, cardName: cardName)
            for index in result.eventTypes.indices { result.eventTypes[index].stepLogOddsPerEvent = stepLogOdds[index] }
            result.hazardSteps = search.snapshots.count
            return result
        case .fixed(let decay):
            // Every type decays alike; only the caps are chosen, on validation snapshots of the H-day label.
            let decays = [Decay](repeating: decay, count: eventCount)
            var caps = [Double?](repeating: nil, count: eventCount)
            var best = try state.validationLoss(decays: decays, caps: caps)
            for _ in 0..<max(options.rounds, 1) {
                for type in 0..<eventCount {
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
    }
}
