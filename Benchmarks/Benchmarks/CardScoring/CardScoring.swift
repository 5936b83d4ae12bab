import Benchmark
import Dispatch
import Foundation
import LeadData
import MicroSupport
import RuleScoring

// RuleScoring on 1 000 000 synthetic leads with the 8-criterion card docs/examples/synthetic-seed-practice.json.
// `RowScorer.total` over rows already parsed into `[String]` fields (made in setup): one lead per scaled
// iteration (scaling factor 1M = the row count), so the tool's throughput is leads per second and its
// malloc count is per lead. First on one thread, then the same rows split over every core with
// `DispatchQueue.concurrentPerform`; `leads/s per core` divides the all-cores rate by the core count, and
// CPU time above wall time shows how many cores the run really had (the machine is shared);
// `leads per CPU-second` is the rate per core actually used, whatever else ran.
// Last, CSV in → CSV out (`RuleScorer.scoreCSV`, one thread), what `leadscore score` does.

let leadCount = BenchmarkScalingFactor.mega.rawValue
let cardPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/examples/synthetic-seed-practice.json").path

/// The leads as parsed rows (every column, in file order) and a scorer bound to their header.
final class ParsedLeads: Sendable {
    static let shared = ParsedLeads()

    let rows: [[String]]
    let header: [String]

    private init() {
        let leads = SyntheticData.leads(rows: leadCount)
        header = leads.columns.map(\.name)
        rows = (0..<leads.rowCount).map { row in leads.columns.map { $0.formattedValue(row: row) } }
    }

    func scorer() throws -> RowScorer {
        try RuleScorer(path: cardPath).rowScorer(header: header)
    }
}

/// Each worker writes only its own slot.
struct Slots: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Int>
}

let benchmarks: @Sendable () -> Void = {
    let perCore = rate("leads/s per core")
    let perCPUSecond = rate("leads per CPU-second")
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, rate("leads/s"), perCore, perCPUSecond],
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(5),
        maxIterations: 20
    )

    Benchmark("RowScorer.total 1M parsed leads, 8 criteria, 1 thread") { benchmark, scorer in
        let leads = ParsedLeads.shared.rows
        benchmark.startMeasurement()
        var checksum = 0
        let (_, time, cpu) = timedWithCPU {
            for index in benchmark.scaledIterations {
                checksum &+= scorer.total(leads[index])
            }
        }
        benchmark.stopMeasurement()
        blackHole(checksum)
        record(benchmark, rate("leads/s"), Double(leads.count), per: time)
        record(benchmark, perCore, Double(leads.count), per: time)
        record(benchmark, perCPUSecond, Double(leads.count), per: cpu)
    } setup: {
        try ParsedLeads.shared.scorer()
    }

    // Every worker on one shared scorer, then each worker on its own scorer (its own compiled card), so
    // that workers never touch the same reference counts.
    for ownScorer in [false, true] {
        let which = ownScorer ? "one scorer per core" : "one shared scorer"
        Benchmark("RowScorer.total 1M parsed leads, 8 criteria, concurrentPerform on \(cores) cores, \(which)") { benchmark, scorers in
            let leads = ParsedLeads.shared.rows
            let count = benchmark.scaledIterations.count
            let sums = Slots(pointer: .allocate(capacity: cores))
            defer { sums.pointer.deallocate() }
            benchmark.startMeasurement()
            let (_, time, cpu) = timedWithCPU {
                DispatchQueue.concurrentPerform(iterations: cores) { worker in
                    let scorer = scorers[ownScorer ? worker : 0]
                    var checksum = 0
                    for index in (count * worker / cores)..<(count * (worker + 1) / cores) {
                        checksum &+= scorer.total(leads[index])
                    }
                    sums.pointer[worker] = checksum
                }
            }
            benchmark.stopMeasurement()
            blackHole(sums.pointer.reduce(0, &+))
            record(benchmark, rate("leads/s"), Double(count), per: time)
            record(benchmark, perCore, Double(count) / Double(cores), per: time)
            record(benchmark, perCPUSecond, Double(count), per: cpu)
        } setup: {
            try (0..<cores).map { _ in try ParsedLeads.shared.scorer() }
        }
    }

    Benchmark(
        "RuleScorer.scoreCSV 1M leads CSV in, CSV out, 8 criteria, 1 thread",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident, rate("leads/s"), rate("MB/s"), count("file MB")],
            warmupIterations: 1,
            scalingFactor: .one,
            maxDuration: .seconds(10),
            maxIterations: 5
        )
    ) { benchmark, file in
        let scorer = try RuleScorer(path: cardPath)
        let output = SyntheticData.temporaryPath("scored.csv")
        benchmark.startMeasurement()
        let (report, time) = try timed { try scorer.scoreCSV(input: file.path, output: output) }
        benchmark.stopMeasurement()
        blackHole(report)
        record(benchmark, rate("leads/s"), Double(report.rows), per: time)
        recordFile(benchmark, bytes: file.bytes, per: time)
    } setup: {
        try SyntheticData.csvFile(rows: leadCount)
    } teardown: {
        SyntheticData.removeFiles()
    }
}
