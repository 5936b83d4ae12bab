import Evaluation
import XCTest

/// `pointBands`: tied totals never split, bands of about a tenth, checked against counts done by hand.
final class PointBandTests: XCTestCase {
    func testTiedTotalsStayInOneBandAndRangesDoNotOverlap() {
        // 10 leads: totals 9, 8, 8, 8, 5, 5, 3, 3, 3, 3; converted 1, 1, 0, 1, 0, 1, 0, 0, 0, 0 (4 of 10).
        let totals = [9, 8, 8, 8, 5, 5, 3, 3, 3, 3]
        let outcomes: [UInt8] = [1, 1, 0, 1, 0, 1, 0, 0, 0, 0]
        // Fifths (boundaries at 2, 4, 6, 8 leads): 9 (1 lead) opens band 1; the three 8s lie at 1…4, their
        // middle (2.5) past the boundary 2, so they open band 2; the 5s (4…6, middle 5) pass it too and open
        // band 3, whose boundary is 6; the 3s (6…10, middle 8) open band 4. Four bands, not five.
        let bands = pointBands(totals: totals, outcomes: outcomes, groups: 5)
        XCTAssertEqual(bands.map { [$0.highest, $0.lowest, $0.leads, $0.converted] }, [[9, 9, 1, 1], [8, 8, 3, 2], [5, 5, 2, 1], [3, 3, 4, 0]])
        XCTAssertEqual(bands.map(\.cumulativeGain), [0.25, 0.75, 1, 1])
        XCTAssertEqual(bands[1].lift, (2.0 / 3) / 0.4, accuracy: 1e-12)
        for (upper, lower) in zip(bands, bands.dropFirst()) { XCTAssertLessThan(lower.highest, upper.lowest) }
    }

    func testDistinctTotalsMakeEqualTenths() {
        let totals = Array(1...100)
        let outcomes = totals.map { UInt8($0 % 3 == 0 ? 1 : 0) }
        let bands = pointBands(totals: totals, outcomes: outcomes)
        XCTAssertEqual(bands.map(\.leads), Array(repeating: 10, count: 10))
        XCTAssertEqual(bands.first.map { [$0.lowest, $0.highest] }, [91, 100])
        XCTAssertEqual(bands.last.map { [$0.lowest, $0.highest] }, [1, 10])
    }
}
