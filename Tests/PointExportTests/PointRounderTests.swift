import XCTest
import LeadData
import ModelCore
@testable import PointExport

final class PointRounderTests: XCTestCase {
    /// The synthetic generator's true model as an `AdditiveModel`: the ideal input of the rounder.
    static func truthModel() -> AdditiveModel {
        let truth = SyntheticLeads.truth
        let shapes = truth.effects.map { effect -> FeatureShape in
            if let steps = effect.steps {
                var lower = -Double.infinity
                var pieces: [ShapePiece] = []
                for step in steps {
                    let upper = step.upTo ?? .infinity
                    pieces.append(ShapePiece(.interval(lower: lower, upper: upper), logOdds: step.logOdds))
                    lower = upper
                }
                return FeatureShape(feature: effect.feature, role: .numeric, pieces: pieces + [ShapePiece(.missing, logOdds: effect.missing)])
            }
            let levels = effect.levels!
            if Set(levels.keys) == ["yes", "no"] {
                return FeatureShape(feature: effect.feature, role: .boolean, pieces: [
                    ShapePiece(.interval(lower: -.infinity, upper: 0.5), logOdds: levels["no"]!),
                    ShapePiece(.interval(lower: 0.5, upper: .infinity), logOdds: levels["yes"]!),
                    ShapePiece(.missing, logOdds: effect.missing)])
            }
            return FeatureShape(feature: effect.feature, role: .categorical,
                                pieces: levels.keys.sorted().map { ShapePiece(.categories([$0]), logOdds: levels[$0]!) }
                                    + [ShapePiece(.missing, logOdds: effect.missing), ShapePiece(.otherwise, logOdds: 0)])
        }
        return AdditiveModel(intercept: truth.intercept, shapes: shapes)
    }

    private func dataset(_ columns: [(String, [Double])], labels: [UInt8]) -> Dataset {
        Dataset(source: "test", columns: columns.map {
            DataColumn(name: $0.0, role: .numeric, values: .numeric($0.1), missingCount: 0, distinctCount: Set($0.1).count)
        }, labels: labels, outcome: nil, rowCount: labels.count)
    }

    func testProportionalLogOddsGiveExactPoints() throws {
        // Spans 1.2 and 0.9 on a 7-point scale: a factor of 7/2.1, so A → 0, 2, 4 and B → 0, 3 exactly.
        let model = AdditiveModel(intercept: -1, shapes: [
            FeatureShape(feature: "a", role: .numeric, pieces: [
                ShapePiece(.interval(lower: -.infinity, upper: 1), logOdds: 0.1),
                ShapePiece(.interval(lower: 1, upper: 2), logOdds: 0.7),
                ShapePiece(.interval(lower: 2, upper: .infinity), logOdds: 1.3),
                ShapePiece(.missing, logOdds: 0.1)]),
            FeatureShape(feature: "b", role: .numeric, pieces: [
                ShapePiece(.interval(lower: -.infinity, upper: 0), logOdds: -0.4),
                ShapePiece(.interval(lower: 0, upper: .infinity), logOdds: 0.5),
                ShapePiece(.missing, logOdds: -0.4)]),
        ])
        let data = dataset([("a", [0, 1.5, 3, 3, 0, 1.5]), ("b", [-1, 1, -1, 1, 1, -1])], labels: [0, 0, 1, 1, 0, 1])
        let card = try PointRounder(scale: PointScale(maximum: 7, roundingSweeps: 0)).round(model, on: data)
        XCTAssertEqual(card.basePoints, 0)
        // Equal neighbours merge: a's first interval and missing stay apart, b is a two-step.
        XCTAssertEqual(card.shapes[0].pieces.map(\.points), [0, 2, 4, 0])
        XCTAssertEqual(card.shapes[1].pieces.map(\.points), [0, 3, 0])
        XCTAssertEqual(card.reachableTotals, [0, 2, 3, 4, 5, 7])
        XCTAssertEqual(card.totals(data), [0, 5, 4, 7, 3, 2])
    }

    func testTrueModelRoundsToTheExactScaleAndRankingSurvives() throws {
        let (data, probabilities) = SyntheticLeads(rows: 20000, seed: 5).generate()
        let model = Self.truthModel()
        let card = try PointRounder(scale: PointScale(maximum: 100)).round(model, on: data)
        XCTAssertEqual(card.minimumTotal, 0)
        XCTAssertEqual(card.maximumTotal, 100)
        XCTAssertEqual(card.droppedFeatures, ["industry"], "industry has no effect in the truth")
        for shape in card.shapes { XCTAssertEqual(shape.minimumPoints, 0, shape.feature) }
        // Totals rank leads like the true probabilities: rank correlation close to 1.
        let totals = card.totals(data).map(Double.init)
        XCTAssertGreaterThan(spearman(totals, probabilities), 0.98)
    }

    func testCoordinateRoundingComesCloserToTheModelThanNaiveRounding() throws {
        let (data, _) = SyntheticLeads(rows: 20000, seed: 6).generate()
        let (fresh, _) = SyntheticLeads(rows: 20000, seed: 16).generate()
        let model = Self.truthModel()
        for maximum in [10, 25, 100] {
            let naive = try PointRounder(scale: PointScale(maximum: maximum, roundingSweeps: 0)).round(model, on: data)
            let tuned = try PointRounder(scale: PointScale(maximum: maximum)).round(model, on: data)
            XCTAssertEqual(tuned.maximumTotal, maximum)
            XCTAssertLessThanOrEqual(distance(tuned.totals(data), model.logOdds(data)),
                                     distance(naive.totals(data), model.logOdds(data)) + 1e-12, "scale \(maximum), training leads")
            // Points moved towards the model on training leads stay closer to it on new leads.
            XCTAssertLessThanOrEqual(distance(tuned.totals(fresh), model.logOdds(fresh)),
                                     distance(naive.totals(fresh), model.logOdds(fresh)) * 1.01, "scale \(maximum), new leads")
        }
    }

    /// Mean squared gap between the model's log-odds and the best line `a + b·total`, weighted by p(1 − p),
    /// from the 2×2 normal equations.
    private func distance(_ totals: [Int], _ logOdds: [Double]) -> Double {
        var s = [Double](repeating: 0, count: 6)  // Σw, Σwt, Σwtt, Σwy, Σwty, Σwyy
        for (total, z) in zip(totals, logOdds) {
            let p = 1 / (1 + exp(-z)), w = p * (1 - p), t = Double(total)
            s[0] += w; s[1] += w * t; s[2] += w * t * t; s[3] += w * z; s[4] += w * t * z; s[5] += w * z * z
        }
        let b = (s[0] * s[4] - s[1] * s[3]) / (s[0] * s[2] - s[1] * s[1])
        let a = (s[3] - b * s[1]) / s[0]
        var gap = 0.0
        for (total, z) in zip(totals, logOdds) {
            let p = 1 / (1 + exp(-z))
            gap += p * (1 - p) * (a + b * Double(total) - z) * (a + b * Double(total) - z)
        }
        return gap / s[0]
    }

    func testScalingToTheBestTrainingLeadSpendsMorePointsAndCapsTheRest() throws {
        let (data, _) = SyntheticLeads(rows: 20000, seed: 9).generate()
        let (fresh, _) = SyntheticLeads(rows: 20000, seed: 19).generate()
        let model = Self.truthModel()
        let everyCombination = try PointRounder(scale: PointScale(maximum: 100, reach: .everyCombination)).round(model, on: data)
        let trainingLeads = try PointRounder(scale: PointScale(maximum: 100, reach: .trainingLeads)).round(model, on: data)
        // The old scale: criteria's best points add up to the maximum, so no sum goes past it.
        XCTAssertEqual(everyCombination.shapes.reduce(0) { $0 + $1.maximumPoints }, 100)
        // No generated lead has every best condition, so scaling to the best of them gives more points per log-odds…
        XCTAssertGreaterThan(trainingLeads.pointsPerLogOdds, everyCombination.pointsPerLogOdds * 1.1)
        let sums = trainingLeads.sums(criterionPoints: trainingLeads.criterionPoints(data), rowCount: data.rowCount)
        XCTAssertEqual(Double(sums.max()!), 100, accuracy: Double(trainingLeads.shapes.count) / 2, "the best training lead reaches the top")
        // …a lead beyond every training lead is capped at the maximum, as the card's scorer does…
        XCTAssertGreaterThan(trainingLeads.shapes.reduce(0) { $0 + $1.maximumPoints }, 100)
        XCTAssertEqual(trainingLeads.maximumTotal, 100)
        XCTAssertTrue(trainingLeads.totals(fresh).allSatisfy { (0...100).contains($0) })
        // …and the finer points follow the model more closely on new leads.
        XCTAssertLessThan(distance(trainingLeads.totals(fresh), model.logOdds(fresh)),
                          distance(everyCombination.totals(fresh), model.logOdds(fresh)))
    }

    func testNegativePointsKeepTotalsWithinTheScale() throws {
        let (data, _) = SyntheticLeads(rows: 5000, seed: 7).generate()
        let card = try PointRounder(scale: PointScale(maximum: 100, allowNegative: true)).round(Self.truthModel(), on: data)
        XCTAssertEqual(card.minimumTotal, 0)
        XCTAssertEqual(card.maximumTotal, 100)
        XCTAssertGreaterThan(card.basePoints, 0)
        let recency = card.shapes.first { $0.feature == "days_since_last_activity" }!
        XCTAssertLessThan(recency.minimumPoints, 0, "inactivity takes points away")
        XCTAssertTrue(card.totals(data).allSatisfy { (0...100).contains($0) })
    }

    func testMaxCriteriaKeepsTheStrongest() throws {
        let (data, _) = SyntheticLeads(rows: 5000, seed: 8).generate()
        let card = try PointRounder(scale: PointScale(maximum: 100, maxCriteria: 3)).round(Self.truthModel(), on: data)
        XCTAssertEqual(card.shapes.count, 3)
        // lead_source, job_level and demo_requested vary the log-odds most across these leads.
        XCTAssertEqual(Set(card.shapes.map(\.feature)), ["lead_source", "job_level", "demo_requested"])
    }

    private func spearman(_ x: [Double], _ y: [Double]) -> Double {
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { v[$0] < v[$1] }
            var r = [Double](repeating: 0, count: v.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count, v[order[j + 1]] == v[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 }
                i = j + 1
            }
            return r
        }
        let (rx, ry) = (ranks(x), ranks(y))
        let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
        let cov = zip(rx, ry).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let vx = rx.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, vy = ry.reduce(0) { $0 + ($1 - my) * ($1 - my) }
        return cov / (vx * vy).squareRoot()
    }
}
