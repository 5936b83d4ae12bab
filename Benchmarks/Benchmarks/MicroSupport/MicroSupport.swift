import Benchmark
import Foundation
import LeadData

// Shared by the suites: the synthetic data they measure on, and rates (rows per second and the like) that
// the benchmark tool records per iteration next to its own metrics, so every figure in MICRO.md comes out
// of the run itself.

/// Cores this process may use: the thread count of the all-cores benchmarks.
public let cores = ProcessInfo.processInfo.activeProcessorCount

/// The tool's metrics every suite records; suites add their rates.
/// (`throughput` is whole iterations per second, rounded to an integer by the tool: the suites' own rates,
/// such as `rows/s`, are the precise figures. CPU time above wall time shows how many cores were used.)
public let standardMetrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident]

/// A rate, larger is better, never scaled by the inner-loop factor (it already counts rows, not iterations).
public func rate(_ name: String) -> BenchmarkMetric {
    .custom(name, polarity: .prefersLarger, useScalingFactor: false)
}

/// A plain count about the run (design columns, solver iterations): recorded so the data size is in the output.
public func count(_ name: String) -> BenchmarkMetric {
    .custom(name, polarity: .prefersSmaller, useScalingFactor: false)
}

public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Runs `work`, timed on the monotonic clock, and returns its result with the seconds it took.
@inline(__always)
public func timed<T>(_ work: () throws -> T) rethrows -> (result: T, seconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try work()
    return (result, seconds(start.duration(to: clock.now)))
}

/// The CPU time of this process (every thread) so far, in seconds.
public func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Runs `work` and returns its result with the wall seconds and the CPU seconds (all threads) it took.
/// On a shared machine the CPU time says what the work cost whatever else ran: `amount / cpu` is a rate
/// per core actually used.
@inline(__always)
public func timedWithCPU<T>(_ work: () throws -> T) rethrows -> (result: T, seconds: Double, cpuSeconds: Double) {
    let cpuStart = processCPUSeconds()
    let (result, seconds) = try timed(work)
    return (result, seconds, processCPUSeconds() - cpuStart)
}

/// Records `amount / seconds` on `metric` for the current iteration.
public func record(_ benchmark: Benchmark, _ metric: BenchmarkMetric, _ amount: Double, per seconds: Double) {
    benchmark.measurement(metric, Int((amount / seconds).rounded()))
}

/// `rows` synthetic leads (`SyntheticLeads`, seed 1, 4 noise columns): 16 features plus `lead_id` and the
/// `converted` outcome. Made once per process and shared by a suite's benchmarks.
/// The rate at which a CSV file of `bytes` went through in `seconds`, and its size, for the CSV suites.
public func recordFile(_ benchmark: Benchmark, bytes: Int, per seconds: Double) {
    record(benchmark, rate("MB/s"), Double(bytes) / 1e6, per: seconds)
    benchmark.measurement(count("file MB"), Int((Double(bytes) / 1e6).rounded()))
}

public enum SyntheticData {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [Int: Dataset] = [:]

    public static func leads(rows: Int) -> Dataset {
        lock.lock()
        defer { lock.unlock() }
        if let dataset = made[rows] { return dataset }
        let dataset = SyntheticLeads(rows: rows, seed: 1).generate().dataset
        made[rows] = dataset
        return dataset
    }

    /// The same leads as a CSV file in the temporary folder (written once per process); removed by
    /// `removeFiles()` in the suites' teardown.
    public static func csvFile(rows: Int) throws -> (path: String, bytes: Int) {
        let path = temporaryPath("leads-\(rows).csv")
        if !FileManager.default.fileExists(atPath: path) {
            try leads(rows: rows).writeCSV(to: path)
        }
        let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        return (path, bytes)
    }

    /// A path in the temporary folder private to this process.
    public static func temporaryPath(_ name: String) -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("leadscore-micro-\(getpid())-\(name)")
    }

    /// Removes every file `temporaryPath` named in this process.
    public static func removeFiles() {
        let folder = NSTemporaryDirectory()
        let prefix = "leadscore-micro-\(getpid())-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }
}
