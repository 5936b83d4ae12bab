import BoostedStumps
import Foundation
import LeadData

/// The LeadScore side of Benchmarks/stumps/compare.py, which writes the data and a job file, runs
/// LightGBM and XGBoost on the same rows, and compares. In a release build:
///
///     swift build -c release --scratch-path .build-stumps-release --product stumps-job
///     .build-stumps-release/release/stumps-job /tmp/…/job.json
///
/// An executable of the main package, next to the script that runs it; the data comes
/// as raw little-endian columns (float64 values, int32 category codes, uint8 labels) so that neither
/// a CSV parser nor role inference stands between the two sides.
@main
struct StumpsJob {
    /// What compare.py asks for.
    struct Job: Decodable {
        var train: String
        var test: String
        var validation: String?
        var rounds: Int
        var learningRate: Double
        var earlyStoppingPatience: Int?
        var threads: Int
        /// Path prefix of the outputs: `.json` (timings, loss curves) and `.test.f64` (test log-odds).
        var output: String
    }

    /// A dataset directory as compare.py writes it.
    struct Manifest: Decodable {
        struct Column: Decodable {
            var name: String
            var role: ColumnRole
            var file: String
            var levels: [String]?
        }
        var rows: Int
        var columns: [Column]
        var labels: String
    }

    struct Result: Encodable {
        var fitSeconds: Double
        var fitCPUSeconds: Double
        var stumps: Int
        var trainingLoss: [Double]
        var validationLoss: [Double]
    }

    static func main() throws {
        guard CommandLine.arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: stumps-job JOB.json (written by Benchmarks/stumps/compare.py)\n".utf8))
            exit(2)
        }
        let jobPath = CommandLine.arguments[1]
        let job = try JSONDecoder().decode(Job.self, from: Data(contentsOf: URL(fileURLWithPath: jobPath)))
        let train = try load(job.train), test = try load(job.test)
        let validation = try job.validation.map(load)
        let booster = StumpBooster(rounds: job.rounds, learningRate: job.learningRate,
                                   earlyStoppingPatience: job.earlyStoppingPatience, threads: job.threads)
        let (wallStart, cpuStart) = (Date(), cpuSeconds())
        let model = try booster.fit(train, validation: validation)
        let result = Result(fitSeconds: Date().timeIntervalSince(wallStart), fitCPUSeconds: cpuSeconds() - cpuStart,
                            stumps: model.stumps.count, trainingLoss: model.history.trainingLoss,
                            validationLoss: model.history.validationLoss)
        let logOdds = try model.logOdds(test)
        try logOdds.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: job.output + ".test.f64")) }
        try JSONEncoder().encode(result).write(to: URL(fileURLWithPath: job.output + ".json"))
    }

    private static func load(_ directory: String) throws -> Dataset {
        func read(_ file: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)) }
        func array<T>(_ file: String, of type: T.Type) throws -> [T] {
            let data = try read(file)
            let count = data.count / MemoryLayout<T>.stride
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                _ = data.copyBytes(to: buffer)
                initialized = count
            }
        }
        let manifest = try JSONDecoder().decode(Manifest.self, from: read("manifest.json"))
        let columns = try manifest.columns.map { column -> DataColumn in
            let values: ColumnValues
            switch column.role {
            case .categorical: values = .categorical(codes: try array(column.file, of: Int32.self), levels: column.levels ?? [])
            case .boolean: values = .boolean(try array(column.file, of: Double.self))
            default: values = .numeric(try array(column.file, of: Double.self))
            }
            return DataColumn(name: column.name, role: column.role, values: values, missingCount: 0, distinctCount: 0)
        }
        return Dataset(source: directory, columns: columns, labels: try array(manifest.labels, of: UInt8.self),
                       outcome: nil, rowCount: manifest.rows)
    }

    /// CPU time of the whole process (all threads), to read next to wall time on a shared machine.
    private static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
