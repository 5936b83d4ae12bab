import Foundation
import LeadCSV
import XCTest
@testable import LeadData

final class DriftingLeadsTests: XCTestCase {
    /// The conversion rate of each month, read back from the written file (dates parsed by the loader),
    /// matches the month's truth within four binomial standard errors, and the drift is real: the last
    /// month's true rate is many standard errors above the first's.
    func testBaseRatePerMonthFromTheFileMatchesTheTruth() throws {
        let (data, truth) = DriftingLeads(rows: 24_000, seed: 5).generate()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("drift-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try data.writeCSV(to: path)
        let loaded = try Dataset.load(csv: path, options: LoadOptions(target: "converted"))
        guard case .date(let seconds) = loaded.column(named: "created_at")?.values else {
            return XCTFail("created_at was not read back as a date: \(String(describing: loaded.column(named: "created_at")?.role))")
        }
        let labels = try XCTUnwrap(loaded.labels)
        var leads: [String: Int] = [:], conversions: [String: Int] = [:]
        for row in 0..<loaded.rowCount {
            let month = String(ISODate.text(daysSinceEpoch: Int(seconds[row] / 86_400)).prefix(7))
            leads[month, default: 0] += 1
            conversions[month, default: 0] += Int(labels[row])
        }
        XCTAssertEqual(truth.periods.count, 24)
        XCTAssertEqual(Set(leads.keys), Set(truth.periods.map(\.period)))
        XCTAssertEqual(truth.periods.first?.period, "2024-01")
        XCTAssertEqual(truth.periods.last?.period, "2025-12")
        for period in truth.periods {
            let n = Double(try XCTUnwrap(leads[period.period]))
            let observed = Double(conversions[period.period] ?? 0) / n
            let error = (period.expectedRate * (1 - period.expectedRate) / n).squareRoot()
            XCTAssertLessThan(abs(observed - period.expectedRate), 4 * error, "month \(period.period)")
            XCTAssertEqual(Int(n), period.leads)
        }
        let (first, last) = (truth.periods.first!, truth.periods.last!)
        let error = (first.expectedRate * (1 - first.expectedRate) / Double(first.leads)).squareRoot()
        XCTAssertGreaterThan(last.expectedRate - first.expectedRate, 10 * error)
        // Effects and distributions drift as documented: the event source reverses, demo requests weaken
        // and grow more common, chatbot leads appear only in the last third.
        XCTAssertEqual(first.truth.effect("lead_source")?.levels?["event"] ?? 0, 0.6, accuracy: 1e-12)
        XCTAssertEqual(last.truth.effect("lead_source")?.levels?["event"] ?? 0, -0.4, accuracy: 1e-12)
        XCTAssertEqual(last.truth.effect("demo_requested")?.levels?["yes"] ?? 0, 0.8, accuracy: 1e-12)
        XCTAssertEqual(first.leadSourceShares["chatbot"], 0)
        XCTAssertGreaterThan(last.leadSourceShares["chatbot"] ?? 0, 0.1)
        guard case .categorical(let codes, let levels) = loaded.column(named: "lead_source")?.values else { return XCTFail("lead_source") }
        let chatbotMonths = Set((0..<loaded.rowCount).filter { codes[$0] >= 0 && levels[Int(codes[$0])] == "chatbot" }
            .map { ISODate.text(daysSinceEpoch: Int(seconds[$0] / 86_400)).prefix(7) })
        XCTAssertEqual(chatbotMonths.min(), "2025-05")
    }

    func testSameSeedSameFileDifferentSeedDifferentFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [Data] = []
        for (index, seed) in [3, 3, 4].enumerated() {
            let path = folder.appendingPathComponent("\(index).csv").path
            try DriftingLeads(rows: 2_000, seed: UInt64(seed)).generate().dataset.writeCSV(to: path)
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        XCTAssertEqual(files[0], files[1])
        XCTAssertNotEqual(files[0], files[2])
    }

    func testDatesAreWrittenAsISODatesTheLoaderReadsBack() {
        XCTAssertEqual(ISODate.text(daysSinceEpoch: 0), "1970-01-01")
        XCTAssertEqual(ISODate.text(daysSinceEpoch: ISODate.daysSinceEpoch(year: 2024, month: 2, day: 29)), "2024-02-29")
        let column = DataColumn(name: "at", role: .date, values: .date([86_400 * 19_782 + 3_723, .nan]), missingCount: 1, distinctCount: 1)
        XCTAssertEqual(column.formattedValue(row: 0), "2024-02-29T01:02:03Z")
        XCTAssertEqual(column.formattedValue(row: 1), "")
    }
}
