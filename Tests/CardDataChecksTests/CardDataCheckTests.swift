import XCTest
import CardDataChecks
import LeadData
import ScoreCardFormat

/// A hand-written card against the data it is used with (issue 17, part 4).
final class CardDataCheckTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private let card = try! ScoreCard.load(path: root.appendingPathComponent("docs/examples/synthetic-seed-practice.json").path)
    private let leads = try! Dataset.load(csv: root.appendingPathComponent("datasets/synthetic/leads.csv").path, options: LoadOptions(target: "converted"))

    private func index(_ feature: String) throws -> Int { try XCTUnwrap(card.criteria.firstIndex { $0.feature == feature }) }

    func testTheShippedCardFitsTheShippedData() {
        XCTAssertEqual(card.findings(against: leads), [])
    }

    func testAMisnamedFeatureNamesTheClosestColumn() throws {
        var wrong = card
        wrong.criteria[try index("webinar_attended")].feature = "webinar"
        let findings = wrong.findings(against: leads)
        XCTAssertEqual(findings, [CardDataFinding(feature: "webinar", kind: .absentFeature(suggestion: "webinar_attended"))])
        XCTAssertEqual(findings.first?.text, "\"webinar\" is not a column of the data (did you mean \"webinar_attended\"?): every lead scores as missing on it")
        wrong.criteria[try index("job_level")].feature = "Job_Levle"
        XCTAssertEqual(wrong.findings(against: leads).last, CardDataFinding(feature: "Job_Levle", kind: .absentFeature(suggestion: "job_level")))
    }

    func testCategoriesThatNeverOccurNameTheClosestValue() throws {
        var wrong = card
        let criterion = try index("job_level")
        for (index, condition) in wrong.criteria[criterion].conditions.enumerated() {
            if case .categories(let values) = condition.match {
                wrong.criteria[criterion].conditions[index].match = .categories(values.map { ["student": "Student", "vp": "VP"][$0] ?? $0 })
            }
        }
        let findings = wrong.findings(against: leads)
        XCTAssertEqual(findings.count, 1)
        guard case .unknownCategories(let unknown)? = findings.first?.kind else { return XCTFail("\(findings)") }
        XCTAssertEqual(unknown.map(\.category), ["VP", "Student"])
        XCTAssertEqual(unknown.map(\.suggestion), ["vp", "student"])
        XCTAssertTrue(findings[0].text.contains("\"VP\" (did you mean \"vp\"?)"), findings[0].text)
    }

    func testATextColumnReadAsNumbers() throws {
        var wrong = card
        wrong.criteria[try index("pricing_page_visits")].feature = "job_level"
        let findings = wrong.findings(against: leads)
        let counts = try XCTUnwrap(leads.column(named: "job_level"))
        guard case .unreadableValues(let type, let unreadable, let total, _)? = findings.first?.kind else { return XCTFail("\(findings)") }
        XCTAssertEqual(type, .numeric)
        XCTAssertEqual(unreadable, leads.rowCount - counts.missingCount)
        XCTAssertEqual(total, unreadable)
    }
}
