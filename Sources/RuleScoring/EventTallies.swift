import Foundation
import LeadCSV
import ScoreCardFormat

/// Each lead's events as of a moment, reduced to what a card's event criteria need: per lead and event
/// criterion the decayed count (`Σ weight(age)` over events strictly before the moment), the number of
/// events and the latest one's time. One pass over the events file in any order; memory is per lead
/// (8 + 20 bytes per lead and event criterion), not per event, so a log of any length streams.
public struct EventTallies: Sendable {
    /// The moment scored, seconds since 1970.
    public let asOf: Double
    let criteria: [EventCriterion]
    /// Lead id bytes → lead slot.
    var leadCodes = ByteInterner()
    /// Per lead slot × criterion.
    var decayed: [Double] = [], counts: [Int32] = [], latest: [Double] = []
    /// Events counted, and those left out: at or after the moment, of a type no criterion scores, with a
    /// timestamp that does not read (listed by line, the first few).
    public private(set) var eventsCounted = 0, eventsAtOrAfter = 0, eventsOfOtherTypes = 0, unreadableTimes = 0
    /// The first few unreadable timestamps (up to three), as `line N: "text"`.
    public private(set) var unreadableExamples: [String] = []

    /// Empty tallies for `card`'s event criteria as of `asOf` (seconds since 1970); read events with
    /// `add(csv:source:)`.
    public init(card: ScoreCard, asOf: Double) {
        self.asOf = asOf
        criteria = card.eventCriteria
    }

    /// Streams an events CSV with the card's event columns (`card.events`, defaults `lead_id`, `event`,
    /// `timestamp`). An unreadable timestamp never stops scoring: the event is left out and counted.
    /// - Throws: `ScoringError` when a column is missing, `CSVError` for an unreadable file.
    public mutating func add(csv path: String, source: EventSource) throws {
        var reader = try CSVReader(path: path)
        let header = reader.header
        func position(_ name: String) throws -> Int {
            guard let found = header.firstIndex(of: name) else {
                throw ScoringError(description: "\(path): the events table has no column \"\(name)\" (the card's \"events\" names it); the header is \(header.joined(separator: ","))")
            }
            return found
        }
        let leadColumn = try position(source.leadId), typeColumn = try position(source.type), timeColumn = try position(source.time)
        var typeCodes = ByteInterner()
        var criterionOfType: [Int] = []
        for criterion in criteria {
            var text = criterion.event
            _ = text.withUTF8 { typeCodes.intern($0) }
        }
        criterionOfType = Array(criteria.indices)
        let perLead = criteria.count
        let factors = criteria.map { criterion in criterion.halfLifeDays.map { M_LN2 / $0 } }
        while try reader.nextRecord() {
            guard let type = typeCodes.code(of: reader.field(typeColumn).trimmingSpaces()) else {
                eventsOfOtherTypes += 1
                continue
            }
            guard let time = ISODate.parse(reader.field(timeColumn).trimmingSpaces()) else {
                unreadableTimes += 1
                if unreadableExamples.count < 3 { unreadableExamples.append("line \(reader.line): \"\(reader.string(timeColumn))\"") }
                continue
            }
            guard time < asOf else {
                eventsAtOrAfter += 1
                continue
            }
            let (lead, isNew) = leadCodes.intern(reader.field(leadColumn).trimmingSpaces())
            if isNew {
                decayed.append(contentsOf: repeatElement(0, count: perLead))
                counts.append(contentsOf: repeatElement(0, count: perLead))
                latest.append(contentsOf: repeatElement(-.infinity, count: perLead))
            }
            let criterion = criterionOfType[type]
            let slot = lead * perLead + criterion
            let ageDays = (asOf - time) / 86_400
            decayed[slot] += factors[criterion].map { Foundation.exp(-ageDays * $0) } ?? 1
            counts[slot] += 1
            latest[slot] = max(latest[slot], time)
            eventsCounted += 1
        }
    }

    /// The lead slot of an id's bytes, `nil` when the lead had no counted event.
    @inline(__always)
    func slot(of id: UnsafeBufferPointer<UInt8>) -> Int? { leadCodes.code(of: id.trimmingSpaces()) }

    /// Each event criterion's points for a lead slot (`nil`: no events), through the card's rule.
    @inline(__always)
    func points(slot: Int?) -> [Int] {
        guard let slot else { return criteria.map { $0.points(decayedCount: 0) } }
        return criteria.indices.map { criteria[$0].points(decayedCount: decayed[slot * criteria.count + $0]) }
    }

    /// What each event criterion gave a lead slot, for reasons.
    func contributions(slot: Int?) -> [EventContribution] {
        criteria.indices.map { index in
            let position = slot.map { $0 * criteria.count + index }
            let count = position.map { Int(counts[$0]) } ?? 0
            let last = position.map { latest[$0] } ?? -.infinity
            let criterion = criteria[index]
            return EventContribution(
                event: criterion.event, label: criterion.label, criterion: index,
                points: criterion.points(decayedCount: position.map { decayed[$0] } ?? 0),
                events: count, daysSinceLatest: count == 0 ? nil : Int(((asOf - last) / 86_400).rounded(.down)))
        }
    }
}

/// What one event criterion gave one lead as of the moment scored.
public struct EventContribution: Sendable, Equatable {
    /// The criterion's event type, as in the events table.
    public var event: String
    /// The criterion's label ("Webinar attended"), as reasons show it.
    public var label: String
    /// Index in `card.eventCriteria`.
    public var criterion: Int
    /// The criterion's points for the lead, capped and rounded; negative for an event that costs.
    public var points: Int
    /// Events of the type before the moment.
    public var events: Int
    /// Whole days from the latest such event to the moment; `nil` without events.
    public var daysSinceLatest: Int?

    /// "webinar 12 days ago", "pricing page view: 3 events, last today".
    public var text: String {
        guard let days = daysSinceLatest else { return "no \(label)" }
        let ago = days == 0 ? "today" : days == 1 ? "1 day ago" : "\(days) days ago"
        return events == 1 ? "\(label) \(ago)" : "\(label): \(events) events, last \(ago)"
    }

    /// The reason this contribution gives, if any: a gain for points above zero, a cost below.
    public var reason: Reason? {
        guard points != 0 else { return nil }
        // An event criterion's best is open-ended in time (more events, more recent), so a gain is not
        // shown against its cap: "webinar 12 days ago +14".
        return Reason(kind: points > 0 ? .gain : .cost, points: points, bestPoints: max(points, 0), feature: event, label: text, criterionLabel: label)
    }
}
