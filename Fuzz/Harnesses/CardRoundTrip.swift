// libFuzzer harness: a card's whole life on arbitrary bytes — decoder → writer → re-reader → scorer → SQL.
//
// Bytes that do not decode to a valid card must be rejected with an error (never a trap). A card that
// decodes must
//  1. survive its own writer: the JSON it writes reads back to an equal card, and writing that again gives
//     the same bytes;
//  2. compile into a scorer that scores leads made from the card's own categories, range bounds, missing
//     tokens and a few awkward values: totals within 0…maximumPoints, probabilities within 0…1, and the
//     row scorer (CSV path) agreeing with the dictionary scorer on every lead;
//  3. turn into SQL in every dialect.
// Built and run by Fuzz/run.sh.
import Foundation
import RuleScoring
import ScoreCardFormat

/// Raw values that exercise every reading rule, whatever the card.
private let awkward = ["", " ", "\t", "yes", "No", "TRUE", "0", "1", "-0", "1e308", "1e309", "-1e-320", ".5", "5.", "1,5",
                       "NaN", "inf", "0x10", "café", "cafe\u{301}", "\u{0}", "'; DROP TABLE leads; --", "\"", "\r\n", "\u{2028}"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCardRoundTrip(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let card: ScoreCard
    do {
        card = try ScoreCard(json: data)
    } catch {
        _ = "\(error)"
        return 0
    }

    // 1. Writer and re-reader.
    let written: Data
    let reread: ScoreCard
    do {
        written = try card.jsonData()
        reread = try ScoreCard(json: written)
    } catch {
        fatalError("a card that was read cannot be written and read back: \(error)\n\(String(decoding: data, as: UTF8.self))")
    }
    precondition(reread == card, "the card changed through its JSON:\n\(String(decoding: written, as: UTF8.self))")
    precondition((try? reread.jsonData()) == written, "writing the re-read card gives other bytes")

    // 2. Scorer.
    let scorer: RuleScorer
    do {
        scorer = try RuleScorer(card: card)
    } catch {
        fatalError("a card that was read fails the scorer's validation: \(error)")
    }
    var values: [String] = awkward + card.missingValues
    for criterion in card.criteria {
        for condition in criterion.conditions {
            switch condition.match {
            case .categories(let names): values += names.prefix(4)
            case .range(let range): values += [range.lower, range.upper].compactMap { $0 }.map { RawValue.format($0.value) }
            default: break
            }
        }
    }
    let features = card.criteria.map(\.feature)
    let rows = scorer.rowScorer(header: features)
    for lead in 0..<min(values.count, 64) {
        let fields = features.indices.map { values[(lead + 7 * $0) % values.count] }
        let scored = scorer.score(Dictionary(zip(features, fields), uniquingKeysWith: { first, _ in first }))
        precondition((0...card.maximumPoints).contains(scored.points), "total \(scored.points) outside 0…\(card.maximumPoints)")
        if let probability = scored.probability { precondition((0...1).contains(probability), "probability \(probability)") }
        precondition(rows.total(fields) == scored.points, "the row scorer and the dictionary scorer disagree on \(fields)")
    }

    // 3. SQL.
    for dialect in SQLDialect.allCases {
        // The reader refuses control characters, so SQL generation must accept every card it read.
        guard (try? CardSQL(card: card, dialect: dialect).query(table: "leads")) != nil else {
            fatalError("export-sql refused a card the reader accepted (\(dialect))")
        }
    }
    return 0
}
