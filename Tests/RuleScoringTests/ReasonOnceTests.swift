import Foundation
import RuleScoring
import ScoreCardFormat
import XCTest

/// Issue 18 item 5: a lead's reasons name each criterion once, with its points and the best it could have had.
final class ReasonOnceTests: XCTestCase {
    /// A lead whose criterion gave some points but not the best (1–3 visits: 10 of 20) used to be listed
    /// twice, as a gain "+10 1–3 visits" and as a cost "−10 1–3 visits".
    func testACriterionWithSomePointsButNotTheBestIsListedOnce() throws {
        let lead = try RuleScorer(card: handScorerCard()).score(["visits": "2", "demo": "no", "level": "student", "size": "NA"])
        let reasons = lead.reasons(limit: 9)
        XCTAssertEqual(reasons.map(\.feature).sorted(), ["demo", "level", "size", "visits"], "\(reasons)")
        XCTAssertEqual(Set(reasons.map(\.feature)).count, reasons.count, "\(reasons)")
    }
}

/// `score --excel` and the rounded probability column, checked byte by byte against hand-written output.
final class ExcelCSVTests: XCTestCase {
    func testProbabilityIsWrittenWithFourDecimals() {
        XCTAssertEqual(RuleScorer.probabilityText(0.1 + 0.2), "0.3000")
        XCTAssertEqual(RuleScorer.probabilityText(0.30416), "0.3042")
        XCTAssertEqual(RuleScorer.probabilityText(0.04), "0.0400")
        XCTAssertEqual(RuleScorer.probabilityText(0.00004), "0.0000")
        XCTAssertEqual(RuleScorer.probabilityText(0.99996), "1.0000")
        XCTAssertEqual(RuleScorer.probabilityText(0), "0.0000")
    }

    /// Byte order mark, CR LF, ASCII minus in the reasons, plain negative numbers left as numbers, and
    /// hostile cells (= + - @ tab CR) written as quoted text behind an apostrophe.
    func testExcelOutputOpensAsMeantAndRunsNoFormula() throws {
        let folder = try temporaryFolder(self)
        let input = folder.appendingPathComponent("leads.csv").path
        try """
            id,visits,note,demo,level,size
            1,2,"=HYPERLINK(""http://x"",""y"")",no,student,NA
            2,5,+1+2,yes,vp,250
            3,5,-2+3,yes,vp,250
            4,5,@SUM(A1),yes,vp,250
            5,5,"\tx",yes,vp,250
            6,5,-12.5,yes,vp,250

            """.write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("scored.csv").path
        _ = try RuleScorer(card: handScorerCard()).scoreCSV(input: input, output: output, explain: 1, excel: true)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: output)))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        XCTAssertEqual(text, [
            "id,visits,note,demo,level,size,points,points_max,points_engagement,points_fit,tier,probability,reasons",
            #"1,2,"'=HYPERLINK(""http://x"",""y"")",no,student,NA,10,50,10,-5,cold,0.1000,1–3 visits 10 of 20; Job level: student -10 of 15"#,
            #"2,5,"'+1+2",yes,vp,250,45,50,20,15,hot,0.4500,4+ visits +20"#,
            #"3,5,"'-2+3",yes,vp,250,45,50,20,15,hot,0.4500,4+ visits +20"#,
            #"4,5,"'@SUM(A1)",yes,vp,250,45,50,20,15,hot,0.4500,4+ visits +20"#,
            "5,5,\"'\tx\",yes,vp,250,45,50,20,15,hot,0.4500,4+ visits +20",
            "6,5,-12.5,yes,vp,250,45,50,20,15,hot,0.4500,4+ visits +20",
            "",
        ].joined(separator: "\r\n"))
        XCTAssertFalse(text.contains("−"), "Excel reads only ASCII minus signs as numbers")
    }
}
