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
        // Engagement sorted 12, 8, 4, 4, 0, 0, 0, 0, 0: a third (3 leads) would split the two 4s; ends after 2 or
        // after 4 leads are as near, the smaller wins (floor 8); two thirds (6) would split the zeros: after 4
        // leads is nearer than after 9 (floor 4).
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
        // Eight of nine leads have no engagement points: they stay together in band 2 (ending after 9 leads is
        // nearer two thirds than ending after 1), and band 3 is empty. Fit: five leads at 20, four at 0.
        let engagement = [30, 0, 0, 0, 0, 0, 0, 0, 0]
        let fit = [20, 20, 20, 20, 20, 0, 0, 0, 0]
        let matrix = FitEngagementMatrix(fit: fit, engagement: engagement, converted: Array(repeating: false, count: 9))
        XCTAssertEqual(matrix.engagementFloors, [30, 0, .min])
        XCTAssertEqual(matrix.cells.map { $0.map(\.leads) }, [[1, 4, 0], [0, 0, 0], [0, 4, 0]])
        // A third of nine is 3: ending after the five 20s (5) is nearer than after none (0); two thirds (6): 5 again, so B is empty.
        XCTAssertEqual(matrix.fitFloors, [20, .max, .min])
        XCTAssertNil(FitEngagementMatrix.range(band: 1, floors: matrix.fitFloors, top: matrix.fitTop))
        XCTAssertEqual(FitEngagementMatrix.range(band: 0, floors: matrix.fitFloors, top: matrix.fitTop), "20")
        XCTAssertEqual(FitEngagementMatrix.range(band: 2, floors: matrix.fitFloors, top: matrix.fitTop), "up to 19")
    }
}
