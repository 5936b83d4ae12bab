import XCTest
import LeadData
import ModelCore
@testable import PointExport

/// How far `EdgeRounding` moves a learned cut: to the round number when the move costs at most one nat of
/// log loss over all the leads (Akaike's price of the cut's fitted position), not when it costs more.
/// The costs are computed here by hand from the label counts, independently of the code under test.
final class EdgeRoundingTests: XCTestCase {
    /// 10 000 leads, 100 of each whole number of visits 0…99: 30 % convert below 38 and 35 % from 40 on;
    /// of the 200 leads at 38 and 39, `bandPositives` convert. The learned card cuts at 37.5 (0 points
    /// below, 10 from 38 on), and the roundest cut nearby that keeps the high condition's leads is 40.
    private func leads(bandPositives: Int) -> Dataset {
        var visits: [Double] = []
        var labels: [UInt8] = []
        for value in 0..<100 {
            let positives = value < 38 ? 30 : value < 40 ? bandPositives / 2 + (value == 38 ? bandPositives % 2 : 0) : 35
            for lead in 0..<100 {
                visits.append(Double(value))
                labels.append(lead < positives ? 1 : 0)
            }
        }
        let column = DataColumn(name: "visits", role: .numeric, values: .numeric(visits), missingCount: 0, distinctCount: 100)
        return Dataset(source: "test", columns: [column], labels: labels, outcome: nil, rowCount: visits.count)
    }

    private func learnedCard() -> PointModel {
        let shape = PointedShape(feature: "visits", role: .numeric, pieces: [
            PointedPiece(condition: .interval(lower: -.infinity, upper: 37.5), points: 0, shiftedLogOdds: 0),
            PointedPiece(condition: .interval(lower: 37.5, upper: .infinity), points: 10, shiftedLogOdds: 0.2),
            PointedPiece(condition: .missing, points: 0, shiftedLogOdds: 0),
        ], zeroLogOdds: 0)
        return PointModel(basePoints: 0, shapes: [shape], maximum: 10, droppedFeatures: [], pointsPerLogOdds: 50)
    }

    /// The log loss (nats, summed over all leads) that moving the band 38–39 from the high condition to the
    /// low one adds, with each condition's probability at its own conversion rate (the maximum-likelihood
    /// link through two totals).
    private func handCost(_ data: Dataset) -> Double {
        guard case .numeric(let visits)? = data.column(named: "visits")?.values, let labels = data.labels else { return .nan }
        let low = visits.indices.filter { visits[$0] < 38 }, high = visits.indices.filter { visits[$0] >= 38 }
        let rate = { (rows: [Int]) in Double(rows.reduce(0) { $0 + Int(labels[$1]) }) / Double(rows.count) }
        let (p0, p1) = (rate(low), rate(high))
        return visits.indices.filter { visits[$0] >= 38 && visits[$0] < 40 }.reduce(0.0) { sum, row in
            sum + (labels[row] == 1 ? log(p1 / p0) : log((1 - p1) / (1 - p0)))
        }
    }

    private func cut(after rounding: PointModel) -> Double? {
        guard case .interval(_, let upper) = rounding.shapes[0].pieces[0].condition else { return nil }
        return upper
    }

    /// A move costing 0.7 nats (more than the per-lead tolerance's 0.1 on 10 000 leads, which kept the
    /// cut at 38 before the one-nat allowance) goes to 40.
    func testAMoveCostingUnderOneNatGoesToTheRoundNumber() throws {
        let data = leads(bandPositives: 68)
        let cost = handCost(data)
        XCTAssertGreaterThan(cost, 0.3)
        XCTAssertLessThan(cost, 1)
        var points = learnedCard()
        EdgeRounding().apply(&points, on: data, training: data, sentinels: [:])
        XCTAssertEqual(cut(after: points), Double(40).nextDown)
        XCTAssertEqual(points.shapes[0].pieces.map(\.points), [0, 10, 0])
    }

    /// A move costing 1.6 nats is measurable: the cut stays where it was learned, written as the whole number
    /// in its gap ("0–37", "38+"), which costs nothing.
    func testAMoveCostingMoreThanOneNatKeepsTheLearnedCut() throws {
        let data = leads(bandPositives: 72)
        let cost = handCost(data)
        XCTAssertGreaterThan(cost, 1.2)
        var points = learnedCard()
        EdgeRounding().apply(&points, on: data, training: data, sentinels: [:])
        XCTAssertEqual(cut(after: points), Double(38).nextDown)
    }

    /// The allowance is a parameter: priced at 0.1 nats, the cheap move of the first test is refused too.
    func testTheParameterPriceIsTheLimit() throws {
        let data = leads(bandPositives: 68)
        var points = learnedCard()
        var rounding = EdgeRounding()
        rounding.parameterPrice = 0.1
        rounding.apply(&points, on: data, training: data, sentinels: [:])
        XCTAssertEqual(cut(after: points), Double(38).nextDown)
    }
}
