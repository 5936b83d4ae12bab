import Foundation
import LeadData
import TestSupport

/// Small in-memory datasets for the tests (the CSV loader is not needed for any of them).
enum TestData {
    /// A labelled dataset of the given columns; labels drawn from `logit p = logOdds(row)`.
    static func labelled(_ columns: [DataColumn], rowCount: Int, seed: UInt64, logOdds: (Int) -> Double) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let labels = (0..<rowCount).map { row -> UInt8 in
            generator.nextUniform() < 1 / (1 + exp(-logOdds(row))) ? 1 : 0
        }
        return Dataset(source: "test", columns: columns, labels: labels,
                       outcome: Outcome(column: "converted", positiveLabel: "1", negativeLabel: "0", droppedMissing: 0),
                       rowCount: rowCount)
    }

    static func numeric(_ name: String, _ values: [Double], role: ColumnRole = .numeric) -> DataColumn {
        DataColumn(name: name, role: role, values: role == .boolean ? .boolean(values) : .numeric(values),
                   missingCount: values.filter(\.isNaN).count, distinctCount: Set(values.filter { !$0.isNaN }).count)
    }

    /// Categorical values with levels in first-seen order; `nil` is missing.
    static func categorical(_ name: String, _ labels: [String?]) -> DataColumn {
        DataColumn(name: name, role: .categorical, values: TestSupport.labelled(labels),
                   missingCount: labels.filter { $0 == nil }.count, distinctCount: Set(labels.compactMap { $0 }).count)
    }

    /// The package's synthetic leads (known additive truth), split into train / validation / test.
    static func syntheticSplit(rows: Int, seed: UInt64) throws -> (train: Dataset, validation: Dataset, test: Dataset) {
        let leads = SyntheticLeads(rows: rows, seed: seed).generate().dataset
        let split = try leads.split(.stratified(seed: seed), validationFraction: 0.2, testFraction: 0.2)
        return (leads.selecting(split.train), leads.selecting(split.validation), leads.selecting(split.test))
    }
}
