import XCTest
// Same helpers as Tests/EvaluationTests/TestSupport.swift (test targets cannot share files without a support target).

/// SplitMix64: a seeded generator local to each test, so results never depend on global random state.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// 1 with probability p.
    mutating func bernoulli(_ p: Double) -> UInt8 { uniform() < p ? 1 : 0 }
}

/// |actual − expected| ≤ tolerance · max(1, |expected|), reported at the caller's line.
func assertClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12, _ message: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    let scale = max(1, abs(expected))
    XCTAssert(abs(actual - expected) <= tolerance * scale,
              "\(actual) differs from \(expected) by \(abs(actual - expected)) > \(tolerance) (relative) \(message())",
              file: file, line: line)
}

func assertClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12, _ message: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "lengths differ \(message())", file: file, line: line)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        assertClose(a, e, tolerance: tolerance, "at index \(i) \(message())", file: file, line: line)
    }
}

/// Asserts that `body` throws exactly `expected`.
func assertThrows<E: Error & Equatable, T>(_ expected: E, file: StaticString = #filePath, line: UInt = #line,
                                           _ body: () throws(E) -> T) {
    do {
        let value = try body()
        XCTFail("expected \(expected), got \(value)", file: file, line: line)
    } catch {
        XCTAssertEqual(error, expected, file: file, line: line)
    }
}
