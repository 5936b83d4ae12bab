import Foundation
import LeadCSV
import RuleScoring
import XCTest

/// Leads scored per second on one core, from rows already parsed: run with `LEADSCORE_BENCH=1` and a
/// release build (`swift test -c release --filter ThroughputTests`). The target is ≥ 1 000 000 a second.
/// Timed in this thread's CPU time, so other work on the machine does not count against it.
final class ThroughputTests: XCTestCase {
    func testScoringThroughput() throws {
        guard ProcessInfo.processInfo.environment["LEADSCORE_BENCH"] == "1" else {
            throw XCTSkip("set LEADSCORE_BENCH=1 to measure")
        }
        for (cardPath, dataPath) in DataSetAgreementTests.cases {
            let scorer = try RuleScorer(path: repositoryPath(cardPath))
            var reader = try CSVReader(path: repositoryPath(dataPath))
            let rows = scorer.rowScorer(header: reader.header)
            var records: [[String]] = []
            while try reader.nextRecord() { records.append(reader.record) }
            let passes = max(1, 2_000_000 / records.count)
            var checksum = 0
            let start = threadCPUSeconds()
            for _ in 0..<passes {
                for record in records { checksum &+= rows.total(record) }
            }
            let rate = Double(passes * records.count) / (threadCPUSeconds() - start)
            print("scoring \(dataPath) with \(scorer.card.criteria.count) criteria: \(Int(rate)) leads/s from [String] rows (checksum \(checksum))")
            XCTAssertGreaterThan(checksum, 0)

            let fileStart = threadCPUSeconds()
            var fileLeads = 0
            for _ in 0..<10 {
                var file = try CSVReader(path: repositoryPath(dataPath))
                while try file.nextRecord() {
                    checksum &+= rows.total(fieldAt: { file.field($0) })
                    fileLeads += 1
                }
            }
            let fileRate = Double(fileLeads) / (threadCPUSeconds() - fileStart)
            print("scoring \(dataPath): \(Int(fileRate)) leads/s including CSV parsing (checksum \(checksum))")
        }
    }
}

private func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
