import Foundation
import LeadData
import ScoreCardFormat
import XCTest
@testable import CardOperations

/// A one-criterion card (demo requested: 10 points), tiers hot at 10, and leads given as yes/no.
enum TinyCard {
    static let card = ScoreCard(
        name: "tiny", basePoints: 0, maximumPoints: 10,
        criteria: [
            Criterion(feature: "demo", label: "Demo", type: .boolean, conditions: [
                Condition(.value(true), points: 10, label: "demo"), Condition(.otherwise, points: 0, label: "no demo"),
            ]),
            Criterion(feature: "source", label: "Source", type: .categorical, conditions: [
                Condition(.categories(["web"]), points: 0, label: "web"), Condition(.otherwise, points: 0, label: "other"),
            ]),
        ],
        tiers: [Tier(name: "hot", minimumPoints: 10), Tier(name: "cold", minimumPoints: 0)],
        calibration: Calibration(method: "manual", table: [CalibrationEntry(points: 0, probability: 0.1), CalibrationEntry(points: 10, probability: 0.5)]))

    /// Leads with `demo` yes/no and `source` labels (and outcomes when given).
    static func leads(demo: [Bool], source: [String], converted: [UInt8]? = nil) -> Dataset {
        let levels = Array(Set(source)).sorted()
        let columns = [
            DataColumn(name: "demo", role: .boolean, values: .boolean(demo.map { $0 ? 1 : 0 }), missingCount: 0, distinctCount: 2),
            DataColumn(name: "source", role: .categorical,
                       values: .categorical(codes: source.map { Int32(levels.firstIndex(of: $0)!) }, levels: levels), missingCount: 0, distinctCount: levels.count),
        ]
        return Dataset(source: "test", columns: columns, labels: converted, outcome: nil, rowCount: demo.count)
    }
}

final class PSITests: XCTestCase {
    /// Σ (a − e) ln(a / e), computed by hand: (0.4 − 0.5) ln 0.8 + (0.4 − 0.3) ln(4/3) + 0.
    func testPSIAgainstAHandComputation() {
        let psi = populationStabilityIndex(expected: [0.5, 0.3, 0.2], actual: [0.4, 0.4, 0.2])
        XCTAssertEqual(psi, 0.1 * 0.2231435513142097 + 0.1 * 0.2876820724517809, accuracy: 1e-15)
        XCTAssertEqual(psi, 0.051082562, accuracy: 1e-9)
        XCTAssertEqual(populationStabilityIndex(expected: [0.5, 0.5], actual: [0.5, 0.5]), 0)
    }

    /// An empty baseline bin counts as the 0.0001 floor: (0.9 − 1) ln 0.9 + (0.1 − 0.0001) ln(0.1 / 0.0001).
    func testEmptyBinCountsAsTheFloor() {
        let psi = populationStabilityIndex(expected: [1, 0], actual: [0.9, 0.1])
        XCTAssertEqual(psi, 0.1 * 0.10536051565782628 + 0.0999 * 6.907755278982137, accuracy: 1e-12)
    }

    /// Decile buckets never split a total, and cut where the cumulative share passes each tenth.
    func testTotalBucketsFollowTheBaselineDeciles() {
        let bins = PSIBins(totals: [(0, 0.05), (1, 0.05), (2, 0.3), (3, 0.1), (5, 0.5)])
        XCTAssertEqual(bins.lower, [0, 2, 3, 5])
        XCTAssertEqual(bins.bucket(of: -4), 0)
        XCTAssertEqual(bins.bucket(of: 4), 2)
        XCTAssertEqual(bins.bucket(of: 99), 3)
        XCTAssertEqual(bins.shares(of: [0, 1, 2, 4, 4, 9, 9, 9]), [0.25, 0.125, 0.25, 0.375])
    }

    /// Training: 2 of 10 leads with a demo; now: 5 of 10. The criterion's and the total's PSI are both
    /// (0.5 − 0.2) ln(0.5 / 0.2) + (0.5 − 0.8) ln(0.5 / 0.8), by hand 0.4158883; a major shift: retrain.
    func testMonitorPSIOfTotalAndCriterionAgainstAHandComputation() throws {
        let training = TinyCard.leads(demo: [true, true] + Array(repeating: false, count: 8), source: Array(repeating: "web", count: 10))
        let baseline = try baselineDistribution(TinyCard.card, leads: training)
        XCTAssertEqual(baseline.totals, [TotalShare(points: 0, share: 0.8), TotalShare(points: 10, share: 0.2)])
        XCTAssertEqual(baseline.criteria[0].shares, [0.2, 0.8])
        let now = TinyCard.leads(demo: Array(repeating: true, count: 5) + Array(repeating: false, count: 5),
                                 source: Array(repeating: "web", count: 8) + ["chatbot", "<script>"])
        let report = try CardMonitor().check(try CardLeads(card: TinyCard.card, leads: now), baseline: baseline, baselineDescription: "test")
        let hand = 0.3 * log(2.5) + 0.3 * log(1.6)
        XCTAssertEqual(hand, 0.4158883, accuracy: 1e-7)
        XCTAssertEqual(report.totalPSI, hand, accuracy: 1e-12)
        XCTAssertEqual(report.criteria[0].psi ?? 0, hand, accuracy: 1e-12)
        XCTAssertEqual(report.tiers.map(\.then), [0.2, 0.8])
        XCTAssertEqual(report.tiers.map(\.now), [0.5, 0.5])
        // Two leads have a source no training lead had: 20 % ≥ 5 %.
        XCTAssertEqual(report.criteria[1].unseenCategories, 2)
        XCTAssertEqual(report.criteria[1].unseenExamples, ["<script>", "chatbot"])
        XCTAssertEqual(report.verdict, .retrain)
        XCTAssertTrue(report.reasons.contains { $0.text.contains("PSI of the total 0.416") })
    }

    func testSameLeadsAreStable() throws {
        let leads = TinyCard.leads(demo: [true, false, false, false], source: ["web", "web", "partner", "web"])
        let baseline = try baselineDistribution(TinyCard.card, leads: leads)
        XCTAssertEqual(baseline.criteria[1].otherwiseCategories, ["partner"])
        let report = try CardMonitor().check(try CardLeads(card: TinyCard.card, leads: leads), baseline: baseline, baselineDescription: "same")
        XCTAssertEqual(report.totalPSI, 0)
        XCTAssertEqual(report.criteria[1].unseenCategories, 0, "a training category the card lumps into otherwise is not unseen")
        XCTAssertEqual(report.verdict, .ok)
        XCTAssertTrue(report.reasons.isEmpty)
    }

    /// A moderate shift (PSI between 0.1 and 0.25) asks for recalibration, not retraining.
    func testModerateShiftRecalibrates() throws {
        let training = TinyCard.leads(demo: Array(repeating: true, count: 20) + Array(repeating: false, count: 80), source: Array(repeating: "web", count: 100))
        let now = TinyCard.leads(demo: Array(repeating: true, count: 35) + Array(repeating: false, count: 65), source: Array(repeating: "web", count: 100))
        let baseline = try baselineDistribution(TinyCard.card, leads: training)
        let report = try CardMonitor().check(try CardLeads(card: TinyCard.card, leads: now), baseline: baseline, baselineDescription: "t")
        XCTAssertEqual(report.totalPSI, 0.15 * log(0.35 / 0.2) + 0.15 * log(0.8 / 0.65), accuracy: 1e-12)
        XCTAssertEqual(report.verdict, .recalibrate)
    }
}

final class MonitorTextTests: XCTestCase {
    /// A category holding a terminal escape sequence is shown, not sent to the terminal.
    func testControlCharactersFromTheDataAreShownEscaped() throws {
        let training = TinyCard.leads(demo: [true, false], source: ["web", "web"])
        let now = TinyCard.leads(demo: [true, false], source: ["web", "\u{1B}[2J"])
        let report = try CardMonitor().check(try CardLeads(card: TinyCard.card, leads: now),
                                             baseline: try baselineDistribution(TinyCard.card, leads: training), baselineDescription: "t")
        let text = report.text()
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B })
        XCTAssertTrue(text.contains("\"\\u{1B}[2J\""), text)
    }
}
