import LeadCSV
import ScoreCardFormat

/// The card ↔ data checks of `CardDataChecks`, made while a file streams through the scorer, so `score`
/// (which never loads the whole file) reports the same mistakes as `evaluate`: a feature the header lacks
/// (with the closest column), values the criterion cannot read (text in a column the card reads as
/// numbers), and card categories no lead has (with the closest value the file has, "VP" → "vp").
///
/// The header is checked before the first lead (`headerFindings`), so a strict caller can refuse before
/// writing anything; the rest is counted lead by lead (`observe`) and known at the end (`findings`).
/// Reads fields as the scorer does (`FieldReader`), without making a `String` per field.
final class StreamingCardChecks {
    /// Distinct values kept per categorical column to suggest the closest one: enough for any real
    /// category list, and a bound on memory for a free-text column.
    static let keptValues = 2_000

    private enum Watch {
        /// Numeric or boolean: non-missing values seen, how many did not read, and up to a few examples
        /// with their counts (the most frequent is named).
        case readable(type: FeatureType, seen: Int, unreadable: Int, examples: [String: Int])
        /// Categorical: hits per card category (codes of `categories`), and the distinct values seen.
        case categories(categories: ByteInterner, hits: [Int], seen: ByteInterner)
    }

    private let card: ScoreCard
    private let reader: FieldReader
    /// The watched criteria (feature present in the header) and their columns.
    private let watched: [(criterion: Int, column: Int)]
    /// Unchecked exclusivity: observed from one thread, once per scored field (see `CSVWriter`'s buffer).
    @exclusivity(unchecked) private var watches: [Watch]
    /// The header's findings (absent features) with their criterion's index, for ordering.
    private let absent: [(criterion: Int, finding: CardDataFinding)]
    /// What the header alone shows: card features it has no column for, each with the closest column.
    var headerFindings: [CardDataFinding] { absent.map(\.finding) }

    init(card: ScoreCard, header: [String], reader: FieldReader) {
        self.card = card
        self.reader = reader
        var columnOfName: [String: Int] = [:]
        for (column, name) in header.enumerated() where columnOfName[name] == nil { columnOfName[name] = column }
        var watched: [(Int, Int)] = [], watches: [Watch] = [], absent: [(Int, CardDataFinding)] = []
        for (index, criterion) in card.criteria.enumerated() {
            guard let column = columnOfName[criterion.feature] else {
                absent.append((index, CardDataFinding(feature: criterion.feature,
                                                      kind: .absentFeature(suggestion: Closest.name(criterion.feature, among: header)))))
                continue
            }
            watched.append((index, column))
            switch criterion.type {
            case .numeric, .boolean:
                watches.append(.readable(type: criterion.type, seen: 0, unreadable: 0, examples: [:]))
            case .categorical:
                var categories = ByteInterner()
                for condition in criterion.conditions {
                    guard case .categories(let names) = condition.match else { continue }
                    for name in names { _ = withBytes(of: name) { categories.intern($0.trimmingSpaces()) } }
                }
                watches.append(.categories(categories: categories, hits: [Int](repeating: 0, count: categories.count), seen: ByteInterner()))
            }
        }
        self.watched = watched
        self.watches = watches
        self.absent = absent
    }

    /// Counts one lead's fields (`fieldAt(c)`: the raw field of column `c`, valid during the call).
    func observe(fieldAt: (Int) -> UnsafeBufferPointer<UInt8>) {
        for (slot, (_, column)) in watched.enumerated() {
            let value = fieldAt(column).trimmingSpaces()
            if reader.isMissing(value) { continue }
            switch watches[slot] {
            case .readable(let type, var seen, var unreadable, var examples):
                seen += 1
                let reads = type == .numeric ? reader.number(value) != nil : reader.boolean(value) != nil
                if !reads {
                    unreadable += 1
                    let text = String(decoding: value, as: UTF8.self)
                    if examples[text] != nil || examples.count < 8 { examples[text, default: 0] += 1 }
                }
                watches[slot] = .readable(type: type, seen: seen, unreadable: unreadable, examples: examples)
            case .categories(let categories, var hits, var seen):
                if let code = categories.code(of: value) {
                    hits[code] += 1
                } else if seen.count < Self.keptValues {
                    _ = seen.intern(value)
                }
                watches[slot] = .categories(categories: categories, hits: hits, seen: seen)
            }
        }
    }

    /// Everything found, in the card's criterion order.
    var findings: [CardDataFinding] {
        var found = Dictionary(uniqueKeysWithValues: absent.map { ($0.criterion, $0.finding) })
        for (slot, (criterion, _)) in watched.enumerated() {
            let feature = card.criteria[criterion].feature
            switch watches[slot] {
            case .readable(let type, let seen, let unreadable, let examples):
                guard unreadable > 0 else { continue }
                let example = examples.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
                found[criterion] = CardDataFinding(feature: feature, kind: .unreadableValues(type: type, unreadable: unreadable, of: seen, example: example))
            case .categories(let categories, let hits, let seen):
                let values = (0..<seen.count).map(seen.key)
                let unknown = (0..<categories.count).filter { hits[$0] == 0 }.map(categories.key)
                guard !unknown.isEmpty else { continue }
                found[criterion] = CardDataFinding(feature: feature, kind: .unknownCategories(unknown.map {
                    .init(category: $0, suggestion: Closest.name($0, among: values))
                }))
            }
        }
        return found.keys.sorted().map { found[$0]! }
    }
}

/// What the scorer does with card ↔ data findings while it streams a file.
public enum CardDataCheckPolicy: Sendable, Equatable {
    /// No checks: the fastest scoring, for a pipeline that checked its data another way.
    case ignore
    /// Check and report in `CSVScoringReport.findings`; score every lead regardless (the default: a
    /// finding costs points silently, so a caller should always be able to see it).
    case report
    /// Check and throw `CardDataMismatch` instead of producing output: before writing anything when the
    /// header shows the problem, otherwise before the output is committed.
    case strict
}

/// A strict scoring run found that the card does not fit the data (`CardDataCheckPolicy.strict`).
public struct CardDataMismatch: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data file.
    public var source: String
    /// Every finding, in the card's criterion order.
    public var findings: [CardDataFinding]

    /// A mismatch in `source` with its findings.
    public init(source: String, findings: [CardDataFinding]) {
        self.source = source
        self.findings = findings
    }

    public var description: String {
        "\(source): the card does not fit the data: " + findings.map(\.text).joined(separator: "; ")
    }
}
