import Foundation
import XCTest

/// `leadscore score` and `leadscore export-sql` run as a user runs them: exit status, stdout, stderr, files.
final class ScoreCommandTests: XCTestCase {
    let seedCard = "docs/examples/synthetic-seed-practice.json"
    let leads = "datasets/synthetic/leads.csv"

    func testScoreWritesEveryLeadAndASummary() throws {
        let out = try cliTemporaryFolder(self).appendingPathComponent("scored.csv").path
        let result = try runLeadScore(["score", seedCard, leads, "--out", out, "--explain", "2"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.hasPrefix("scored 20000 leads from \(leads) with \"Seed practice (hand-written)\""), result.output)
        XCTAssertTrue(result.output.contains("hot"), result.output)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 20_001)
        XCTAssertTrue(lines[0].hasSuffix(",converted,points,points_max,points_fit,points_engagement,tier,probability,reasons"), String(lines[0]))
    }

    func testScoreWithoutOutPrintsTheCSV() throws {
        let folder = try cliTemporaryFolder(self)
        let input = folder.appendingPathComponent("few.csv").path
        try "lead_id,demo_requested,job_level\n1,yes,vp\n2,no,student\n".write(toFile: input, atomically: true, encoding: .utf8)
        let result = try runLeadScore(["score", seedCard, input])
        XCTAssertEqual(result.status, 0, result.errors)
        // Lead 1: base 10 + fit 10 (VP) + engagement 25 (demo) = 45; lead 2: 10 − 10 (student) + 0 = 0.
        // Probabilities 1 / (1 + e^(3.2203 − 0.0532 · points)): 0.304 and 0.038.
        let lines = result.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[1].hasPrefix("1,yes,vp,45,100,10,25,warm,0.30"), String(lines[1]))
        XCTAssertTrue(lines[2].hasPrefix("2,no,student,0,100,-10,0,cold,0.038"), String(lines[2]))
        XCTAssertTrue(result.errors.contains(#"warning: the data has no column "webinar_attended""#), result.errors)
        XCTAssertTrue(result.errors.contains("scored 2 leads"), result.errors)
    }

    /// `--excel`: the same leads and scores, written for a spreadsheet; reasons name each criterion once.
    func testScoreExcelWritesBOMCRLFAndOneReasonPerCriterion() throws {
        let folder = try cliTemporaryFolder(self)
        let input = folder.appendingPathComponent("few.csv").path
        try "lead_id,demo_requested,job_level\n1,yes,vp\n2,no,=cmd|' /C calc'!A0\n".write(toFile: input, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("scored.csv").path
        let result = try runLeadScore(["score", seedCard, input, "--out", out, "--excel", "--explain", "9"])
        XCTAssertEqual(result.status, 0, result.errors)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        XCTAssertEqual(lines.count, 4, "\(lines)")
        XCTAssertTrue(lines[2].hasPrefix(#"2,no,"'=cmd|' /C calc'!A0","#), lines[2])
        for line in lines.dropFirst().dropLast() {
            let reasons = line.split(separator: ",").last!.components(separatedBy: "; ")
            XCTAssertFalse(line.contains("−"), line)
            XCTAssertTrue(line.contains(",0."), line)
            let criteria = reasons.map { $0.components(separatedBy: ":").first! }
            XCTAssertEqual(Set(criteria).count, criteria.count, line)
        }
    }

    func testABadCardFailsWithTheProblemAndWritesNothing() throws {
        let folder = try cliTemporaryFolder(self)
        let card = folder.appendingPathComponent("bad.json").path
        let text = try String(contentsOfFile: cliRepositoryRoot.appendingPathComponent(seedCard).path, encoding: .utf8)
            .replacingOccurrences(of: #"{"range": {"greaterThan": 14, "atMost": 60}"#, with: #"{"range": {"greaterThan": 10, "atMost": 60}"#)
        try text.write(toFile: card, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("scored.csv").path
        let result = try runLeadScore(["score", card, leads, "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.output, "")
        XCTAssertTrue(result.errors.hasPrefix("error: \(card): criteria[4] \"days_since_last_activity\" conditions[1].range: overlaps conditions[0] on (10, 14]"), result.errors)
        XCTAssertFalse(result.errors.contains("Fatal error"), result.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testCardsThatDoNotParseOrHaveAnUnknownVersion() throws {
        let folder = try cliTemporaryFolder(self)
        let broken = folder.appendingPathComponent("broken.json").path
        try "{\n  \"format\": \"leadscore-card\",\n  \"version\": 1,,\n}\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let syntax = try runLeadScore(["score", broken, leads])
        XCTAssertEqual(syntax.status, 1)
        XCTAssertTrue(syntax.errors.contains("line 3, column"), syntax.errors)
        let future = folder.appendingPathComponent("future.json").path
        try #"{"format": "leadscore-card", "version": 7, "name": "x", "criteria": []}"#.write(toFile: future, atomically: true, encoding: .utf8)
        let version = try runLeadScore(["export-sql", future, "--dialect", "sqlite"])
        XCTAssertEqual(version.status, 1)
        XCTAssertEqual(version.errors, "error: \(future): version: card version 7 is not supported; this LeadScore reads versions 1 and 2 (a newer LeadScore wrote it: upgrade)\n")
    }

    func testABadRowStopsScoringWithoutAPartialFile() throws {
        let folder = try cliTemporaryFolder(self)
        let input = folder.appendingPathComponent("leads.csv").path
        try "lead_id,job_level\n1,vp\n2,vp,extra\n".write(toFile: input, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("scored.csv").path
        let result = try runLeadScore(["score", seedCard, input, "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.hasPrefix("error: \(input), line 3"), result.errors)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["leads.csv"])
    }

    func testExportSQLPrintsOneQuery() throws {
        let result = try runLeadScore(["export-sql", seedCard, "--dialect", "postgres", "--table", "crm.leads"])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.hasPrefix("SELECT scored.*,\n"), result.output)
        XCTAssertTrue(result.output.contains(#"FROM "crm"."leads" AS lead"#), result.output)
        XCTAssertTrue(result.output.hasSuffix(") AS scored;\n"), result.output)
        let wrong = try runLeadScore(["export-sql", seedCard, "--dialect", "oracle"])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.errors.contains("oracle"), wrong.errors)
        let hostile = try runLeadScore(["export-sql", seedCard, "--dialect", "sqlite", "--table", "leads\n.shell touch x"])
        XCTAssertNotEqual(hostile.status, 0)
        XCTAssertTrue(hostile.errors.contains(#"the table name "leads"#) && hostile.errors.contains("U+000A"), hostile.errors)
        XCTAssertEqual(hostile.output, "")
    }
}
