/// How the card scored its training leads, kept in the provenance so `leadscore monitor` can tell how far
/// new leads have moved without the training file: the share of leads at each total and, per criterion,
/// at each condition, with the range of numeric values and the categories the card lumps into
/// `otherwise`. Optional: cards written before it, and hand-written cards, simply have none.
public struct Baseline: Sendable, Equatable {
    /// How many leads the shares are of.
    public var rows: Int
    /// Which leads ("training leads of leads.csv").
    public var leads: String?
    /// Share of leads at each total, ascending by points; totals no lead had are left out.
    public var totals: [TotalShare]
    /// One per criterion, in the card's order.
    public var criteria: [CriterionBaseline]

    /// A baseline from its parts, as the trainer computes it from the training leads.
    public init(rows: Int, leads: String? = nil, totals: [TotalShare], criteria: [CriterionBaseline]) {
        self.rows = rows
        self.leads = leads
        self.totals = totals
        self.criteria = criteria
    }
}

/// The share of baseline leads with one total.
public struct TotalShare: Sendable, Equatable {
    /// The total.
    public var points: Int
    /// Share of baseline leads with that total (0…1).
    public var share: Double

    /// A total and its share.
    public init(points: Int, share: Double) {
        self.points = points
        self.share = share
    }
}

/// One criterion on the baseline leads.
public struct CriterionBaseline: Sendable, Equatable {
    /// The criterion's feature, so a baseline is matched to its criterion by name, not by position.
    public var feature: String
    /// Share of leads matching each condition, in the criterion's condition order.
    public var shares: [Double]
    /// Numeric criteria: the least and greatest value seen.
    public var minimum: Double?
    /// Numeric criteria: the greatest value seen (a new lead above it is out of the training range).
    public var maximum: Double?
    /// Categorical criteria: the categories seen that the card lists in no condition (so they score as
    /// `otherwise`), at most `Baseline.otherwiseCategoryLimit`; any other category a new lead has is unseen.
    public var otherwiseCategories: [String]?
    /// Whether `otherwiseCategories` was cut at the limit (then "unseen" cannot be told from "rare").
    public var otherwiseCategoriesTruncated: Bool?

    /// A criterion's baseline from its shares and, per type, its value range or otherwise-categories.
    public init(feature: String, shares: [Double], minimum: Double? = nil, maximum: Double? = nil,
                otherwiseCategories: [String]? = nil, otherwiseCategoriesTruncated: Bool? = nil) {
        self.feature = feature
        self.shares = shares
        self.minimum = minimum
        self.maximum = maximum
        self.otherwiseCategories = otherwiseCategories
        self.otherwiseCategoriesTruncated = otherwiseCategoriesTruncated
    }
}

extension Baseline {
    /// Categories kept per criterion in `otherwiseCategories`: enough for real CRM fields, bounded for
    /// free-text columns a card should not carry.
    public static let otherwiseCategoryLimit = 500
}

/// One refit of the points → probability table (`leadscore recalibrate`), newest last.
public struct RecalibrationRecord: Sendable, Equatable {
    /// When, ISO 8601.
    public var created: String
    /// The recent leads it was fitted on (file, SHA-256, rows, conversion rate).
    public var data: DataFingerprint
    /// "platt" or "isotonic".
    public var method: String
    /// Leads the table was fitted on (fewer than `data.rows` when some were held out to measure it).
    public var fittedRows: Int
    /// Calibration error of the old and the new table, and on which leads ("held-out: 800 leads" or
    /// "the leads it was fitted on").
    public var eceBefore: Double
    /// Calibration error of the new table, on the leads `measuredOn` names.
    public var eceAfter: Double
    /// Which leads the errors were measured on, so held-out and in-sample figures are never confused.
    public var measuredOn: String
    /// The tier rule refitted with it, e.g. "capacity:20%,30%"; `nil` when the thresholds were kept.
    public var tiers: String?

    /// A record of one recalibration.
    public init(created: String, data: DataFingerprint, method: String, fittedRows: Int, eceBefore: Double, eceAfter: Double,
                measuredOn: String, tiers: String? = nil) {
        self.created = created
        self.data = data
        self.method = method
        self.fittedRows = fittedRows
        self.eceBefore = eceBefore
        self.eceAfter = eceAfter
        self.measuredOn = measuredOn
        self.tiers = tiers
    }
}

extension Baseline: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case rows, leads, totals, criteria
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rows = try container.decodeInteger(forKey: .rows)
        leads = try container.decodeIfPresent(String.self, forKey: .leads)
        totals = try container.decode([TotalShare].self, forKey: .totals)
        criteria = try container.decode([CriterionBaseline].self, forKey: .criteria)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encodeIfPresent(leads, forKey: .leads)
        try container.encode(totals, forKey: .totals)
        try container.encode(criteria, forKey: .criteria)
    }
}

extension TotalShare: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case points, share
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        points = try container.decodeInteger(forKey: .points)
        share = try container.decode(Double.self, forKey: .share)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(points, forKey: .points)
        try container.encode(share, forKey: .share)
    }
}

extension CriterionBaseline: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case feature, shares, minimum, maximum, otherwiseCategories, otherwiseCategoriesTruncated
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        feature = try container.decode(String.self, forKey: .feature)
        shares = try container.decode([Double].self, forKey: .shares)
        minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
        maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
        otherwiseCategories = try container.decodeIfPresent([String].self, forKey: .otherwiseCategories)
        otherwiseCategoriesTruncated = try container.decodeIfPresent(Bool.self, forKey: .otherwiseCategoriesTruncated)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(feature, forKey: .feature)
        try container.encode(shares, forKey: .shares)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
        try container.encodeIfPresent(otherwiseCategories, forKey: .otherwiseCategories)
        try container.encodeIfPresent(otherwiseCategoriesTruncated, forKey: .otherwiseCategoriesTruncated)
    }
}

extension RecalibrationRecord: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case created, data, method, fittedRows, eceBefore, eceAfter, measuredOn, tiers
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        created = try container.decode(String.self, forKey: .created)
        data = try container.decode(DataFingerprint.self, forKey: .data)
        method = try container.decode(String.self, forKey: .method)
        fittedRows = try container.decodeInteger(forKey: .fittedRows)
        eceBefore = try container.decode(Double.self, forKey: .eceBefore)
        eceAfter = try container.decode(Double.self, forKey: .eceAfter)
        measuredOn = try container.decode(String.self, forKey: .measuredOn)
        tiers = try container.decodeIfPresent(String.self, forKey: .tiers)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(created, forKey: .created)
        try container.encode(data, forKey: .data)
        try container.encode(method, forKey: .method)
        try container.encode(fittedRows, forKey: .fittedRows)
        try container.encode(eceBefore, forKey: .eceBefore)
        try container.encode(eceAfter, forKey: .eceAfter)
        try container.encode(measuredOn, forKey: .measuredOn)
        try container.encodeIfPresent(tiers, forKey: .tiers)
    }
}

extension Baseline {
    /// Shares within 0…1, counts not negative, totals as the calibration table's (in range, ascending,
    /// once each), one baseline per criterion the card has (matched by feature) with one share per condition.
    func check(criteria cardCriteria: [Criterion], maximumPoints: Int, into list: inout ProblemList) {
        list.nonNegative(rows, at: "provenance.baseline.rows")
        list.totalsTable(totals.map { ($0.points, $0.share) }, at: "provenance.baseline.totals", field: "share", maximumPoints: maximumPoints)
        for (index, criterion) in criteria.enumerated() {
            let location = "provenance.baseline.criteria[\(index)]"
            for (position, share) in criterion.shares.enumerated() { list.fraction(share, at: "\(location).shares[\(position)]") }
            list.finite(criterion.minimum, at: "\(location).minimum")
            list.finite(criterion.maximum, at: "\(location).maximum")
            guard let card = cardCriteria.first(where: { $0.feature == criterion.feature }) else {
                list.add("\(location).feature", "\(CardLocation.quoted(criterion.feature)) is not a criterion of the card")
                continue
            }
            if card.conditions.count != criterion.shares.count {
                list.add("\(location).shares", "has \(criterion.shares.count) shares but the criterion has \(card.conditions.count) conditions")
            }
        }
    }
}

extension RecalibrationRecord {
    func check(at location: String, into list: inout ProblemList) {
        list.nonNegative(fittedRows, at: "\(location).fittedRows")
        list.fraction(eceBefore, at: "\(location).eceBefore")
        list.fraction(eceAfter, at: "\(location).eceAfter")
        list.nonNegative(data.rows, at: "\(location).data.rows")
        list.fraction(data.positiveRate, at: "\(location).data.positiveRate")
    }
}
