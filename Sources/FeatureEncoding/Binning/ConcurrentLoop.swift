import Dispatch
import Foundation

/// Cores this process may use: the default thread count of binning and boosting.
@usableFromInline package var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }

/// Runs `body(index)` for every index in `0..<count` on at most `threads` threads: on the calling
/// thread when `threads` is 1 (tests of thread-count independence, small data), else on that many
/// Dispatch workers, worker `w` taking indices `w, w + threads, …`.
///
/// Callers must make the result independent of which thread runs which index: each index writes its
/// own slots and every floating-point sum is taken in a fixed order inside one index. That is what
/// keeps binning and boosting deterministic for a seed whatever the number of cores.
package func concurrentForEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
    let workers = min(threads, count)
    if workers <= 1 {
        for index in 0..<count { body(index) }
    } else {
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) { body(index) }
        }
    }
}

/// A pointer handed to `concurrentForEach` bodies. Swift cannot prove that concurrent iterations touch
/// disjoint elements, so the caller promises it: iterations only read shared data, or write slots no
/// other iteration reads or writes.
package struct SharedPointer<Pointer>: @unchecked Sendable {
    package let pointer: Pointer

    package init(_ pointer: Pointer) { self.pointer = pointer }
}
