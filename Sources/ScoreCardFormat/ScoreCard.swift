/// A lead-scoring point card: what a trainer learned, or what a team wrote by hand, in a form a person can
/// read and argue about and a machine can score with.
///
/// A lead's total is `basePoints` plus, for every criterion, the points of the one condition its value
/// matches; criteria of a group add up to a subtotal that the group's caps may clamp; the total is kept
/// within `0…maximumPoints` (the score range is the total cap). More points means more likely to convert.
/// The total picks a tier and, through the calibration, a conversion probability.
///
/// The JSON form (`format: "leadscore-card"`, `version: 1`) is documented field by field in
/// `docs/score-card.md` and described by `docs/score-card.schema.json`. Decoding checks the structure;
/// `validate()` checks the meaning (ranges, exhaustiveness, tiers, calibration).
public struct ScoreCard: Sendable, Equatable {
    /// The value of the JSON `format` field, so a card is recognisable among other JSON files.
    public static let formatName = "leadscore-card"
    /// The newest version this code reads and writes: 2 added event criteria. A card is written with the
    /// lowest version that holds it (`requiredVersion`), so cards without events stay version 1.
    public static let currentVersion = 2
    /// Every version this code reads.
    public static let supportedVersions = 1...2

    /// Card format version; a reader refuses versions it does not know rather than misread them.
    public var version: Int
    /// The card's name, shown in every report.
    public var name: String
    /// Free text for people: what the card is for, who made it.
    public var description: String?
    /// Raw values (after trimming spaces) that mean "not known", e.g. `["NA", "Select"]`. An empty value
    /// is always missing, listed or not. Trainer and scorer read this same list, so they agree on what
    /// is missing.
    public var missingValues: [String]
    /// The decimal mark in numeric values: "." (`1.5`), or "," for exports that write `1,5`. Trainer and
    /// scorer read numbers with the same mark, so a card remembers the one its data used.
    public var decimalSeparator: String
    /// Points every lead starts with.
    public var basePoints: Int
    /// Top of the score range; totals are kept within `0…maximumPoints` and shown as "52/65".
    public var maximumPoints: Int
    /// Groups criteria may belong to, with optional caps on their subtotals; in display order.
    public var groups: [CriterionGroup]
    /// The criteria, in display order; each scores one feature.
    public var criteria: [Criterion]
    /// Points from activity events as of a moment, with decay (version 2); empty on most cards.
    public var eventCriteria: [EventCriterion]
    /// The events table's columns (version 2); `nil` means the defaults when there are event criteria.
    public var events: EventSource?
    /// From the highest threshold down; the lowest must cover the lowest reachable total. May be empty.
    public var tiers: [Tier]
    /// From total points to a probability of converting; `nil` for a card without one.
    public var calibration: Calibration?
    /// Where the card came from (data, trainer, split, baseline); `nil` for a hand-written card.
    public var provenance: Provenance?
    /// How the card itself did on held-out data.
    public var metrics: CardMetrics?

    /// A card from its parts; `validate()` checks it before it is used or written.
    public init(
        name: String, description: String? = nil, missingValues: [String] = [""], decimalSeparator: String = ".", basePoints: Int = 0,
        maximumPoints: Int = 100, groups: [CriterionGroup] = [], criteria: [Criterion], tiers: [Tier] = [],
        calibration: Calibration? = nil, provenance: Provenance? = nil, metrics: CardMetrics? = nil,
        eventCriteria: [EventCriterion] = [], events: EventSource? = nil
    ) {
        self.eventCriteria = eventCriteria
        self.events = events
        self.version = eventCriteria.isEmpty && events == nil ? 1 : 2
        self.name = name
        self.description = description
        self.missingValues = missingValues
        self.decimalSeparator = decimalSeparator
        self.basePoints = basePoints
        self.maximumPoints = maximumPoints
        self.groups = groups
        self.criteria = criteria
        self.tiers = tiers
        self.calibration = calibration
        self.provenance = provenance
        self.metrics = metrics
    }
}
