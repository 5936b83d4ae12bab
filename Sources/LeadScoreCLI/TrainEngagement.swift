import ArgumentParser
import Engagement
import EngagementTraining
import Foundation
import ScoreCardFormat

struct TrainEngagement: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-engagement",
        abstract: "Learn a fit + engagement card from leads and their activity events: per event type points, a half-life and a cap.",
        discussion: """
            Every lead is snapshotted every --snapshot from its creation until its outcome; a snapshot's \
            features use only events strictly before it, its label is "converts within --horizon after it", \
            and each lead's snapshots share a weight of 1. Leads are split by creation time: the oldest 60 % \
            train, the next 20 % validate, the newest 20 % are the test set whose AUC the card records. \
            Half-lives and caps are learned on the daily conversion hazard of the training and validation \
            leads (a lead-day per row, a calendar-month term for the season, two-fold held-out log loss); \
            the card's points on the --horizon label.

            Leads CSV: lead_id, created_at, converted (1, 0, or empty while open), converted_at, closed_at; \
            every other column is a fit attribute. Events CSV: lead_id, event, timestamp (other columns ignored).

            Example:
              leadscore synth --events 500 leads.csv
              leadscore train-engagement leads.csv --events leads.events.csv \\
                  --out card.json --rounds 1
              leadscore score card.json leads.csv --events leads.events.csv \\
                  --as-of 2026-01-31 --out scored.csv
            """)

    @Argument(help: "The leads (CSV).") var leads: String
    @Option(help: "The activity events (CSV).") var events: String
    @Option(help: "Where to write the card (JSON).") var out: String
    @Option(help: "Snapshot rule, e.g. every:7d.") var snapshot = "every:7d"
    @Option(help: "Label horizon: converts within this long after the snapshot, e.g. 90d.") var horizon = "90d"
    @Option(help: "Rounds of the coordinate-wise search over event types.") var rounds = 2
    @Option(help: "Top of the card's score range.") var maximumPoints = 100
    @Option(help: "The card's name.") var name = "Fit and engagement"
    @Option(help: "Decay of every event type: learned (a half-life and cap per type, from the daily conversion hazard of the training and validation leads), none (points forever) or hubspot (−25 % per 30 days, for comparison; the card then keeps no decay).")
    var decay = "learned"

    func run() throws {
        try reportingFailure {
            try checkOutputPaths(out, inputs: [leads, events])
            let plan = SnapshotPlan(every: try SnapshotPlan.every(parsing: snapshot), horizon: try TimeSpan(parsing: horizon))
            let options = EngagementOptions(plan: plan, rounds: rounds, maximumPoints: maximumPoints)
            let started = Date()
            let timeline = try LeadTimeline(csv: leads)
            let log = try EventLog(csv: events, leads: timeline)
            if log.unknownLeadEvents > 0 { printError("warning: \(log.unknownLeadEvents) events name a lead that is not in \(leads); they are left out") }
            let choice: EngagementTrainer.DecayChoice
            switch decay {
            case "learned": choice = .learned
            case "none": choice = .fixed(.none)
            case "hubspot": choice = .fixed(.stepped(factor: 0.75, periodDays: 30))
            default: throw ValidationError("--decay must be learned, none or hubspot; found \(decay)")
            }
            let result = try EngagementTrainer.train(leads: timeline, events: log, options: options, decayChoice: choice, cardName: name)
            try result.card.write(toPath: out)
            var lines = [
                "\(timeline.count) leads, \(log.count) events, \(result.snapshots) snapshots (train \(result.trainSnapshots), validation \(result.validationSnapshots), test \(result.testSnapshots)); \(result.fits) fits in \(String(format: "%.1f", Date().timeIntervalSince(started))) s",
                "event type         half-life   cap    log-odds/event (label)  (daily hazard)",
            ]
            if result.hazardSteps > 0 {
                lines.insert("half-lives searched on \(result.hazardSteps) lead-days (every conversion, \(Int(options.negativeShare * 100)) % of the rest) of the training and validation leads", at: 1)
            }
            for event in result.eventTypes {
                let halfLife = event.halfLifeDays.map { String(format: "%.1f d", $0) } ?? (decay == "hubspot" ? "−25 %/30 d" : "no decay")
                let cap = event.cap.map { String(format: "%.1f", $0) } ?? "-"
                lines.append("  " + event.event.padding(toLength: 17, withPad: " ", startingAt: 0) + halfLife.padding(toLength: 12, withPad: " ", startingAt: 0)
                             + cap.padding(toLength: 7, withPad: " ", startingAt: 0) + String(format: "%.3f", event.logOddsPerEvent).padding(toLength: 24, withPad: " ", startingAt: 0)
                             + (event.stepLogOddsPerEvent.map { String(format: "%.3f", $0) } ?? "-"))
            }
            lines.append(String(format: "test AUC: model %.4f, card %.4f (newest 20 %% of leads)", result.testModelAUC, result.testCardAUC))
            lines.append("wrote \(out)")
            print(lines.joined(separator: "\n"))
        }
    }
}
