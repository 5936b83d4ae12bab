import FeatureEncoding
import Foundation
import LinearAlgebra
@testable import LinearModels
import TestSupport
import XCTest

/// The products a solver asks of a coded design (`Xw`, `Xᵀv`, `XᵀDX`, its diagonal, `Hv`) against a naive
/// reference on the dense matrix the codes stand for, written out entry by entry.
///
/// Random codes over blocks of odd sizes (1 code, 2, 5, 17, all 256), arbitrary table values (not only the
/// 0/1 an encoder writes), design columns of different blocks interleaved, two value columns, a code no
/// row uses, rows that are not a multiple of the chunk size, and row weights with zeros.
final class CodedDesignProductTests: XCTestCase {
    private struct Case {
        var coded: CodedDesign
        /// Row-major `n × p`.
        var dense: [Double]
        var rows: Int { coded.rowCount }
        var columns: Int { coded.columnCount }
    }

    private static let oddShapes: [(codes: Int, width: Int)] = [(1, 1), (2, 1), (5, 4), (17, 16), (256, 3), (3, 2)]

    private func makeCase(rows: Int = 2 * CodedDesign.chunkRows + 123, seed: UInt64 = 17,
                          shapes: [(codes: Int, width: Int)] = oddShapes, valueCount: Int = 2) -> Case {
        var generator = SplitMix64(seed: seed)
        func normal() -> Double {
            let u1 = 1 - generator.uniform(), u2 = generator.uniform()
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        let p = shapes.reduce(valueCount) { $0 + $1.width }
        // Design columns dealt to blocks and value columns in a shuffled order.
        var order = Array(0..<p)
        for i in stride(from: p - 1, to: 0, by: -1) { order.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
        var next = 0
        var blocks: [CodedBlock] = []
        for shape in shapes {
            let columns = Array(order[next..<(next + shape.width)]).sorted()
            next += shape.width
            let table = (0..<(shape.codes * shape.width)).map { _ -> Double in
                switch generator.next() % 3 { case 0: return 0; case 1: return 1; default: return normal() }
            }
            blocks.append(CodedBlock(codeCount: shape.codes, columns: columns, table: table))
        }
        let valueColumns = (0..<valueCount).map { j in
            ValueColumn(column: order[next + j], values: (0..<rows).map { _ in normal() })
        }
        var codes = [UInt8](repeating: 0, count: rows * shapes.count)
        for row in 0..<rows {
            for (b, shape) in shapes.enumerated() {
                // The last code of the 5-code block is never used.
                let used = shape.codes == 5 ? 4 : shape.codes
                codes[row * shapes.count + b] = UInt8(generator.next() % UInt64(used))
            }
        }
        let terms = (0..<p).map { DesignTerm(feature: "x\($0)", kind: .value) }
        let coded = CodedDesign(rowCount: rows, terms: terms, blocks: blocks, codes: codes, valueColumns: valueColumns, notes: [])
        var dense = [Double](repeating: 0, count: rows * p)
        for row in 0..<rows {
            for (b, block) in blocks.enumerated() {
                let code = Int(codes[row * blocks.count + b])
                for (k, column) in block.columns.enumerated() { dense[row * p + column] = block.value(code: code, column: k) }
            }
            for value in valueColumns { dense[row * p + value.column] = value.values[row] }
        }
        return Case(coded: coded, dense: dense)
    }

    private func rowWeights(_ rows: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<rows).map { _ in generator.uniform() < 0.1 ? 0 : 0.25 + 2 * generator.uniform() }
    }

    func testMarginsAreTheDenseProduct() throws {
        let test = makeCase()
        let (n, p) = (test.rows, test.columns)
        let weights = (0..<p).map { Double($0 % 7) - 2.5 + 0.01 * Double($0) }
        let margins = try test.coded.margins(weights[...], offset: -0.75)
        let expected = (0..<n).map { row in (0..<p).reduce(-0.75) { $0 + test.dense[row * p + $1] * weights[$1] } }
        assertClose(margins, expected, tolerance: 1e-12)
    }

    func testTransposeProductsAreTheDenseOnes() throws {
        let test = makeCase()
        let (n, p) = (test.rows, test.columns)
        var generator = SplitMix64(seed: 3)
        let vector = (0..<n).map { _ in generator.uniform() - 0.4 }
        let product = try test.coded.augmentedTransposeTimes(vector)
        var expected = [Double](repeating: 0, count: p + 1)
        for row in 0..<n {
            for column in 0..<p { expected[column] += test.dense[row * p + column] * vector[row] }
            expected[p] += vector[row]
        }
        assertClose(product, expected, tolerance: 1e-11)
    }

    func testTheGramMatrixAndItsDiagonalAreTheDenseOnes() throws {
        let test = makeCase()
        let (n, p) = (test.rows, test.columns)
        let weights = rowWeights(n, seed: 4)
        let gram = try test.coded.augmentedGram(weights)
        var expected = Matrix(rows: p + 1, columns: p + 1)
        for row in 0..<n {
            let x = Array(test.dense[(row * p)..<((row + 1) * p)]) + [1]
            for a in 0...p where x[a] != 0 {
                for b in 0...p { expected[a, b] += weights[row] * x[a] * x[b] }
            }
        }
        assertClose(gram.storage, expected.storage, tolerance: 1e-11)
        XCTAssertEqual(gram, gram.transposed, "symmetric to the bit")
        let diagonal = try test.coded.augmentedGramDiagonal(weights)
        assertClose(diagonal, (0...p).map { expected[$0, $0] }, tolerance: 1e-11)
    }

    /// Through the objective the solvers see: the loss on codes against the loss on the dense matrix (itself
    /// checked against scikit-learn), at the same point, including `Hv` and a line search.
    func testTheLossOnCodesMatchesTheLossOnTheDenseDesign() throws {
        let test = makeCase(rows: CodedDesign.chunkRows + 5_001, seed: 23)
        let (n, p) = (test.rows, test.columns)
        var generator = SplitMix64(seed: 9)
        let targets = (0..<n).map { _ in Double(generator.bernoulli(0.3)) }
        let weights = rowWeights(n, seed: 10)
        let matrix = Matrix(rowMajor: (0..<n).map { Array(test.dense[($0 * p)..<(($0 + 1) * p)]) })
        var onCodes = LogisticLoss(design: test.coded, targets: targets, rowWeights: weights, ridge: 0.7)
        var onMatrix = LogisticLoss(design: matrix, targets: targets, rowWeights: weights, ridge: 0.7)
        let point = (0...p).map { 0.05 * Double($0 % 5) - 0.1 }
        assertClose(try onCodes.evaluate(at: point), try onMatrix.evaluate(at: point), tolerance: 1e-12)
        assertClose(try onCodes.gradient(), try onMatrix.gradient(), tolerance: 1e-11)
        assertClose(try onCodes.hessian().storage, try onMatrix.hessian().storage, tolerance: 1e-11)
        assertClose(try onCodes.hessianDiagonal(), try onMatrix.hessianDiagonal(), tolerance: 1e-11)
        let direction = (0...p).map { sin(Double($0)) }
        assertClose(try onCodes.hessianTimes(direction), try onMatrix.hessianTimes(direction), tolerance: 1e-11)

        let gradient = try onMatrix.gradient()
        let slope = Vector.dot(gradient, direction.map { -$0 })
        let fromCodes = try onCodes.searchLine(along: direction.map { -$0 }, from: point, value: try onCodes.evaluate(at: point),
                                               slope: slope, rule: ArmijoRule(), penalty: { _ in 0 })
        let fromMatrix = try onMatrix.searchLine(along: direction.map { -$0 }, from: point, value: try onMatrix.evaluate(at: point),
                                                 slope: slope, rule: ArmijoRule(), penalty: { _ in 0 })
        XCTAssertEqual(fromCodes?.stepLength, fromMatrix?.stepLength)
        assertClose(fromCodes?.value ?? .nan, fromMatrix?.value ?? 0, tolerance: 1e-12)
    }

    /// Only value columns (linear numerics without missing values), only codes, and no rows at all.
    func testDesignsWithoutBlocksWithoutValuesOrWithoutRowsGiveTheDenseProducts() throws {
        for (name, test) in [("values only", makeCase(rows: 1_001, seed: 41, shapes: [], valueCount: 3)),
                             ("codes only", makeCase(rows: 1_001, seed: 42, valueCount: 0))] {
            let (n, p) = (test.rows, test.columns)
            let weights = rowWeights(n, seed: 43)
            let beta = (0..<p).map { 0.3 * Double($0) - 1 }
            let expectedMargins = (0..<n).map { row in (0..<p).reduce(0.5) { $0 + test.dense[row * p + $1] * beta[$1] } }
            assertClose(try test.coded.margins(beta[...], offset: 0.5), expectedMargins, tolerance: 1e-12, name)
            var expectedGram = Matrix(rows: p + 1, columns: p + 1)
            var expectedProduct = [Double](repeating: 0, count: p + 1)
            for row in 0..<n {
                let x = Array(test.dense[(row * p)..<((row + 1) * p)]) + [1]
                for a in 0...p {
                    expectedProduct[a] += x[a] * weights[row]
                    for b in 0...p { expectedGram[a, b] += weights[row] * x[a] * x[b] }
                }
            }
            assertClose(try test.coded.augmentedTransposeTimes(weights), expectedProduct, tolerance: 1e-11, name)
            assertClose(try test.coded.augmentedGram(weights).storage, expectedGram.storage, tolerance: 1e-11, name)
            assertClose(try test.coded.augmentedGramDiagonal(weights), (0...p).map { expectedGram[$0, $0] }, tolerance: 1e-11, name)
        }
        let empty = makeCase(rows: 0, seed: 44)
        let p = empty.columns
        XCTAssertEqual(try empty.coded.margins([Double](repeating: 1, count: p)[...], offset: 0), [])
        XCTAssertEqual(try empty.coded.augmentedTransposeTimes([]), [Double](repeating: 0, count: p + 1))
        XCTAssertEqual(try empty.coded.augmentedGram([]), Matrix(rows: p + 1, columns: p + 1))
    }

    func testProductsAreRepeatableToTheBit() throws {
        // Threads take units in whatever order they are scheduled; the sums must not notice.
        let test = makeCase(rows: CodedDesign.chunkRows * 3 + 1, seed: 31)
        let weights = rowWeights(test.rows, seed: 32)
        XCTAssertEqual(try test.coded.augmentedGram(weights), try test.coded.augmentedGram(weights))
        XCTAssertEqual(try test.coded.augmentedTransposeTimes(weights), try test.coded.augmentedTransposeTimes(weights))
    }
}
