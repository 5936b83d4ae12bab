#if canImport(Glibc)
import Glibc
#endif

extension Array where Element: BitwiseCopyable {
    /// Reserves room for `count` elements and, on Linux, asks for transparent huge pages for it.
    ///
    /// A million-row column is megabytes that are written once, front to back; in 2 MiB pages it costs a
    /// few hundred page faults instead of thousands. Only advice: where huge pages are off, nothing changes.
    mutating func reserveColumn(_ count: Int) {
        reserveCapacity(count)
        #if os(Linux)
        let hugePage = 2 << 20
        let bytes = count * MemoryLayout<Element>.stride
        guard bytes >= 2 * hugePage else { return }
        guard let base = withUnsafeBufferPointer({ $0.baseAddress }) else { return }
        let start = UInt(bitPattern: base)
        let first = (start + UInt(hugePage - 1)) & ~UInt(hugePage - 1), end = (start + UInt(bytes)) & ~UInt(hugePage - 1)
        if end > first { _ = madvise(UnsafeMutableRawPointer(bitPattern: first), Int(end - first), MADV_HUGEPAGE) }
        #endif
    }
}
