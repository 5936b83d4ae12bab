import Foundation
import XCTest
import CardDataChecks
import LeadData
import RuleScoring
import ScoreCardFormat

/// The streaming scorer reports the same card ↔ data findings as the checks on a loaded dataset, for the
/// three card mistakes of issue 17 part 4, and `.strict` leaves no output behind.
final class StreamingCheckTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let leadsPath = root.appendingPathComponent("datasets/synthetic/leads.csv").path
    private let card = try! ScoreCard.load(path: root.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
    private let leads = try! Dataset.load(csv: leadsPath, options: LoadOptions(target: "converted"))

    private func index(_ feature: String) throws -> Int { try XCTUnwrap(card.criteria.firstIndex { $0.feature == feature }) }

    /// "webinar_attended" misnamed "webinar", the numeric "pricing_page_visits" criterion pointed at the text
    /// column "industry", and the category "vp" written "VP".
    private func mistaken() throws -> ScoreCard {
        var wrong = card
        wrong.criteria[try index("webinar_attended")].feature = "webinar"
        let levels = try index("job_level")
        for (position, condition) in wrong.criteria[levels].conditions.enumerated() {
            if case .categories(let values) = condition.match {
                wrong.criteria[levels].conditions[position].match = .categories(values.map { $0 == "vp" ? "VP" : $0 })
            }
        }
        wrong.criteria[try index("pricing_page_visits")].feature = "industry"
        return wrong
    }

    private func output() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("StreamingCheckTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder.appendingPathComponent("scored.csv").path
    }

    func testTheStreamingScorerFindsWhatTheDatasetChecksFind() throws {
        let wrong = try mistaken()
        let report = try RuleScorer(card: wrong).scoreCSV(input: Self.leadsPath, output: try output())
        XCTAssertEqual(report.rows, leads.rowCount, "every lead is still scored")
        XCTAssertEqual(report.findings, wrong.findings(against: leads), "one set of findings, however the data is read")
        XCTAssertEqual(report.findings.count, 3)
        let texts = report.findings.map(\.text)
        XCTAssertTrue(texts.contains { $0.contains("\"webinar\" is not a column of the data (did you mean \"webinar_attended\"?)") }, "\(texts)")
        XCTAssertTrue(texts.contains { $0.contains("\"VP\" (did you mean \"vp\"?)") }, "\(texts)")
        guard let unreadable = report.findings.first(where: { if case .unreadableValues = $0.kind { true } else { false } }),
              case .unreadableValues(let type, let count, let total, _) = unreadable.kind else { return XCTFail("\(texts)") }
        let column = try XCTUnwrap(leads.column(named: "industry"))
        XCTAssertEqual(type, .numeric)
        XCTAssertEqual(count, leads.rowCount - column.missingCount, "every industry is text")
        XCTAssertEqual(total, count)
    }

    func testTheShippedCardFitsAndChecksCanBeTurnedOff() throws {
        XCTAssertEqual(try RuleScorer(card: card).scoreCSV(input: Self.leadsPath, output: try output()).findings, [])
        XCTAssertEqual(try RuleScorer(card: try mistaken()).scoreCSV(input: Self.leadsPath, output: try output(), checks: .ignore).findings, [])
    }

    func testStrictRefusesAMisnamedFeatureBeforeWritingAnything() throws {
        var wrong = card
        wrong.criteria[try index("webinar_attended")].feature = "webinar"
        let path = try output()
        XCTAssertThrowsError(try RuleScorer(card: wrong).scoreCSV(input: Self.leadsPath, output: path, checks: .strict)) { error in
            XCTAssertEqual((error as? CardDataMismatch)?.findings, [CardDataFinding(feature: "webinar", kind: .absentFeature(suggestion: "webinar_attended"))])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent), [], "no partial file either")
    }

    func testStrictFindingsSeenWhileStreamingLeaveTheOldFileAsItWas() throws {
        var wrong = card
        let levels = try index("job_level")
        for (position, condition) in wrong.criteria[levels].conditions.enumerated() {
            if case .categories(let values) = condition.match {
                wrong.criteria[levels].conditions[position].match = .categories(values.map { $0 == "vp" ? "VP" : $0 })
            }
        }
        let path = try output()
        try "earlier scores\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RuleScorer(card: wrong).scoreCSV(input: Self.leadsPath, output: path, checks: .strict)) { error in
            guard case .unknownCategories(let unknown)? = (error as? CardDataMismatch)?.findings.first?.kind else { return XCTFail("\(error)") }
            XCTAssertEqual(unknown.map(\.category), ["VP"])
            XCTAssertEqual(unknown.map(\.suggestion), ["vp"])
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "earlier scores\n", "the scored file was never committed")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent), ["scored.csv"])
    }
}
