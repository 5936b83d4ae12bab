#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the partial files of unfinished outputs when the process is told to stop (SIGINT, SIGTERM,
/// SIGHUP), then lets the signal end the process as it would have: the shell sees the usual status and
/// no `.NAME.PID.partial` stays behind.
///
/// A signal handler may only call async-signal-safe functions and must not take locks or allocate, so the
/// registry is a fixed table of C strings allocated once: the handler walks it and calls `unlink(2)`. A
/// path's string is never freed (a few bytes per output for the life of the process), so a handler running
/// on another thread can never read freed memory. A slot is cleared only after the rename that finishes
/// the output, so at worst the handler unlinks a name that no longer exists.
enum InterruptCleanup {
    static let capacity = 64
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// `capacity` slots, each `nil` or the path of a partial file to remove on a signal.
    private nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()
    private nonisolated(unsafe) static var installed = false
    private nonisolated(unsafe) static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    /// Registers `path` for removal on a signal and returns its slot, or `nil` when the table is full (the
    /// output is still written; only an interrupt would leave its partial file, which a later run removes).
    static func register(_ path: String) -> Int? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        installHandlersOnce()
        guard let slot = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
        slots[slot] = strdup(path)
        return slot
    }

    /// Forgets a slot: the file was renamed into place or removed.
    static func unregister(_ slot: Int) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        slots[slot] = nil
    }

    /// Installs the handler for each signal whose disposition is the default one. A signal the process
    /// was started with ignored (`nohup`, a background job of a non-interactive shell) stays ignored, and
    /// a handler someone else installed stays theirs.
    private static func installHandlersOnce() {
        guard !installed else { return }
        installed = true
        for signal in signals {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0, currentHandlerIsDefault(current) else { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = removePartialsAndRaise
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            #else
            action.__sigaction_u.__sa_handler = removePartialsAndRaise
            action.sa_flags = SA_RESETHAND
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    private static func currentHandlerIsDefault(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        return handler == nil && action.sa_flags & Int32(SA_SIGINFO) == 0
    }
}

/// The signal handler: unlink every registered partial file, then raise the signal again. `SA_RESETHAND`
/// has already restored the default action, and the signal is blocked while the handler runs, so it ends
/// the process as soon as the handler returns.
private func removePartialsAndRaise(_ signal: Int32) {
    let saved = errno
    for slot in 0..<InterruptCleanup.capacity {
        if let path = InterruptCleanup.slotPath(slot) { unlink(path) }
    }
    errno = saved
    raise(signal)
}

extension InterruptCleanup {
    /// The path in `slot`, read without the lock (for the signal handler).
    fileprivate static func slotPath(_ slot: Int) -> UnsafeMutablePointer<CChar>? { slots[slot] }
}
