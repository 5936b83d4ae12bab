import Foundation
import XCTest

/// `evaluate` and `compare` say when a card does not fit the data, and `--strict` fails (issue 17, part 4).
final class CardDataCheckCommandTests: XCTestCase {
    /// The shipped hand-written card with "webinar_attended" misnamed "webinar" and "vp" written "VP".
    private func mistaken() throws -> String {
        let shipped = try String(contentsOf: cliRepositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json"), encoding: .utf8)
        let text = shipped.replacingOccurrences(of: "\"feature\": \"webinar_attended\"", with: "\"feature\": \"webinar\"")
            .replacingOccurrences(of: "[\"c_level\", \"vp\"]", with: "[\"c_level\", \"VP\"]")
        XCTAssertNotEqual(text, shipped)
        let path = try cliTemporaryFolder(self).appendingPathComponent("card.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testEvaluateAndCompareReportWhatDoesNotFit() throws {
        let card = try mistaken()
        let evaluate = try runLeadScore(["evaluate", card, "datasets/synthetic/leads.csv", "--target", "converted"])
        XCTAssertEqual(evaluate.status, 0, evaluate.errors)
        XCTAssertTrue(evaluate.output.hasPrefix("Card \(card) does not fit the data in 2 ways:\n"), evaluate.output)
        XCTAssertTrue(evaluate.output.contains("\"webinar\" is not a column of the data (did you mean \"webinar_attended\"?)"), evaluate.output)
        XCTAssertTrue(evaluate.output.contains("\"VP\" (did you mean \"vp\"?)"), evaluate.output)

        let compare = try runLeadScore(["compare", "docs/examples/synthetic-seed-practice.json", card, "datasets/synthetic/leads.csv", "--target", "converted"])
        XCTAssertEqual(compare.status, 0, compare.errors)
        XCTAssertEqual(compare.output.components(separatedBy: "does not fit the data").count, 2, "only the mistaken card: \(compare.output)")

        let json = try runLeadScore(["evaluate", card, "datasets/synthetic/leads.csv", "--target", "converted", "--json"])
        XCTAssertEqual(json.status, 0, json.errors)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.output.utf8)), "the JSON stays clean")
        XCTAssertTrue(json.errors.contains("did you mean \"webinar_attended\"?"), json.errors)
    }

    func testReportPrintsThemToo() throws {
        let card = try mistaken()
        let out = try cliTemporaryFolder(self).appendingPathComponent("report.html").path
        let report = try runLeadScore(["report", card, "datasets/synthetic/leads.csv", "--target", "converted", "--out", out])
        XCTAssertEqual(report.status, 0, report.errors)
        XCTAssertTrue(report.output.contains("did you mean \"webinar_attended\"?"), report.output)
        let strict = try runLeadScore(["report", card, "datasets/synthetic/leads.csv", "--target", "converted", "--out", out, "--strict"])
        XCTAssertEqual(strict.status, 1)
    }

    func testStrictMakesThemErrors() throws {
        let card = try mistaken()
        let strict = try runLeadScore(["evaluate", card, "datasets/synthetic/leads.csv", "--target", "converted", "--strict"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.errors.contains("did you mean \"webinar_attended\"?"), strict.errors)
        XCTAssertTrue(strict.errors.contains("--strict"), strict.errors)
        let fine = try runLeadScore(["evaluate", "docs/examples/synthetic-seed-practice.json", "datasets/synthetic/leads.csv", "--target", "converted", "--strict"])
        XCTAssertEqual(fine.status, 0, fine.errors)
        XCTAssertFalse(fine.output.contains("does not fit"))
    }

    func testScoreReportsThemOnStandardErrorAfterStreaming() throws {
        let card = try mistaken()
        let result = try runLeadScore(["score", card, "datasets/synthetic/leads.csv"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.errors.contains("Card \(card) does not fit the data in 2 ways:"), result.errors)
        XCTAssertTrue(result.errors.contains("\"webinar\" is not a column of the data (did you mean \"webinar_attended\"?)"), result.errors)
        XCTAssertTrue(result.errors.contains("\"VP\" (did you mean \"vp\"?)"), result.errors)
        XCTAssertFalse(result.output.contains("does not fit"), "the scored leads on stdout stay clean")
        XCTAssertTrue(result.output.hasPrefix("lead_id,"), String(result.output.prefix(200)))
    }

    func testScoreStrictWritesNothing() throws {
        let card = try mistaken()
        let folder = try cliTemporaryFolder(self)
        let out = folder.appendingPathComponent("scored.csv").path
        let strict = try runLeadScore(["score", card, "datasets/synthetic/leads.csv", "--out", out, "--strict"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.errors.contains("did you mean \"webinar_attended\"?"), strict.errors)
        XCTAssertTrue(strict.errors.contains("--strict: nothing was written"), strict.errors)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "card.json" }, [])
        let toStdout = try runLeadScore(["score", card, "datasets/synthetic/leads.csv", "--strict"])
        XCTAssertEqual(toStdout.status, 1)
        XCTAssertEqual(toStdout.output, "", "the misnamed feature shows in the header: nothing streamed")
        let fine = try runLeadScore(["score", "docs/examples/synthetic-seed-practice.json", "datasets/synthetic/leads.csv", "--out", out, "--strict"])
        XCTAssertEqual(fine.status, 0, fine.errors)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out))
    }
}
