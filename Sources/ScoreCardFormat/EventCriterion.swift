import Foundation

/// Points for what a lead did, from its activity events as of a moment: "Pricing page view: +6 each,
/// half-life 10 days, at most 18". Card version 2.
///
/// As of a moment T, each of the lead's events of type `event` strictly before T weighs
/// `2^(−age / halfLifeDays)` (age in days; 1 forever without a half-life). The criterion gives
/// `pointsPerEvent × Σ weights`, kept within `maximumPoints` (`−maximumPoints` when the points are
/// negative), rounded to the nearest whole point with halves away from zero. The scorer, the SQL export
/// and the trainer all use `points(decayedCount:)`, so they agree.
public struct EventCriterion: Sendable, Equatable {
    /// The event type, exactly as in the events table's type column (compared after trimming, byte for byte).
    public var event: String
    /// What a person calls it ("Webinar attended"); reasons show it.
    public var label: String
    /// The name of a group declared in `ScoreCard.groups`, or `nil` for none.
    public var group: String?
    /// Points per occurrence of a fresh event (may be negative: "unsubscribed −10").
    public var pointsPerEvent: Int
    /// Days after which an event counts half; `nil`: events count fully forever.
    public var halfLifeDays: Double?
    /// The most points the criterion gives (in magnitude): a lead with 40 page views is not 40 times as
    /// likely to convert. Required, so the card's reachable totals stay finite.
    public var maximumPoints: Int

    /// An event criterion from its event type, label, group, points per event, half-life and cap.
    public init(event: String, label: String, group: String? = nil, pointsPerEvent: Int, halfLifeDays: Double?, maximumPoints: Int) {
        self.event = event
        self.label = label
        self.group = group
        self.pointsPerEvent = pointsPerEvent
        self.halfLifeDays = halfLifeDays
        self.maximumPoints = maximumPoints
    }

    /// The weight of one event `ageDays` old (positive age: the event is before the as-of moment).
    @inline(__always)
    public func weight(ageDays: Double) -> Double {
        guard let halfLifeDays else { return 1 }
        return Foundation.exp(-ageDays * (M_LN2 / halfLifeDays))
    }

    /// The criterion's points for a decayed count (`Σ weight`), capped and rounded half away from zero.
    @inline(__always)
    public func points(decayedCount: Double) -> Int {
        let raw = Double(pointsPerEvent) * decayedCount
        let capped = pointsPerEvent >= 0 ? min(raw, Double(maximumPoints)) : max(raw, -Double(maximumPoints))
        let magnitude = (abs(capped) + 0.5).rounded(.down)
        return Int(capped < 0 ? -magnitude : magnitude)
    }

    /// Every value the criterion can give: each whole point between 0 and the cap when events decay (any
    /// decayed count occurs), else the multiples of `pointsPerEvent` up to the cap.
    public var reachablePoints: [Int] {
        let sign = pointsPerEvent < 0 ? -1 : 1
        if halfLifeDays != nil { return (0...maximumPoints).map { $0 * sign } }
        let step = abs(pointsPerEvent)
        guard step > 0 else { return [0] }
        return Array(Set(stride(from: 0, through: maximumPoints, by: step).map { $0 * sign } + [maximumPoints * sign])).sorted()
    }

    /// The most points it can give: what a lead with no such event "misses".
    public var bestPoints: Int { pointsPerEvent > 0 ? maximumPoints : 0 }
}

/// The events table's columns, card version 2: `leadId` names the id column in both the leads table and
/// the events table. Defaults: `lead_id`, `event`, `timestamp`.
public struct EventSource: Sendable, Equatable {
    /// The lead id column, in both the leads table and the events table (default `lead_id`).
    public var leadId: String
    /// The events table's column with each event's type (default `event`).
    public var type: String
    /// The events table's column with each event's time, an ISO 8601 date or date-time (default `timestamp`).
    public var time: String

    /// The events table's columns, each defaulting to its usual name.
    public init(leadId: String = "lead_id", type: String = "event", time: String = "timestamp") {
        self.leadId = leadId
        self.type = type
        self.time = time
    }
}

extension EventCriterion: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case event, label, group, pointsPerEvent, halfLifeDays, maximumPoints
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        event = try container.decode(String.self, forKey: .event)
        label = try container.decode(String.self, forKey: .label)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        pointsPerEvent = try container.decodeInteger(forKey: .pointsPerEvent)
        halfLifeDays = try container.decodeIfPresent(Double.self, forKey: .halfLifeDays)
        maximumPoints = try container.decodeInteger(forKey: .maximumPoints)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event, forKey: .event)
        try container.encode(label, forKey: .label)
        try container.encodeIfPresent(group, forKey: .group)
        try container.encode(pointsPerEvent, forKey: .pointsPerEvent)
        try container.encodeIfPresent(halfLifeDays, forKey: .halfLifeDays)
        try container.encode(maximumPoints, forKey: .maximumPoints)
    }
}

extension EventSource: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case leadId, type, time
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        leadId = try container.decodeIfPresent(String.self, forKey: .leadId) ?? "lead_id"
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "event"
        time = try container.decodeIfPresent(String.self, forKey: .time) ?? "timestamp"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(leadId, forKey: .leadId)
        try container.encode(type, forKey: .type)
        try container.encode(time, forKey: .time)
    }
}

/// The rules of event criteria (docs/score-card.md, "Event criteria").
extension ScoreCard {
    /// The lowest format version that can hold this card: 2 with event criteria or an events source, else
    /// 1, so cards without events stay readable by LeadScore versions that read only version 1.
    public var requiredVersion: Int { eventCriteria.isEmpty && events == nil ? 1 : 2 }

    func checkEventCriteria(_ list: inout ProblemList) {
        var seen: [[UInt8]: Int] = [:]
        for (index, criterion) in eventCriteria.enumerated() {
            let location = "eventCriteria[\(index)] \(CardLocation.quoted(criterion.event))"
            let bytes = Array(criterion.event.utf8)
            if criterion.event.isEmpty { list.add(location + ".event", "must not be empty") }
            if !RawValue.trimmed(criterion.event).utf8.elementsEqual(criterion.event.utf8) {
                list.add(location + ".event", "starts or ends with a space or tab, so it can never match: event types are trimmed before they are compared")
            }
            if let first = seen[bytes] {
                list.add(location + ".event", "is already scored by eventCriteria[\(first)]; one criterion per event type")
            } else {
                seen[bytes] = index
            }
            if criterion.label.isEmpty { list.add(location + ".label", "must not be empty: reasons show it") }
            if let group = criterion.group, !groups.contains(where: { $0.name == group }) {
                list.add(location + ".group", "\(CardLocation.quoted(group)) is not in \"groups\"")
            }
            if criterion.pointsPerEvent == 0 || abs(criterion.pointsPerEvent) > Self.pointsLimit {
                list.add(location + ".pointsPerEvent", "must be a whole number from −\(Self.pointsLimit) to \(Self.pointsLimit), not 0; found \(criterion.pointsPerEvent)")
            }
            if let days = criterion.halfLifeDays, !(days > 0 && days.isFinite && days <= 36_500) {
                list.add(location + ".halfLifeDays", "must be a number of days above 0 and at most 36500 (leave it out for no decay); found \(days)")
            }
            if criterion.maximumPoints < 1 || criterion.maximumPoints > Self.pointsLimit {
                list.add(location + ".maximumPoints", "must be from 1 to \(Self.pointsLimit); found \(criterion.maximumPoints)")
            }
            list.plainText(criterion.event, at: location + ".event")
            list.plainText(criterion.label, at: location + ".label")
            list.plainText(criterion.group, at: location + ".group")
        }
        if let events {
            for (field, name) in [("leadId", events.leadId), ("type", events.type), ("time", events.time)] {
                if name.isEmpty || name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                    list.add("events.\(field)", "must be a column name without control characters; found \(CardLocation.quoted(name))")
                }
            }
        }
    }
}
