import XCTest
@testable import LeadData

final class SplitsTests: XCTestCase {
    private func dataset(rows: Int, positiveEvery: Int, times: [Double]? = nil) -> Dataset {
        let labels = (0..<rows).map { UInt8($0 % positiveEvery == 0 ? 1 : 0) }
        var columns: [DataColumn] = []
        if let times {
            columns.append(DataColumn(name: "created", role: .date, values: .date(times), missingCount: 0, distinctCount: rows))
        }
        return Dataset(source: "test", columns: columns, labels: labels, outcome: nil, rowCount: rows)
    }

    func testStratifiedSplitIsAPartitionWithEqualRates() throws {
        let data = dataset(rows: 1000, positiveEvery: 4)  // 250 positives
        let split = try data.split(.stratified(seed: 7), validationFraction: 0.2, testFraction: 0.3)
        let all = (split.train + split.validation + split.test).sorted()
        XCTAssertEqual(all, Array(0..<1000), "every row in exactly one part")
        XCTAssertEqual(split.test.count, 300)          // 75 of 250 positives + 225 of 750 negatives
        XCTAssertEqual(split.validation.count, 200)
        for part in [split.train, split.validation, split.test] {
            let positives = part.filter { data.labels![$0] == 1 }.count
            XCTAssertEqual(Double(positives) / Double(part.count), 0.25, accuracy: 1e-12)
        }
        XCTAssertEqual(split.method, "stratified random, seed 7")
    }

    /// Issue 21: the parts are now collected in row order instead of sorted; they must be the very rows
    /// the shuffle-then-sort reference gives (each class shuffled, cut into test, validation, train).
    func testStratifiedSplitEqualsTheSortedReference() throws {
        let data = dataset(rows: 2_003, positiveEvery: 7)
        for seed: UInt64 in [1, 7, 42] {
            var generator = SeededGenerator(seed: seed)
            var parts: [[Int]] = [[], [], []]
            for label: UInt8 in [0, 1] {
                let rows = data.labels!.indices.filter { data.labels![$0] == label }
                let shuffled = rows.shuffledDeterministically(using: &generator)
                let test = Int((Double(rows.count) * 0.3).rounded()), validation = Int((Double(rows.count) * 0.2).rounded())
                parts[2] += shuffled[0..<test]
                parts[1] += shuffled[test..<(test + validation)]
                parts[0] += shuffled[(test + validation)...]
            }
            let split = try data.split(.stratified(seed: seed), validationFraction: 0.2, testFraction: 0.3)
            XCTAssertEqual(split.train, parts[0].sorted())
            XCTAssertEqual(split.validation, parts[1].sorted())
            XCTAssertEqual(split.test, parts[2].sorted())
        }
    }

    /// `rowsBeforeTest` merges the two ascending parts; it must be their sorted union, including when one
    /// part is empty or runs past the other.
    func testRowsBeforeTestIsTheSortedUnion() throws {
        let split = try dataset(rows: 1_001, positiveEvery: 5).split(.stratified(seed: 3))
        XCTAssertEqual(split.rowsBeforeTest, (split.train + split.validation).sorted())
        for (train, validation) in [([Int](), [2, 5]), ([1, 4, 9], []), ([0, 1, 2], [7, 8]), ([6, 7], [0, 3]), ([1, 8], [2, 3, 9, 12])] {
            let parts = DataSplit(train: train, validation: validation, test: [], method: "test", seed: nil)
            XCTAssertEqual(parts.rowsBeforeTest, (train + validation).sorted())
        }
    }

    func testStratifiedSplitDependsOnlyOnTheSeed() throws {
        let data = dataset(rows: 500, positiveEvery: 3)
        XCTAssertEqual(try data.split(.stratified(seed: 1)), try data.split(.stratified(seed: 1)))
        XCTAssertNotEqual(try data.split(.stratified(seed: 1)).test, try data.split(.stratified(seed: 2)).test)
    }

    func testTimeOrderedSplitTrainsOnOlderRows() throws {
        var generator = SeededGenerator(seed: 3)
        var times = (0..<400).map { _ in generator.nextUniform() * 1e9 }
        times[5] = .nan  // no date: must train
        let data = dataset(rows: 400, positiveEvery: 5, times: times)
        let split = try data.split(.timeOrdered(column: "created"), validationFraction: 0.25, testFraction: 0.25)
        XCTAssertEqual(split.test.count, 100)
        XCTAssertEqual(split.validation.count, 100)
        XCTAssertTrue(split.train.contains(5))
        let latestTrain = split.train.map { times[$0] }.filter { !$0.isNaN }.max()!
        let earliestValidation = split.validation.map { times[$0] }.min()!
        let latestValidation = split.validation.map { times[$0] }.max()!
        let earliestTest = split.test.map { times[$0] }.min()!
        XCTAssertLessThan(latestTrain, earliestValidation)
        XCTAssertLessThan(latestValidation, earliestTest)
    }

    func testSplitErrorsAreClear() {
        let data = dataset(rows: 100, positiveEvery: 2)
        XCTAssertThrowsError(try data.split(.timeOrdered(column: "nope"))) {
            XCTAssertEqual($0 as? SplitError, .unknownColumn("nope"))
        }
        XCTAssertThrowsError(try data.split(.stratified(seed: 1), validationFraction: 0.6, testFraction: 0.5))
        let oneClass = Dataset(source: "t", columns: [], labels: [UInt8](repeating: 0, count: 50), outcome: nil, rowCount: 50)
        XCTAssertThrowsError(try oneClass.split(.stratified(seed: 1))) {
            XCTAssertEqual($0 as? SplitError, .tooFewRows(positives: 0, negatives: 50))
        }
        let unlabeled = Dataset(source: "t", columns: [], labels: nil, outcome: nil, rowCount: 50)
        XCTAssertThrowsError(try unlabeled.stratifiedFolds(5, seed: 1)) { XCTAssertEqual($0 as? SplitError, .noOutcome) }
    }

    func testStratifiedFoldsHoldOutEachRowOnce() throws {
        let data = dataset(rows: 103, positiveEvery: 4)  // 26 positives, 77 negatives
        let folds = try data.stratifiedFolds(5, seed: 11)
        XCTAssertEqual(folds.flatMap { $0 }.sorted(), Array(0..<103))
        let sizes = folds.map(\.count)
        XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1)
        for fold in folds {
            let positives = fold.filter { data.labels![$0] == 1 }.count
            XCTAssertTrue((5...6).contains(positives), "fold has \(positives) positives")
        }
        XCTAssertThrowsError(try data.stratifiedFolds(27, seed: 1))
    }
}
