import Engagement
import XCTest

/// The fit × engagement grid by hand.
final class FitEngagementMatrixTests: XCTestCase {
    func testBandsCountsAndConversionByHand() {
        // Fit 10…90 (nine leads, a third per band); engagement: five leads with 0, then 4, 4, 8, 12.
        let fit = [90, 80, 70, 60, 50, 40, 30, 20, 10]
        let engagement = [12, 0, 4, 8, 0, 0, 4, 0, 0]
        let converted = [true, false, true, true, false, false, true, false, false]
        let matrix = FitEngagementMatrix(fit: fit, engagement: engagement, converted: converted)
        // Fit: top third ends at 70, two thirds at 40.
        XCTAssertEqual(matrix.fitFloors, [70, 40, .min])
        // Engagement sorted 12, 8, 4, 4, 0, 0, 0, 0, 0: the top third would split the two 4s, so it ends at 8;
        // two thirds would split the zeros, so the second band ends at 4.
        XCTAssertEqual(matrix.engagementFloors, [8, 4, .min])
        XCTAssertEqual(FitEngagementMatrix.range(band: 0, floors: matrix.fitFloors, top: matrix.fitTop), "70–90")
        XCTAssertEqual(FitEngagementMatrix.range(band: 1, floors: matrix.fitFloors, top: matrix.fitTop), "40–69")
        XCTAssertEqual(FitEngagementMatrix.range(band: 2, floors: matrix.fitFloors, top: matrix.fitTop), "up to 39")
        XCTAssertEqual(FitEngagementMatrix.range(band: 0, floors: matrix.engagementFloors, top: matrix.engagementTop), "8–12")
        XCTAssertEqual(FitEngagementMatrix.range(band: 1, floors: matrix.engagementFloors, top: matrix.engagementTop), "4–7")
        // A: 90 (12 → 1, converted), 70 (4 → 2, converted), 80 (0 → 3).
        XCTAssertEqual(matrix.cells[0], [.init(leads: 1, converted: 1), .init(leads: 1, converted: 1), .init(leads: 1, converted: 0)])
        // B: 60 (8 → 1, converted), 50 and 40 (0 → 3).
        XCTAssertEqual(matrix.cells[1], [.init(leads: 1, converted: 1), .init(leads: 0, converted: 0), .init(leads: 2, converted: 0)])
        // C: 30 (4 → 2, converted), 20 and 10 (0 → 3).
        XCTAssertEqual(matrix.cells[2], [.init(leads: 0, converted: 0), .init(leads: 1, converted: 1), .init(leads: 2, converted: 0)])
        XCTAssertEqual(matrix.cells[1][2].conversionRate, 0)
        XCTAssertNil(matrix.cells[1][1].conversionRate)
        XCTAssertEqual(FitEngagementMatrix.name(fitBand: 2, engagementBand: 0), "C1")
    }

    func testTiedPointsShareABandAndLeaveTheNextEmpty() {
        // Eight of nine leads have no engagement points: they stay together in band 3, and band 2 is empty.
        let engagement = [30, 0, 0, 0, 0, 0, 0, 0, 0]
        let matrix = FitEngagementMatrix(fit: Array(1...9), engagement: engagement, converted: Array(repeating: false, count: 9))
        XCTAssertEqual(matrix.engagementFloors, [30, .max, .min])
        XCTAssertEqual(matrix.cells.map { $0.map(\.leads).reduce(0, +) }, [3, 3, 3])
        XCTAssertEqual(matrix.cells.reduce(0) { $0 + $1[0].leads }, 1)
        XCTAssertEqual(matrix.cells.reduce(0) { $0 + $1[1].leads }, 0)
        XCTAssertEqual(FitEngagementMatrix.range(band: 2, floors: matrix.engagementFloors, top: matrix.engagementTop), "up to 29")
        XCTAssertNil(FitEngagementMatrix.range(band: 1, floors: matrix.engagementFloors, top: matrix.engagementTop))
    }
}
