import FeatureEncoding
import Foundation
import LeadData
import LinearModels

/// The LeadScore side of `Benchmarks/logistic/compare.py`, which also fits scikit-learn on the same rows
/// and compares: `logistic-job JOB.json`, from a release build (see `Benchmarks/logistic/run.sh`). An
/// executable of the main package (not of the nested Benchmarks package) because it times the encoding
/// and the design fit apart, through package-only API; the CSV is read by `Dataset.load` before the clock starts.
///
/// Timed: encoding the training rows (`DesignEncoder` fit + encode) and the fit, as on the Python side
/// (`ColumnTransformer.fit_transform` + `LogisticRegression.fit`). Memory: the peak resident size during
/// that span above the resident size before it (Linux `VmHWM` after resetting it through
/// `/proc/self/clear_refs`), against the size of the encoded design.
@main
struct LogisticJob {
    struct Job: Decodable {
        var csv: String
        var target: String
        /// Rows whose index modulo `testEvery` is 0 form the test set, as in compare.py.
        var testEvery: Int
        var strength: Double
        /// Where to write the result JSON and the test probabilities (`.test.f64`).
        var output: String
    }

    struct Result: Encodable {
        var trainRows: Int
        var designColumns: Int
        var designBytes: Int
        var encodeSeconds: Double
        var fitSeconds: Double
        var totalSeconds: Double
        var cpuSeconds: Double
        var peakExtraBytes: Int
        var iterations: Int
        var solver: String
        var converged: Bool
        var blasThreads: Int
    }

    static func main() throws {
        guard CommandLine.arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: logistic-job JOB.json (written by Benchmarks/logistic/compare.py)\n".utf8))
            exit(2)
        }
        let jobPath = CommandLine.arguments[1]
        let job = try JSONDecoder().decode(Job.self, from: Data(contentsOf: URL(fileURLWithPath: jobPath)))
        let all = try Dataset.load(csv: job.csv, options: LoadOptions(target: job.target))
        let rows = 0..<all.rowCount
        let train = all.selecting(rows.filter { $0 % job.testEvery != 0 })
        let test = all.selecting(rows.filter { $0 % job.testEvery == 0 })
        let parameters = LogisticRegression(strength: job.strength)

        let baseline = residentBytes(peak: false)
        resetPeakResident()
        let (wallStart, cpuStart) = (Date(), cpuSeconds())
        let encoder = try DesignEncoder(fitting: train, options: parameters.encoding)
        let design = try encoder.encode(train)
        let encodeSeconds = Date().timeIntervalSince(wallStart)
        let fitted = try parameters.fit(design: .init(rows: design.rowCount, columns: design.columnCount, columnMajor: design.values),
                                        labels: train.labels!)
        let totalSeconds = Date().timeIntervalSince(wallStart)
        let cpu = cpuSeconds() - cpuStart
        let peakExtra = residentBytes(peak: true) - baseline

        let raw = encoder.rawScale(weights: fitted.weights, intercept: fitted.intercept)
        let model = LogisticModel(parameters: parameters, encoder: encoder, intercept: raw.intercept,
                                  coefficients: raw.weights, diagnostics: fitted.diagnostics)
        let probabilities = try model.predictProbability(test)
        try probabilities.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: job.output + ".test.f64")) }
        let result = Result(trainRows: train.rowCount, designColumns: design.columnCount,
                            designBytes: design.values.count * MemoryLayout<Double>.stride,
                            encodeSeconds: encodeSeconds, fitSeconds: totalSeconds - encodeSeconds, totalSeconds: totalSeconds,
                            cpuSeconds: cpu, peakExtraBytes: peakExtra, iterations: fitted.diagnostics.iterations,
                            solver: fitted.diagnostics.solver.rawValue, converged: fitted.diagnostics.converged,
                            blasThreads: fitted.diagnostics.blasThreads)
        try JSONEncoder().encode(result).write(to: URL(fileURLWithPath: job.output + ".json"))
    }

    /// `VmRSS` (now) or `VmHWM` (peak since the last reset) of this process, in bytes.
    private static func residentBytes(peak: Bool) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let key = peak ? "VmHWM:" : "VmRSS:"
        let line = status.split(separator: "\n").first { $0.hasPrefix(key) } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    /// Writing 5 to `clear_refs` resets `VmHWM` to the current resident size (Linux ≥ 4.0).
    private static func resetPeakResident() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    private static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
