import LeadData
import XCTest

/// The generator tests use: LeadData's SplitMix64, so tests and library draw identical sequences.
public typealias SplitMix64 = SeededGenerator

extension SeededGenerator {
    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { nextUniform() }

    /// 1 with probability p.
    public mutating func bernoulli(_ p: Double) -> UInt8 { nextUniform() < p ? 1 : 0 }
}

/// |actual − expected| ≤ tolerance · max(1, |expected|), reported at the caller's line.
public func assertClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-12, _ message: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    let scale = max(1, abs(expected))
    XCTAssert(abs(actual - expected) <= tolerance * scale,
              "\(actual) differs from \(expected) by \(abs(actual - expected)) > \(tolerance) (relative) \(message())",
              file: file, line: line)
}

public func assertClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12, _ message: @autoclosure () -> String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "lengths differ \(message())", file: file, line: line)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        assertClose(a, e, tolerance: tolerance, "at index \(i) \(message())", file: file, line: line)
    }
}

/// Asserts that `body` throws exactly `expected`.
public func assertThrows<E: Error & Equatable, T>(_ expected: E, file: StaticString = #filePath, line: UInt = #line,
                                           _ body: () throws(E) -> T) {
    do {
        let value = try body()
        XCTFail("expected \(expected), got \(value)", file: file, line: line)
    } catch {
        XCTAssertEqual(error, expected, file: file, line: line)
    }
}

/// Categorical values with levels in first-seen order; `nil` is missing. Levels are exact spellings, as the
/// CSV reader interns them (`firstIndex(of:)` would merge canonically equivalent ones).
public func labelled(_ labels: [String?]) -> ColumnValues {
    var levels: [String] = []
    let codes = labels.map { label -> Int32 in
        guard let label else { return -1 }
        if let code = levels.firstIndex(where: { $0.utf8.elementsEqual(label.utf8) }) { return Int32(code) }
        levels.append(label)
        return Int32(levels.count - 1)
    }
    return .categorical(codes: codes, levels: levels)
}

/// Element-wise `|actual − expected| ≤ absolute + relative·|expected|`, reported at the caller with the
/// worst element.
public func assertClose(_ actual: [Double], _ expected: [Double], relative: Double = 0, absolute: Double = 0,
                 _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        return XCTFail("\(message): \(actual.count) values, expected \(expected.count)", file: file, line: line)
    }
    let excess = zip(actual, expected).enumerated().map { index, pair in
        (index, abs(pair.0 - pair.1) - (absolute + relative * abs(pair.1)))
    }
    if let worst = excess.max(by: { $0.1 < $1.1 }), !(worst.1 <= 0) {
        XCTFail("\(message): element \(worst.0) is \(actual[worst.0]), expected \(expected[worst.0])", file: file, line: line)
    }
}
