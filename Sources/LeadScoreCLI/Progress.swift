import Foundation

/// Says on standard error which step of a long command is running and for how long, on one line that
/// is rewritten in place. Only when standard error is a terminal: piped, scripted and CI runs stay clean.
struct Progress {
    private let enabled = isatty(STDERR_FILENO) != 0
    private let started = ContinuousClock.now

    /// Replaces the line with `step…` and the time since the command started.
    func step(_ step: String) {
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        write(String(format: "\u{1B}[2K\r[%5.1f s] %@…", seconds, step))
    }

    /// Clears the line before the command prints its result.
    func finish() { write("\u{1B}[2K\r") }

    private func write(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
