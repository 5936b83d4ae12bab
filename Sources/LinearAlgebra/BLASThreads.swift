import CBLAS

/// OpenBLAS's worker-thread count. Debian's OpenBLAS is the pthread build, so `OPENBLAS_NUM_THREADS`
/// in the environment or `BLASThreads.count = n` both take effect; reported in model provenance because
/// sums in a different order differ in the last bits.
public enum BLASThreads {
    /// Threads OpenBLAS uses for each call; setting it (at least 1) takes effect at once.
    public static var count: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(clamping: Swift.max(1, newValue))) }
    }

    /// OpenBLAS's build description (version, target core), for reports.
    public static var configuration: String {
        guard let text = openblas_get_config() else { return "unknown" }
        return String(cString: text)
    }
}
