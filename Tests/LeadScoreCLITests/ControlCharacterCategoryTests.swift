import Foundation
import XCTest

/// Issue 15 item 7, learning side: a category value holding a control character (here a quoted line break
/// followed by an SQL payload, and a value with a NUL) used to make `train` fail at the card write, since a
/// card refuses such text. Now the value is left out of its conditions and scores as "any other value":
/// the card is written, holds no control character, and the SQL export of it runs.
final class ControlCharacterCategoryTests: XCTestCase {
    func testCategoriesWithControlCharactersAreLeftOutOfTheLearnedCard() throws {
        let folder = try cliTemporaryFolder(self)
        let data = folder.appendingPathComponent("hostile.csv").path
        let card = folder.appendingPathComponent("card.json").path
        let hostile = "\"web\n'); DROP TABLE leads; --\"", nul = "ad\u{0}s"
        var state: UInt64 = 99
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lines = ["source,visits,converted"]
        for _ in 0..<1_500 {
            let (source, rate) = [(hostile, 0.8), (nul, 0.6), ("email", 0.2), ("event", 0.4)][Int(uniform() * 4)]
            let visits = Int(uniform() * 10)
            lines.append("\(source),\(visits),\(uniform() < rate ? "yes" : "no")")
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: data))

        let train = try runLeadScore(["train", data, "--target", "converted", "--out", card])
        XCTAssertEqual(train.status, 0, train.errors)
        let json = try String(contentsOfFile: card, encoding: .utf8)
        XCTAssertFalse(json.contains("DROP TABLE"), "the hostile category reached the card")
        XCTAssertFalse(json.contains("\\u0000"), "the NUL category reached the card")
        XCTAssertTrue(json.contains("\"email\""), "ordinary categories stay")
        let sql = try runLeadScore(["export-sql", card, "--dialect", "sqlite"])
        XCTAssertEqual(sql.status, 0, sql.errors)
        XCTAssertFalse(sql.output.contains("DROP TABLE"))
    }
}
