import CardHoldout
import Foundation
import LeadData
import ScoreCardFormat
import XCTest

/// Finding a card's test rows in its training file again, and the cases where that must be refused.
final class CardHoldoutTests: XCTestCase {
    private static let sha = String(repeating: "ab", count: 32)
    private var data: Dataset!

    /// 100 leads, 30 converted (every row whose number ends in 0, 3 or 7), with a growing `day`.
    override func setUpWithError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("holdout-\(UUID().uuidString).csv")
        var text = "id,day,channel,converted\n"
        for row in 0..<100 { text += "\(row),\(row * 2),\(["web", "event", "partner"][row % 3]),\([0, 3, 7].contains(row % 10) ? 1 : 0)\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: file) }
        data = try Dataset.load(csv: file.path, options: LoadOptions(target: "converted"))
    }

    private func provenance(split: SplitRecord?, rows: Int = 100, rate: Double = 0.3) -> Provenance {
        Provenance(data: DataFingerprint(file: "leads.csv", sha256: Self.sha, rows: rows, positiveRate: rate), target: "converted", split: split)
    }

    func testStratifiedSplitGivesAFifthOfEachOutcome() throws {
        let relation = CardHoldout.relation(of: data, sha256: Self.sha.uppercased(), fileName: "leads.csv",
                                            provenance: provenance(split: SplitRecord(.stratified(seed: 7), validationFraction: 0.2, testFraction: 0.2)))
        guard case .trainingFile(let rows, let split) = relation else { return XCTFail("\(relation)") }
        // 20 % of 30 converted and of 70 lost leads, by hand: 6 and 14.
        XCTAssertEqual(rows.count, 20)
        XCTAssertEqual(rows.filter { [0, 3, 7].contains($0 % 10) }.count, 6)
        XCTAssertEqual(rows, rows.sorted())
        XCTAssertEqual(split, "stratified random, seed 7")
    }

    func testTimeOrderedSplitTestsTheNewestLeads() {
        let relation = CardHoldout.relation(of: data, sha256: Self.sha, fileName: "other.csv",
                                            provenance: provenance(split: SplitRecord(.timeOrdered(column: "day"), validationFraction: 0.2, testFraction: 0.25)))
        XCTAssertEqual(relation, .trainingFile(testRows: Array(75..<100), split: "time-ordered by day"))
    }

    func testOtherContentIsUnrelatedUnlessItHasTheTrainingFilesName() {
        let record = SplitRecord(.stratified(seed: 1), validationFraction: 0.2, testFraction: 0.2)
        XCTAssertEqual(CardHoldout.relation(of: data, sha256: String(repeating: "0", count: 64), fileName: "march.csv", provenance: provenance(split: record)), .unrelated)
        guard case .possibleOverlap = CardHoldout.relation(of: data, sha256: String(repeating: "0", count: 64), fileName: "leads.csv", provenance: provenance(split: record)) else {
            return XCTFail("a file named as the training file may share its leads")
        }
        XCTAssertEqual(CardHoldout.relation(of: data, sha256: Self.sha, fileName: "leads.csv", provenance: nil), .unrelated, "a hand-written card has no training file")
    }

    func testUnreproducibleSplitsAreRefused() {
        func refused(_ provenance: Provenance) -> Bool {
            if case .trainingFileSplitUnknown = CardHoldout.relation(of: data, sha256: Self.sha, fileName: nil, provenance: provenance) { return true }
            return false
        }
        let record = SplitRecord(.stratified(seed: 1), validationFraction: 0.2, testFraction: 0.2)
        XCTAssertTrue(refused(provenance(split: nil)), "no split recorded")
        XCTAssertTrue(refused(provenance(split: record, rows: 99)), "other rows read than trained on")
        XCTAssertTrue(refused(provenance(split: record, rate: 0.31)), "another outcome coding")
        XCTAssertTrue(refused(provenance(split: SplitRecord(method: "k-means", validationFraction: 0.2, testFraction: 0.2))))
        XCTAssertTrue(refused(provenance(split: SplitRecord(.timeOrdered(column: "channel"), validationFraction: 0.2, testFraction: 0.2))), "not orderable")
        XCTAssertFalse(refused(provenance(split: record)))
    }

    func testSelectionIntersectsCardsAndLabelsInSample() {
        let a = CardHoldout.Relation.trainingFile(testRows: [1, 2, 3, 4], split: "a")
        let b = CardHoldout.Relation.trainingFile(testRows: [3, 4, 5], split: "b")
        let both = HeldOutSelection(data: data, relations: [("A", a), ("B", b), ("C", .unrelated)], allRows: false)
        XCTAssertEqual(both.rows, [3, 4], "only leads neither card learned from")
        XCTAssertFalse(both.inSample)
        let all = HeldOutSelection(data: data, relations: [("A", a)], allRows: true)
        XCTAssertNil(all.rows)
        XCTAssertTrue(all.inSample)
        XCTAssertTrue(all.description.contains("IN-SAMPLE"))
        let testedElsewhere = HeldOutSelection(data: data, relations: [("A", .trainingFile(testRows: [], split: "tested on another file"))], allRows: false)
        XCTAssertTrue(testedElsewhere.inSample, "a card tested on another file learned from every row of this one")
        let unrelated = HeldOutSelection(data: data, relations: [("A", .unrelated)], allRows: false)
        XCTAssertEqual(unrelated, HeldOutSelection(data: data, relations: [], allRows: false))
        XCTAssertFalse(unrelated.inSample)
        XCTAssertTrue(unrelated.warnings.isEmpty)
    }

    func testSplitRecordRoundTripsThroughTheCardFormat() throws {
        let big = SplitRecord(.stratified(seed: UInt64.max), validationFraction: 0.25, testFraction: 0)
        var card = Provenance(split: big)
        let encoded = try JSONEncoder().encode(card)
        XCTAssertTrue(String(decoding: encoded, as: UTF8.self).contains("\"18446744073709551615\""), "a seed above 2^53 is kept as text")
        card = try JSONDecoder().decode(Provenance.self, from: encoded)
        XCTAssertEqual(card.split, big)
        XCTAssertEqual(card.split?.splitMethod, .stratified(seed: UInt64.max))
    }
}
