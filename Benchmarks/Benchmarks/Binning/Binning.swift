import Benchmark
import FeatureEncoding
import LeadData
import MicroSupport

// FeatureEncoding's BinMapper on the numeric columns of synthetic leads (11 of them: 7 with signal, 4 noise):
// fitting the quantile edges (on a 200 000-row sample, the default) and mapping every row to its bin.

let rows = 1_000_000

struct NumericColumns {
    let dataset: Dataset
    let names: [String]
    let mapper: BinMapper

    init() throws {
        let leads = SyntheticData.leads(rows: rows)
        let numeric = leads.columns.filter { $0.role == .numeric }
        dataset = Dataset(source: "synthetic", columns: numeric, labels: leads.labels, outcome: leads.outcome, rowCount: leads.rowCount)
        names = numeric.map(\.name)
        mapper = try BinMapper(fitting: dataset, columns: names)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: standardMetrics + [rate("rows/s"), count("columns")],
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 20
    )

    Benchmark("BinMapper(fitting:) numeric columns x 1M rows, \(cores) threads") { benchmark, data in
        benchmark.startMeasurement()
        let (mapper, time) = try timed { try BinMapper(fitting: data.dataset, columns: data.names, threads: cores) }
        blackHole(mapper)
        record(benchmark, rate("rows/s"), Double(rows), per: time)
        benchmark.measurement(count("columns"), mapper.features.count)
    } setup: {
        try NumericColumns()
    }

    for threads in Set([cores, 1]).sorted(by: >) {
        Benchmark("BinMapper.transform numeric columns x 1M rows, \(threads) thread\(threads == 1 ? "" : "s")") { benchmark, data in
            benchmark.startMeasurement()
            let (bins, time) = try timed { try data.mapper.transform(data.dataset, threads: threads) }
            blackHole(bins)
            record(benchmark, rate("rows/s"), Double(bins.rowCount), per: time)
            benchmark.measurement(count("columns"), bins.columns.count)
        } setup: {
            try NumericColumns()
        }
    }
}
