import Foundation
import LeadCSV
import RuleScoring
import ScoreCardFormat
import XCTest

final class CSVScoringTests: XCTestCase {
    func testScoredFileKeepsEveryColumnAndAppendsTheScore() throws {
        let folder = try temporaryFolder(self)
        let input = folder.appendingPathComponent("leads.csv").path
        try """
            id,visits,note,demo,level,size
            1,5,"keeps, commas",yes,vp,250
            2, 2 ,,No,student,NA
            """.write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("scored.csv").path
        let report = try RuleScorer(card: handScorerCard()).scoreCSV(input: input, output: output, explain: 1)
        XCTAssertEqual(report.rows, 2)
        XCTAssertEqual(report.leadsPerTier, [1, 0, 1])
        XCTAssertEqual(report.pointsSum, 55)
        XCTAssertEqual(report.absenceNotes, [])
        let written = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertEqual(written, """
            id,visits,note,demo,level,size,points,points_max,points_engagement,points_fit,tier,probability,reasons
            1,5,"keeps, commas",yes,vp,250,45,50,20,15,hot,0.4500,4+ visits +20
            2, 2 ,,No,student,NA,10,50,10,-5,cold,0.1000,1–3 visits 10 of 20; Job level: student −10 of 15

            """)
    }

    func testMissingColumnsAreNamedAndScoredAsMissing() throws {
        let folder = try temporaryFolder(self)
        let input = folder.appendingPathComponent("leads.csv").path
        try "visits,level\n5,vp\n".write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("scored.csv").path
        let report = try RuleScorer(card: handScorerCard()).scoreCSV(input: input, output: output)
        XCTAssertEqual(report.absenceNotes, [
            #"the data has no column "demo" (criteria[1] "Demo"); every lead scores it as missing: +0 no demo"#,
            #"the data has no column "size" (criteria[3] "Company size"); every lead scores it as missing: +0 small or unknown company"#,
        ])
        XCTAssertEqual(report.pointsSum, 5 + 20 + 15)
        XCTAssertFalse(try String(contentsOfFile: output, encoding: .utf8).contains("reasons"))
    }

    func testABadRowLeavesNoPartialOutput() throws {
        let folder = try temporaryFolder(self)
        let input = folder.appendingPathComponent("leads.csv").path
        try "visits,level\n5,vp\n6,vp,extra\n".write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("scored.csv").path
        XCTAssertThrowsError(try RuleScorer(card: handScorerCard()).scoreCSV(input: input, output: output)) { error in
            XCTAssertTrue("\(error)".contains("line 3"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["leads.csv"])
    }

    func testAnInputColumnNamedLikeAnOutputColumnIsRefused() throws {
        let folder = try temporaryFolder(self)
        let input = folder.appendingPathComponent("leads.csv").path
        try "visits,tier\n5,gold\n".write(toFile: input, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RuleScorer(card: handScorerCard()).scoreCSV(input: input, output: folder.appendingPathComponent("o.csv").path)) { error in
            XCTAssertTrue("\(error)".contains(#"already has a column named "tier""#), "\(error)")
        }
    }
}
