import Benchmark
import LeadData
import MicroSupport

// Loading a CRM export: `Dataset.load(csv:options:)` on a synthetic file (SyntheticLeads, written once in
// setup, so it is in the page cache), roles inferred, `converted` as outcome, as `leadscore train` loads.
// One iteration loads the whole file; `rows/s` and `MB/s` are that load's rate.

let rows = 1_000_000

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: standardMetrics + [.peakMemoryResidentDelta, rate("rows/s"), rate("MB/s"), count("file MB")],
        warmupIterations: 1,
        maxDuration: .seconds(8),
        maxIterations: 5
    )

    Benchmark("Dataset.load(csv:) 1M leads x 18 columns, target converted, \(cores) cores") { benchmark, file in
        benchmark.startMeasurement()
        let (dataset, time) = try timed { try Dataset.load(csv: file.path, options: LoadOptions(target: "converted")) }
        withExtendedLifetime(dataset) {
            benchmark.stopMeasurement()
        }
        guard dataset.rowCount == rows else { benchmark.error("loaded \(dataset.rowCount) rows, not \(rows)"); return }
        blackHole(dataset)
        record(benchmark, rate("rows/s"), Double(dataset.rowCount), per: time)
        recordFile(benchmark, bytes: file.bytes, per: time)
    } setup: {
        try SyntheticData.csvFile(rows: rows)
    } teardown: {
        SyntheticData.removeFiles()
    }
}
