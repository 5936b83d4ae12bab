import Benchmark
import FeatureEncoding
import LeadData
import LinearAlgebra
import LinearModels
import MicroSupport

// LinearModels' LogisticRegression (L2, strength 1, the automatic solver: Newton with a Cholesky step on
// designs this narrow) on synthetic leads. First on the design already encoded in setup (the solver alone:
// gradient, weighted Gram via BLAS, Cholesky), then from the dataset (encoding learned and applied too).
// OpenBLAS uses its default thread count, given in the names.

let rows = 1_000_000

struct Design {
    let dataset: Dataset
    let design: Matrix
    let labels: [UInt8]

    init() throws {
        dataset = SyntheticData.leads(rows: rows)
        let encoded = try DesignEncoder(fitting: dataset).encode(dataset)
        design = Matrix(rows: encoded.rowCount, columns: encoded.columnCount, columnMajor: encoded.values)
        labels = dataset.labels!
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: standardMetrics + [rate("rows/s"), count("design columns"), count("Newton iterations")],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 5
    )
    let blas = "OpenBLAS \(BLASThreads.count) threads"

    Benchmark("fit(design:labels:) 1M leads, encoded design, \(blas)") { benchmark, data in
        benchmark.startMeasurement()
        let (fit, time) = try timed { try LogisticRegression().fit(design: data.design, labels: data.labels) }
        blackHole(fit)
        record(benchmark, rate("rows/s"), Double(data.design.rows), per: time)
        benchmark.measurement(count("design columns"), data.design.columns)
        benchmark.measurement(count("Newton iterations"), fit.diagnostics.iterations)
    } setup: {
        try Design()
    }

    Benchmark("fit(_:) 1M leads, encoding included, \(blas)") { benchmark, data in
        benchmark.startMeasurement()
        let (model, time) = try timed { try LogisticRegression().fit(data.dataset) }
        blackHole(model)
        record(benchmark, rate("rows/s"), Double(data.dataset.rowCount), per: time)
        benchmark.measurement(count("design columns"), model.coefficients.count)
        benchmark.measurement(count("Newton iterations"), model.diagnostics.iterations)
    } setup: {
        try Design()
    }
}
