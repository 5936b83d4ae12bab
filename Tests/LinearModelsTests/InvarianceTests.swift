import LeadData
import LinearAlgebra
import TestSupport
import XCTest
@testable import LinearModels

final class InvarianceTests: XCTestCase {
    private let truth = [1.0, -0.5, 0.25, 0, 2]
    private lazy var simulated = simulatedDesign(rows: 3_000, weights: truth, intercept: -1, seed: 11)

    func testPermutingRowsChangesNothingBeyondRounding() throws {
        let (design, labels) = simulated
        var generator = SeededGenerator(seed: 5)
        let order = Array(0..<design.rows).shuffled(using: &generator)
        var permuted = Matrix(rows: design.rows, columns: design.columns)
        for (to, from) in order.enumerated() {
            for j in 0..<design.columns { permuted[to, j] = design[from, j] }
        }
        let base = try LogisticRegression().fit(design: design, labels: labels)
        let shuffled = try LogisticRegression().fit(design: permuted, labels: order.map { labels[$0] })
        assertClose(shuffled.weights, base.weights, relative: 1e-10, absolute: 1e-12, "row order")
        XCTAssertEqual(shuffled.intercept, base.intercept, accuracy: 1e-10)
    }

    func testPermutingColumnsPermutesTheWeights() throws {
        let (design, labels) = simulated
        let order = [3, 0, 4, 2, 1]
        let permuted = Matrix(rows: design.rows, columns: design.columns, columnMajor: order.flatMap { design.column($0) })
        let base = try LogisticRegression().fit(design: design, labels: labels)
        let shuffled = try LogisticRegression().fit(design: permuted, labels: labels)
        assertClose(shuffled.weights, order.map { base.weights[$0] }, relative: 1e-10, absolute: 1e-12, "column order")
        XCTAssertEqual(shuffled.intercept, base.intercept, accuracy: 1e-10)
    }

    /// Under L2 two identical columns split their weight equally (the penalty is smallest that way), and
    /// the rest of the model is that of the strength-halved problem on the single column.
    func testADuplicatedColumnSharesItsWeightUnderL2() throws {
        let (design, labels) = simulated
        let doubled = Matrix(rows: design.rows, columns: design.columns + 1, columnMajor: design.storage + design.column(0))
        let fitted = try LogisticRegression().fit(design: doubled, labels: labels)
        XCTAssertEqual(fitted.weights[0], fitted.weights[5], accuracy: 1e-10)
        // Duplicating column 0 is the single-column problem with its penalty halved: rescale it by √2.
        var single = design
        for i in 0..<design.rows { single[i, 0] *= 2.0.squareRoot() }
        let reference = try LogisticRegression().fit(design: single, labels: labels)
        XCTAssertEqual(fitted.weights[0] + fitted.weights[5], reference.weights[0] * 2.0.squareRoot(), accuracy: 1e-9)
        assertClose(Array(fitted.weights[1..<5]), Array(reference.weights[1...]), relative: 1e-9, absolute: 1e-12, "other weights")
    }

    func testOneAndTwoBLASThreadsAgreeWithinRounding() throws {
        let (design, labels) = simulated
        let saved = BLASThreads.count
        defer { BLASThreads.count = saved }
        BLASThreads.count = 1
        let one = try LogisticRegression().fit(design: design, labels: labels)
        BLASThreads.count = 2
        let two = try LogisticRegression().fit(design: design, labels: labels)
        assertClose(two.weights, one.weights, relative: 1e-10, absolute: 1e-12, "threads")
    }

    /// Weight 2 is the same row twice, weight 0 no row: the objective is identical.
    func testSampleWeightsActLikeRepeatedRows() throws {
        let (design, labels) = simulated
        let weights = (0..<design.rows).map { Double($0 % 3) }
        let repeated = (0..<design.rows).flatMap { Array(repeating: $0, count: $0 % 3) }
        var copies = Matrix(rows: repeated.count, columns: design.columns)
        for (to, from) in repeated.enumerated() {
            for j in 0..<design.columns { copies[to, j] = design[from, j] }
        }
        let weighted = try LogisticRegression().fit(design: design, labels: labels, sampleWeights: weights)
        let copied = try LogisticRegression().fit(design: copies, labels: repeated.map { labels[$0] })
        assertClose(weighted.weights, copied.weights, relative: 1e-9, absolute: 1e-12, "weights = copies")
    }

    /// Class weights multiply sample weights: given weights equal the same per-row sample weights, and
    /// "balanced" is n / (2·n_class) from the (weighted) class totals, as scikit-learn computes it.
    func testClassWeightsActLikePerClassSampleWeights() throws {
        let (design, labels) = simulated
        let given = try LogisticRegression(classWeight: .given(lost: 0.5, converted: 3)).fit(design: design, labels: labels)
        let perRow = try LogisticRegression().fit(design: design, labels: labels, sampleWeights: labels.map { $0 == 1 ? 3 : 0.5 })
        assertClose(given.weights, perRow.weights, relative: 1e-12, absolute: 1e-14, "given")
        let positives = Double(labels.filter { $0 == 1 }.count), total = Double(labels.count)
        let balanced = try LogisticRegression(classWeight: .balanced).fit(design: design, labels: labels)
        let explicit = try LogisticRegression(classWeight: .given(lost: total / (2 * (total - positives)), converted: total / (2 * positives)))
            .fit(design: design, labels: labels)
        assertClose(balanced.weights, explicit.weights, relative: 1e-12, absolute: 1e-14, "balanced")
    }
}
