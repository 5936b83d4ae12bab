import CBLAS
import Foundation

/// OpenBLAS's worker-thread count. Debian's OpenBLAS is the pthread build, so `OPENBLAS_NUM_THREADS`
/// in the environment or `BLASThreads.count = n` both take effect; reported in model provenance because
/// sums in a different order differ in the last bits.
public enum BLASThreads {
    /// Threads OpenBLAS uses for each call; setting it (at least 1) takes effect at once.
    public static var count: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(clamping: Swift.max(1, newValue))) }
    }

    /// One OpenBLAS thread, unless the environment sets `OPENBLAS_NUM_THREADS` or `OMP_NUM_THREADS` (then
    /// that is kept). What a program that parallelises its own passes over the leads calls at start.
    ///
    /// Why: LeadScore's trainers run their passes over the leads on every core themselves and hand OpenBLAS
    /// only small p × p factorisations, which gain nothing from threads. Between calls OpenBLAS's idle
    /// workers spin on `sched_yield`, and on a 2-core machine that took about a sixth of the CPU from the
    /// Gram-matrix passes of `train --model logistic` (issue 21).
    public static func useOneUnlessConfigured(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["OPENBLAS_NUM_THREADS"] == nil, environment["OMP_NUM_THREADS"] == nil else { return }
        count = 1
    }

    /// OpenBLAS's build description (version, target core), for reports.
    public static var configuration: String {
        guard let text = openblas_get_config() else { return "unknown" }
        return String(cString: text)
    }
}
