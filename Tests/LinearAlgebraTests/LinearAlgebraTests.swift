import XCTest
@testable import LinearAlgebra
import TestSupport

/// Every wrapper is compared with a naive triple loop on random matrices, odd sizes included.
final class LinearAlgebraTests: XCTestCase {
    private var generator = SplitMix64(seed: 42)

    private func randomMatrix(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in generator.nextUniform() * 2 - 1 })
    }

    private func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows { for j in 0..<b.columns { for k in 0..<a.columns { c[i, j] += a[i, k] * b[k, j] } } }
        return c
    }

    let shapes = [(1, 1), (3, 2), (7, 5), (13, 17), (64, 33), (101, 9)]

    func testMatrixVectorProductsMatchNaive() throws {
        for (m, n) in shapes {
            let a = randomMatrix(m, n)
            let x = (0..<n).map { _ in generator.nextUniform() }
            let y = (0..<m).map { _ in generator.nextUniform() }
            let naive = (0..<m).map { i in (0..<n).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
            let naiveTransposed = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + a[$1, j] * y[$1] } }
            assertClose(try a.times(x), naive)
            assertClose(try a.times(y, transposed: true), naiveTransposed)
        }
    }

    func testMatrixProductsMatchNaiveWithEveryTransposition() throws {
        for (m, n) in shapes {
            let k = n + 2
            let a = randomMatrix(m, k), b = randomMatrix(k, n)
            let expected = naiveProduct(a, b)
            assertClose(try a.times(b).storage, expected.storage)
            assertClose(try a.transposed.times(b, transposingSelf: true).storage, expected.storage)
            assertClose(try a.times(b.transposed, transposingOther: true).storage, expected.storage)
            assertClose(try a.transposed.times(b.transposed, transposingSelf: true, transposingOther: true).storage, expected.storage)
        }
    }

    func testWeightedGramMatchesNaive() throws {
        for (m, n) in shapes {
            let a = randomMatrix(m, n)
            let w = (0..<m).map { _ in generator.nextUniform() }
            var expected = Matrix(rows: n, columns: n)
            for i in 0..<n { for j in 0..<n { for r in 0..<m { expected[i, j] += a[r, i] * w[r] * a[r, j] } } }
            assertClose(try a.weightedGram(weights: w).storage, expected.storage)
            assertClose(try a.weightedGram().storage, naiveProduct(a.transposed, a).storage)
        }
    }

    func testCholeskySolveRecoversKnownSolution() throws {
        for n in [1, 2, 5, 11, 40] {
            let b = randomMatrix(n + 3, n)
            var spd = try b.weightedGram()
            for i in 0..<n { spd[i, i] += 0.5 }
            let truth = (0..<n).map { _ in generator.nextUniform() * 4 - 2 }
            let rhs = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + spd[i, $1] * truth[$1] } }
            assertClose(try spd.solvePositiveDefinite(rhs), truth, tolerance: 1e-9)
            let factor = try Cholesky(spd).factor
            // L·Lᵀ reproduces the matrix (lower triangle of the factor only).
            for i in 0..<n { for j in 0...i {
                let value = (0...j).reduce(0.0) { $0 + factor[i, $1] * factor[j, $1] }
                XCTAssertEqual(value, spd[i, j], accuracy: 1e-10)
            } }
        }
    }

    func testHandComputedCholesky() throws {
        // [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]]; solution of A·x = [2, 1] is [0.5, 0].
        let a = Matrix(rowMajor: [[4, 2], [2, 3]])
        let factor = try Cholesky(a).factor
        XCTAssertEqual(factor[0, 0], 2, accuracy: 1e-15)
        XCTAssertEqual(factor[1, 0], 1, accuracy: 1e-15)
        XCTAssertEqual(factor[1, 1], 2.0.squareRoot(), accuracy: 1e-15)
        assertClose(try a.solvePositiveDefinite([2, 1]), [0.5, 0], tolerance: 1e-15)
    }

    func testNotPositiveDefiniteIsAnErrorNamingTheMinor() {
        let singular = Matrix(rowMajor: [[1, 2, 0], [2, 4, 0], [0, 0, 1]])
        XCTAssertThrowsError(try Cholesky(singular)) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(minor: 2))
        }
    }

    func testDimensionMismatchesAreErrors() {
        let a = randomMatrix(3, 2)
        XCTAssertThrowsError(try a.times([1, 2, 3]))
        XCTAssertThrowsError(try a.times(a))
        XCTAssertThrowsError(try a.weightedGram(weights: [1]))
        XCTAssertThrowsError(try Cholesky(a))
    }

    func testResultsDoNotDependOnThreadCountBeyondRounding() throws {
        let original = BLASThreads.count
        defer { BLASThreads.count = original }
        let a = randomMatrix(500, 60)
        let w = (0..<500).map { _ in generator.nextUniform() }
        BLASThreads.count = 1
        XCTAssertEqual(BLASThreads.count, 1)
        let single = try a.weightedGram(weights: w)
        let singleProduct = try a.times(a, transposingSelf: true)
        BLASThreads.count = 2
        XCTAssertEqual(BLASThreads.count, 2)
        assertClose(try a.weightedGram(weights: w).storage, single.storage, tolerance: 1e-12)
        assertClose(try a.times(a, transposingSelf: true).storage, singleProduct.storage, tolerance: 1e-12)
        XCTAssertFalse(BLASThreads.configuration.isEmpty)
    }

    func testVectorHelpers() {
        XCTAssertEqual(Vector.dot([1, 2, 3], [4, 5, 6]), 32)
        var y = [1.0, 1, 1]
        Vector.addScaled(2, [1, 2, 3], to: &y)
        XCTAssertEqual(y, [3, 5, 7])
    }
}
