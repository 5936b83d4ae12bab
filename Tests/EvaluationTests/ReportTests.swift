import Foundation
import TestSupport
import XCTest
import Evaluation

/// MetricSet, the cross-validation summary and the Codable report with its text rendering.
final class ReportTests: XCTestCase {
    /// Probabilities from a single-feature "model" on seeded synthetic leads.
    func predictions(_ name: String, rows: Int, seed: UInt64) -> SplitPredictions {
        var rng = SplitMix64(seed: seed)
        var probabilities: [Double] = [], outcomes: [UInt8] = []
        for _ in 0..<rows {
            let visits = Double(Int(rng.uniform() * 10))
            let p = 1 / (1 + exp(-(0.4 * visits - 2)))
            outcomes.append(rng.bernoulli(p))
            probabilities.append(((p * 100).rounded()) / 100)
        }
        return SplitPredictions(name: name, probabilities: probabilities, outcomes: outcomes)
    }

    func testMetricSetAgreesWithTheSingleMetrics() throws {
        let split = predictions("test", rows: 500, seed: 1)
        let set = try MetricSet(probabilities: split.probabilities, outcomes: split.outcomes)
        let (p, y) = (split.probabilities, split.outcomes)
        XCTAssertEqual(set.auc, try rocAUC(scores: p, outcomes: y))
        XCTAssertEqual(set.averagePrecision, try averagePrecision(scores: p, outcomes: y))
        XCTAssertEqual(set.logLoss, try logLoss(probabilities: p, outcomes: y))
        XCTAssertEqual(set.brier, try brierScore(probabilities: p, outcomes: y))
        XCTAssertEqual(set.ece, try expectedCalibrationError(probabilities: p, outcomes: y, bins: 10))
        XCTAssertEqual(set.ks, try ksStatistic(scores: p, outcomes: y))
        XCTAssertEqual(set.rows, 500)
        XCTAssertEqual(set.positives, y.reduce(0) { $0 + Int($1) })
        assertClose(set.positiveRate, Double(set.positives) / 500)
    }

    func testMetricSetRejectsSingleClass() {
        assertThrows(EvaluationError.singleClass(positives: 0, negatives: 2)) { () throws(EvaluationError) in
            try MetricSet(probabilities: [0.1, 0.2], outcomes: [0, 0])
        }
    }

    func testCrossValidationMeanAndSampleStandardDeviation() throws {
        let folds = [0.7, 0.8, 0.9].map {
            MetricSet(auc: $0, averagePrecision: $0, logLoss: 1 - $0, brier: 0.2, ece: 0.01, ks: 0.4,
                      positives: 10, rows: 100, positiveRate: 0.1)
        }
        let summary = try CrossValidationSummary(folds: folds)
        assertClose(summary.auc.mean, 0.8)
        assertClose(summary.auc.standardDeviation, 0.1)  // √((0.01 + 0 + 0.01) / 2)
        assertClose(summary.logLoss.mean, 0.2)
        assertClose(summary.brier.standardDeviation, 0)  // up to rounding of the mean of three 0.2s
        assertThrows(EvaluationError.tooFewFolds(1)) { () throws(EvaluationError) in
            try CrossValidationSummary(folds: [folds[0]])
        }
    }

    func makeReport() throws -> EvaluationReport {
        let splits = [predictions("train", rows: 600, seed: 1), predictions("validation", rows: 200, seed: 2),
                      predictions("test", rows: 200, seed: 3)]
        let folds = try (4..<9).map { seed in
            let fold = predictions("fold", rows: 200, seed: UInt64(seed))
            return try MetricSet(probabilities: fold.probabilities, outcomes: fold.outcomes)
        }
        return try EvaluationReport(splitMethod: "stratified random 60/20/20", seed: 42, predictions: splits,
                                    crossValidation: try CrossValidationSummary(folds: folds))
    }

    func testReportJSONRoundTrips() throws {
        let report = try makeReport()
        XCTAssertEqual(report.splits.map(\.name), ["train", "validation", "test"])
        XCTAssertEqual(report.splits.map(\.rows), [600, 200, 200])
        XCTAssertEqual(report.splits[2].lift.groups.count, 10)
        let data = try report.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssert(text.contains("\"splitMethod\" : \"stratified random 60/20/20\""))
        XCTAssert(text.contains("\"seed\" : 42"))
        XCTAssertFalse(text.lowercased().contains("nan"))
        XCTAssertEqual(try EvaluationReport(jsonData: data), report)
    }

    func testReportNamesTheFailingSplit() {
        let good = predictions("train", rows: 100, seed: 1)
        let bad = SplitPredictions(name: "test", probabilities: [0.2, 0.3], outcomes: [0, 0])
        assertThrows(EvaluationError.inSplit("test", .singleClass(positives: 0, negatives: 2))) { () throws(EvaluationError) in
            try EvaluationReport(splitMethod: "time-ordered by created_at", seed: nil, predictions: [good, bad])
        }
    }

    func testTiersAppearInReportWhenGiven() throws {
        var split = predictions("test", rows: 300, seed: 5)
        let tierOfRow = split.probabilities.map { $0 >= 0.6 ? 0 : ($0 >= 0.3 ? 1 : 2) }
        split.tiers = TierAssignment(tierOfRow: tierOfRow, names: ["A", "B", "C"])
        let report = try EvaluationReport(splitMethod: "time-ordered by created_at", seed: nil, predictions: [split])
        let tiers = try XCTUnwrap(report.splits[0].tiers)
        XCTAssertEqual(tiers, try tierTable(tiers: tierOfRow, names: ["A", "B", "C"], outcomes: split.outcomes))
        XCTAssertEqual(tiers.tiers.map(\.rows).reduce(0, +), 300)
        XCTAssert(report.renderTable().contains("Tiers — test, conversion rate with 95 % Wilson interval"))
        XCTAssertFalse(report.renderTable().contains("seed"))
        XCTAssertEqual(try EvaluationReport(jsonData: report.jsonData()), report)
        // Without tiers the field is absent rather than null-filled.
        let plain = try EvaluationReport(splitMethod: "x", seed: nil, predictions: [predictions("test", rows: 50, seed: 6)])
        XCTAssertFalse(String(decoding: try plain.jsonData(), as: UTF8.self).contains("\"tiers\""))
    }

    func testTableRenderingIsAligned() throws {
        let report = try makeReport()
        let text = report.renderTable()
        XCTAssert(text.hasPrefix("Evaluation — split: stratified random 60/20/20, seed 42\n"))
        for name in ["train", "validation", "test"] {
            XCTAssert(text.contains("Reliability — \(name)"))
            XCTAssert(text.contains("Lift — \(name)"))
        }
        XCTAssert(text.contains("Cross-validation — 5 folds"))
        // Summary table: header, rule and one line per split, all the same width (right-aligned last column).
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("split") })
        let block = lines[header...(header + 4)]
        XCTAssertEqual(Set(block.map(\.count)).count, 1, "summary lines differ in width:\n\(block.joined(separator: "\n"))")
        // The AUC column's header ends exactly where its numbers end.
        let aucEnd = block[header].range(of: "AUC")!.upperBound
        let offset = block[header].distance(from: block[header].startIndex, to: aucEnd)
        let testLine = block[header + 4]
        let auc = String(format: "%.4f", report.splits[2].metrics.auc)
        let end = testLine.index(testLine.startIndex, offsetBy: offset)
        XCTAssertEqual(String(testLine[testLine.index(end, offsetBy: -auc.count)..<end]), auc)
    }
}
