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

/// Hands the memory freed so far back to the system (glibc's `malloc_trim`; nothing elsewhere).
///
/// Why: loading parses on worker threads, whose allocator arenas keep the freed batch buffers and grown
/// column arrays resident, and glibc raises its threshold for mapping large blocks after the first ones are
/// freed, so later arrays land in those arenas too. Trimming after the loaded leads are split lowers the
/// resident peak of `train` for the cost of one pass over the free lists.
package func returnFreedMemory() {
    #if os(Linux)
    // Not in Glibc's Swift module (it is declared in malloc.h): looked up once.
    if let trim = mallocTrim { _ = trim(0) }
    #endif
}

#if os(Linux)
private let mallocTrim: (@convention(c) (Int) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
}()
#endif

/// Asks the allocator to give every block of `bytes` or more its own mapping, returned to the system
/// as soon as it is freed (glibc's `mallopt(M_MMAP_THRESHOLD, bytes)`; nothing elsewhere). Process-wide, so
/// the executable calls it once at start; a program that embeds LeadScore decides for itself.
///
/// Why: glibc raises its mapping threshold to the size of each large block freed (up to 32 MiB), so after
/// the loader's first batches every column, bin table and gradient array of a few megabytes comes from the
/// heap, where freed ones stay resident between the holes of live ones. A fixed threshold keeps them
/// mapped: on 1 000 000 to 5 000 000 leads `train` peaked about 10 bytes a lead lower, with the same card.
public func mapLargeAllocations(above bytes: Int = 128 << 10) {
    #if os(Linux)
    if let set = mallocOption { _ = set(mmapThresholdOption, Int32(clamping: bytes)) }
    #endif
}

#if os(Linux)
/// `M_MMAP_THRESHOLD` in glibc's malloc.h.
private let mmapThresholdOption: Int32 = -3
private let mallocOption: (@convention(c) (Int32, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
}()
#endif
