import Foundation
import LeadData
import LinearAlgebra
import XCTest

/// A dataset of the given columns (name, role, values) with outcome labels.
func makeDataset(_ columns: [(String, ColumnRole, ColumnValues)], labels: [UInt8]) -> Dataset {
    Dataset(source: "test", columns: columns.map { name, role, values in
        DataColumn(name: name, role: role, values: values, missingCount: 0, distinctCount: 0)
    }, labels: labels, outcome: nil, rowCount: labels.count)
}

/// A dense design with a known logistic truth: `columns` standard-normal features, outcome drawn from
/// `σ(intercept + x·weights)`.
func simulatedDesign(rows: Int, weights: [Double], intercept: Double, seed: UInt64) -> (Matrix, [UInt8]) {
    var generator = SeededGenerator(seed: seed)
    var design = Matrix(rows: rows, columns: weights.count)
    var labels = [UInt8](repeating: 0, count: rows)
    for row in 0..<rows {
        var z = intercept
        for column in weights.indices {
            let u1 = 1 - generator.nextUniform(), u2 = generator.nextUniform()
            design[row, column] = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            z += weights[column] * design[row, column]
        }
        labels[row] = generator.nextUniform() < 1 / (1 + exp(-z)) ? 1 : 0
    }
    return (design, labels)
}
