import Foundation
import XCTest

/// `train --rounds N --learning-rate R` (issue 18 item 7): the stumps trainer fits at most N rounds at rate R,
/// and the card's provenance records both; out-of-range values are refused before any data is read.
final class TrainRoundsTests: XCTestCase {
    func testRoundsAndLearningRateReachTheStumpsTrainer() throws {
        let folder = try cliTemporaryFolder(self)
        let data = folder.appendingPathComponent("drinks.csv").path
        let card = folder.appendingPathComponent("card.json").path
        try Data(MixedNormalisationTests.mixedCSV().utf8).write(to: URL(fileURLWithPath: data))

        let train = try runLeadScore(["train", data, "--target", "converted", "--out", card, "--rounds", "3", "--learning-rate", "0.5"])
        XCTAssertEqual(train.status, 0, train.errors)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: card))) as? [String: Any])
        let trainer = try XCTUnwrap((json["provenance"] as? [String: Any])?["trainer"] as? [String: Any])
        let settings = try XCTUnwrap(trainer["settings"] as? [String: Any])
        XCTAssertEqual(settings["rounds"] as? Double, 3)
        XCTAssertEqual(settings["learningRate"] as? Double, 0.5)
        let kept = try XCTUnwrap(settings["keptRounds"] as? String).split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces))! }
        XCTAssertEqual(kept.count, 4)
        XCTAssertTrue(kept.allSatisfy { $0 <= 3 }, "\(kept)")

        for (flags, message) in [(["--rounds", "0"], "--rounds must be at least 1"),
                                 (["--learning-rate", "0"], "--learning-rate must be above 0 and at most 1"),
                                 (["--learning-rate", "1.5"], "--learning-rate must be above 0 and at most 1")] {
            let refused = try runLeadScore(["train", data, "--target", "converted", "--out", card] + flags)
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertTrue(refused.errors.contains(message), refused.errors)
        }
    }
}
