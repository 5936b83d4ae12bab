import XCTest
@testable import CardTraining
import LeadData

/// Issue 21 item 2: the card's training takes the loaded leads over and partitions them
/// (`plan(consuming:separateTest:)`) instead of selecting copies beside them (`plan`). Its parts must be
/// `plan`'s parts value for value and row for row — the trainers then see the same data, so the card is
/// the same — on both paths: cross-fitting (small) and a validation split (above `Holdout.crossFittingRows`).
final class LeanPlanTests: XCTestCase {
    /// Column values as bit patterns (NaN marks missing and must stay in its row), codes and levels.
    static func fingerprint(_ data: Dataset) -> [String] {
        data.columns.map { column in
            switch column.values {
            case .numeric(let values), .boolean(let values), .date(let values):
                return column.name + ":" + values.map { String($0.bitPattern) }.joined(separator: ",")
            case .categorical(let codes, let levels):
                return column.name + ":" + codes.map(String.init).joined(separator: ",") + "|" + levels.joined(separator: ",")
            case .none:
                return column.name + ":none"
            }
        } + ["labels:" + (data.labels ?? []).map(String.init).joined(separator: ",")]
    }

    func assertSameParts(_ leads: Dataset, file: StaticString = #filePath, line: UInt = #line) throws {
        let trainer = CardTrainer()
        let (oldParts, oldHoldout) = try trainer.plan(leads, separateTest: false)
        let oldTest = leads.selecting(oldParts.test)
        let (parts, holdout, test) = try trainer.plan(consuming: leads, separateTest: nil)
        XCTAssertEqual(parts, oldParts, file: file, line: line)
        XCTAssertEqual(Self.fingerprint(test), Self.fingerprint(oldTest), file: file, line: line)
        switch (holdout, oldHoldout) {
        case (.folds(let new, let newFolds), .folds(let old, let oldFolds)):
            XCTAssertEqual(newFolds, oldFolds, file: file, line: line)
            XCTAssertEqual(Self.fingerprint(new), Self.fingerprint(old), file: file, line: line)
        case (.split(let newTrain, let newValidation), .split(let oldTrain, let oldValidation)):
            XCTAssertEqual(Self.fingerprint(newTrain), Self.fingerprint(oldTrain), file: file, line: line)
            XCTAssertEqual(Self.fingerprint(newValidation), Self.fingerprint(oldValidation), file: file, line: line)
        default:
            XCTFail("holdout kind changed: \(holdout.description) vs \(oldHoldout.description)", file: file, line: line)
        }
    }

    func testCrossFittingPartsEqualPlansSelections() throws {
        let leads = SyntheticLeads(rows: 3_000, seed: 5, noiseColumns: 2).generate().dataset
        try assertSameParts(leads)
        guard case .folds = try CardTrainer().plan(consuming: leads, separateTest: nil).1 else { return XCTFail("expected folds") }
    }

    func testValidationSplitPartsEqualPlansSelectionsAboveTheCrossFittingLimit() throws {
        // Just above the limit, with two columns so the test stays fast: a numeric one with missing values,
        // a categorical one with a missing level.
        let rows = Int(Double(Holdout.crossFittingRows) / 0.8) + 1_000
        var generator = SeededGenerator(seed: 3)
        let numbers = (0..<rows).map { _ in Double.random(in: 0..<1, using: &generator) < 0.1 ? .nan : Double(Int.random(in: 0..<50, using: &generator)) }
        let codes = (0..<rows).map { _ in Int32.random(in: -1..<3, using: &generator) }
        let labels = (0..<rows).map { _ in UInt8(Double.random(in: 0..<1, using: &generator) < 0.2 ? 1 : 0) }
        let leads = Dataset(source: "generated", columns: [
            DataColumn(name: "n", role: .numeric, values: .numeric(numbers), missingCount: numbers.filter(\.isNaN).count, distinctCount: 50),
            DataColumn(name: "c", role: .categorical, values: .categorical(codes: codes, levels: ["a", "b", "c"]),
                       missingCount: codes.filter { $0 < 0 }.count, distinctCount: 3),
        ], labels: labels, outcome: nil, rowCount: rows)
        try assertSameParts(leads)
        guard case .split = try CardTrainer().plan(consuming: leads, separateTest: nil).1 else { return XCTFail("expected a validation split") }
    }
}
