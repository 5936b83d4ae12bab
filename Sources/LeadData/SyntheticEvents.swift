import Foundation
import LeadCSV

/// Synthetic leads with an activity log whose effect on conversion is known: fit effects, per-event-type
/// points, half-lives and caps, and a seasonal (time-varying) base rate. Tests and the events benchmark
/// check that learning from point-in-time snapshots recovers the half-lives.
///
/// The process, day by day from a lead's creation: events of each type arrive as a Poisson process with a
/// fixed daily rate (the same for every lead, so the past says nothing about future events beyond what
/// has already decayed: the true decayed count is the best summary of the past); the lead converts that
/// day with probability `sigmoid(base + seasonal(day) + fit + Σ_type perEvent · min(cap, decayed count))`,
/// the decayed count being `Σ 2^(−age/halfLife)` over the type's events before the day began; otherwise it
/// is closed lost that day with probability `lossPerDay` (memoryless, so a lead's age says nothing by
/// itself: a fixed deadline would make old leads less likely to convert "within 90 days" for no reason an
/// event explains). Nothing happens after the outcome,
/// and leads still open when the data ends (`observedUntil`) have no outcome.
public struct SyntheticEvents: Sendable {
    /// One event type's truth.
    public struct EventTruth: Codable, Sendable, Equatable {
        /// The event type's name, as written in the events file's `event` column.
        public var event: String
        /// Expected events per day of a lead's life.
        public var ratePerDay: Double
        /// Daily conversion log-odds added per (decayed) event.
        public var logOddsPerEvent: Double
        /// Days after which an event counts half; `nil`: it never fades.
        public var halfLifeDays: Double?
        /// The decayed count is capped here before it is multiplied.
        public var cap: Double

        /// A type of one's own, so tests can generate logs whose half-lives they choose.
        public init(event: String, ratePerDay: Double, logOddsPerEvent: Double, halfLifeDays: Double?, cap: Double) {
            self.event = event
            self.ratePerDay = ratePerDay
            self.logOddsPerEvent = logOddsPerEvent
            self.halfLifeDays = halfLifeDays
            self.cap = cap
        }
    }

    /// Everything the generator used.
    public struct Truth: Codable, Sendable, Equatable {
        /// Daily conversion log-odds before fit, season and events.
        public var dailyBaseLogOdds: Double
        /// Daily probability that an open lead is closed lost (when it does not convert that day).
        public var lossPerDay: Double
        /// `base + amplitude · sin(2π · days since start / 365)`: the base rate moves with the season.
        public var seasonalAmplitude: Double
        /// The fit attributes' effects on the daily conversion log-odds.
        public var fit: [SyntheticLeads.Effect]
        /// Each event type's truth, in the order of `Generated.eventType` codes.
        public var events: [EventTruth]
        /// ISO dates: first creation day and the day the data ends.
        public var start: String
        /// The day the data ends, as an ISO date.
        public var observedUntil: String
    }

    /// The default event types, from frequent page views to rare demo requests: the rarer a type, the more
    /// it counts and the more slowly it fades.
    public static let eventTruth: [EventTruth] = [
        EventTruth(event: "page_view", ratePerDay: 0.25, logOddsPerEvent: 0.45, halfLifeDays: 3, cap: 4),
        EventTruth(event: "email_click", ratePerDay: 0.08, logOddsPerEvent: 0.5, halfLifeDays: 7, cap: 3),
        EventTruth(event: "pricing_page", ratePerDay: 0.04, logOddsPerEvent: 0.55, halfLifeDays: 14, cap: 3),
        EventTruth(event: "webinar", ratePerDay: 0.012, logOddsPerEvent: 0.8, halfLifeDays: 30, cap: 2),
        EventTruth(event: "demo_request", ratePerDay: 0.005, logOddsPerEvent: 1.3, halfLifeDays: 60, cap: 2),
    ]

    /// The fit effects the generator uses (job level, lead source, company size), on the daily conversion log-odds.
    public static let fitTruth: [SyntheticLeads.Effect] = [
        SyntheticLeads.Effect(feature: "job_level", levels: ["c_level": 0.7, "vp": 0.6, "director": 0.4, "manager": 0.15, "individual": 0, "student": -1.2], missing: 0),
        SyntheticLeads.Effect(feature: "lead_source", levels: ["web": 0, "referral": 0.8, "event": 0.4, "paid_search": 0.1, "cold_list": -0.8], missing: 0),
        SyntheticLeads.Effect(feature: "company_size", steps: [.init(upTo: 50, logOdds: 0), .init(upTo: 500, logOdds: 0.3), .init(upTo: nil, logOdds: 0.6)], missing: 0),
    ]

    /// Number of leads to generate.
    public var leads: Int
    /// Seed of the random generator: the same settings and seed give the same data.
    public var seed: UInt64
    /// Days over which leads are created; the data ends 30 days after the last creation day.
    public var spanDays: Int
    /// Seconds since 1970 of the first creation day (2024-01-01 by default).
    public var start: Double

    /// The event types' truth (`eventTruth` unless a test asks for others).
    public var events: [EventTruth]
    /// Daily conversion log-odds before fit, season and events.
    public var dailyBaseLogOdds: Double

    /// A generator of `leads` leads created over `spanDays` days from `start` (seconds since 1970), with these
    /// event types and base rate.
    public init(leads: Int, seed: UInt64 = 1, spanDays: Int = 730, start: Double = 19_723 * 86_400,
                events: [EventTruth] = Self.eventTruth, dailyBaseLogOdds: Double = -7.6) {
        self.leads = leads
        self.seed = seed
        self.spanDays = spanDays
        self.start = start
        self.events = events
        self.dailyBaseLogOdds = dailyBaseLogOdds
    }

    /// The generated data: one entry per lead, and the events ordered by lead then time.
    public struct Generated: Sendable {
        /// Lead ids, `L1`, `L2`, …; a lead's index is its position here.
        public var leadIDs: [String]
        /// Per lead: when it was created, in seconds since 1970.
        public var created: [Double]
        /// Per lead, the fit attributes: job level, lead source and company size (employees).
        public var jobLevel: [String], leadSource: [String], companySize: [Double]
        /// `nil` while the lead is still open when the data ends.
        public var converted: [Bool?]
        /// Seconds since 1970; `nil` when not applicable.
        public var convertedAt: [Double?], closedAt: [Double?]
        /// Per event: its lead's index in `leadIDs`, its type's index in `truth.events`, and its time in
        /// seconds since 1970.
        public var eventLead: [Int32], eventType: [UInt8], eventTime: [Double]
        /// Everything the generator used, to compare learned settings with.
        public var truth: Truth
        /// When the data ends, in seconds since 1970.
        public var observedUntil: Double
    }

    /// When the data ends: 30 days after the last creation day, in seconds since 1970.
    public var observedUntil: Double { start + Double(spanDays + 30) * 86_400 }

    /// Generates the leads and their events, day by day as described above; the same seed gives the same data.
    public func generate() -> Generated {
        var random = SeededGenerator(seed: seed)
        let types = events
        let base = dailyBaseLogOdds, amplitude = 0.35, lossPerDay = 1.0 / 90
        let end = observedUntil
        var out = Generated(
            leadIDs: [], created: [], jobLevel: [], leadSource: [], companySize: [], converted: [], convertedAt: [], closedAt: [],
            eventLead: [], eventType: [], eventTime: [],
            truth: Truth(dailyBaseLogOdds: base, lossPerDay: lossPerDay, seasonalAmplitude: amplitude, fit: Self.fitTruth, events: types,
                         start: Self.isoDate(start), observedUntil: Self.isoDate(end)),
            observedUntil: end)
        let jobs: [(String, Double)] = [("c_level", 0.05), ("vp", 0.1), ("director", 0.15), ("manager", 0.3), ("individual", 0.3), ("student", 0.1)]
        let sources: [(String, Double)] = [("web", 0.4), ("referral", 0.1), ("event", 0.1), ("paid_search", 0.25), ("cold_list", 0.15)]
        func pick(_ options: [(String, Double)]) -> String {
            var u = random.nextUniform()
            for (label, share) in options {
                if u < share { return label }
                u -= share
            }
            return options[options.count - 1].0
        }
        let decayPerDay = types.map { type in type.halfLifeDays.map { Foundation.exp(-M_LN2 / $0) } ?? 1 }
        for lead in 0..<leads {
            let createdDay = Int(random.nextUniform() * Double(spanDays))
            let created = start + Double(createdDay) * 86_400 + (random.nextUniform() * 86_400).rounded(.down)
            let job = pick(jobs), source = pick(sources)
            let size = Foundation.exp(random.normal(mean: 4.5, deviation: 1.5)).rounded()
            let fit = Self.fitTruth[0].logOdds(label: job) + Self.fitTruth[1].logOdds(label: source) + Self.fitTruth[2].logOdds(value: size)
            var decayed = [Double](repeating: 0, count: types.count)
            var outcome: Bool? = nil
            var convertedAt: Double? = nil, closedAt: Double? = nil
            var day = 0
            while true {
                let dayStart = created + Double(day) * 86_400
                if dayStart >= end { break }
                let calendarDays = (dayStart - start) / 86_400
                var logOdds = base + amplitude * Foundation.sin(2 * .pi * calendarDays / 365) + fit
                for index in types.indices { logOdds += types[index].logOddsPerEvent * min(types[index].cap, decayed[index]) }
                let converts = random.nextUniform() < 1 / (1 + Foundation.exp(-logOdds))
                let cutoff = converts ? (random.nextUniform() * 86_400).rounded(.down) : 86_400
                if converts, dayStart + cutoff >= end { break }
                // Today's events (before the conversion moment, if any), then decay to tomorrow's start.
                for index in types.indices {
                    let count = Int(random.poisson(types[index].ratePerDay))
                    var times: [Double] = []
                    for _ in 0..<count { times.append((random.nextUniform() * 86_400).rounded(.down)) }
                    times.sort()
                    let dayDecay = decayPerDay[index]
                    decayed[index] *= dayDecay
                    for offset in times where offset < cutoff && dayStart + offset < end {
                        out.eventLead.append(Int32(lead))
                        out.eventType.append(UInt8(index))
                        out.eventTime.append(dayStart + offset)
                        decayed[index] += types[index].halfLifeDays.map { Foundation.exp2(-(86_400 - offset) / 86_400 / $0) } ?? 1
                    }
                }
                if converts {
                    outcome = true
                    convertedAt = dayStart + cutoff
                    break
                }
                if random.nextUniform() < lossPerDay {
                    let moment = dayStart + 86_400 - 1
                    if moment >= end { break }
                    outcome = false
                    closedAt = moment
                    break
                }
                day += 1
            }
            out.leadIDs.append("L\(lead + 1)")
            out.created.append(created)
            out.jobLevel.append(job)
            out.leadSource.append(source)
            out.companySize.append(size)
            out.converted.append(outcome)
            out.convertedAt.append(convertedAt)
            out.closedAt.append(closedAt)
        }
        // Events were appended lead by lead, each day's in time order across types only per type: sort
        // each lead's events by time so the file reads like an activity log.
        var order = Array(out.eventTime.indices)
        order.sort { (out.eventLead[$0], out.eventTime[$0], out.eventType[$0]) < (out.eventLead[$1], out.eventTime[$1], out.eventType[$1]) }
        out.eventLead = order.map { out.eventLead[$0] }
        out.eventType = order.map { out.eventType[$0] }
        out.eventTime = order.map { out.eventTime[$0] }
        return out
    }

    /// "2024-03-01".
    public static func isoDate(_ seconds: Double) -> String { String(isoDateTime(seconds).prefix(10)) }

    /// "2024-03-01T10:22:31Z" (whole seconds, UTC).
    public static func isoDateTime(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return ISODate.text(daysSinceEpoch: days) + "T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }
}

extension SyntheticEvents.Generated {
    /// Writes the leads (`lead_id, created_at, job_level, lead_source, company_size, converted, converted_at,
    /// closed_at`; an open lead's outcome is empty) and the events (`lead_id, event, timestamp, value`; the
    /// value is a page path for page views, else empty) as two atomic files (`CSVWriter`): each appears only complete.
    public func writeCSV(leads leadsPath: String, events eventsPath: String) throws {
        let leadsWriter = try CSVWriter(path: leadsPath)
        try leadsWriter.write(["lead_id", "created_at", "job_level", "lead_source", "company_size", "converted", "converted_at", "closed_at"])
        for lead in leadIDs.indices {
            try leadsWriter.write([
                leadIDs[lead], SyntheticEvents.isoDateTime(created[lead]), jobLevel[lead], leadSource[lead], String(Int(companySize[lead])),
                converted[lead].map { $0 ? "1" : "0" } ?? "",
                convertedAt[lead].map(SyntheticEvents.isoDateTime) ?? "", closedAt[lead].map(SyntheticEvents.isoDateTime) ?? "",
            ])
        }
        let eventsWriter = try CSVWriter(path: eventsPath)
        try eventsWriter.write(["lead_id", "event", "timestamp", "value"])
        let pages = ["/blog", "/docs", "/features", "/customers", "/about"]
        for index in eventLead.indices {
            let type = Int(eventType[index])
            eventsWriter.append(leadIDs[Int(eventLead[index])])
            eventsWriter.append(truth.events[type].event)
            eventsWriter.append(SyntheticEvents.isoDateTime(eventTime[index]))
            eventsWriter.append(type == 0 ? pages[index % pages.count] : "")
            try eventsWriter.endRecord()
        }
        try leadsWriter.finish()
        try eventsWriter.finish()
    }
}
