import CardTraining
import Foundation

/// Says on standard error which step of a long command is running and for how long, on one line that
/// is rewritten in place. Only when standard error is a terminal: piped, scripted and CI runs stay clean.
struct Progress {
    private let enabled = isatty(STDERR_FILENO) != 0
    private let started = ContinuousClock.now
    private let throttle = Throttle()

    /// Replaces the line with `step…` and the time since the command started.
    func step(_ step: String) {
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        write(String(format: "\u{1B}[2K\r[%5.1f s] %@…", seconds, step))
    }

    /// The training library's progress as a live line: stage, rounds or fits done of at most how many,
    /// and the time left at the rate so far (at most ten updates a second).
    var training: TrainingProgressHandler? {
        guard enabled else { return nil }
        return { [self] progress in
            guard throttle.allows(force: progress.done == 0) else { return }
            step(Self.line(progress))
        }
    }

    /// "training boosted stumps: 340 of at most 4000 rounds, about 25 s left".
    static func line(_ progress: TrainingProgress) -> String {
        switch progress.stage {
        case .loading(let file):
            return "loading \(file)"
        case .exporting:
            return "rounding to points, calibrating and choosing tiers"
        case .fitting(let model):
            let unit = model == "boosted stumps" ? "rounds" : "fits"
            var text = "training \(model)"
            if let total = progress.total {
                text += ": \(progress.done) of at most \(total) \(unit)"
            }
            if let iteration = progress.iteration {
                text += ", Newton iteration \(iteration + 1)"
            }
            if let left = progress.estimatedRemaining {
                text += String(format: ", at most %.0f s left", left / .seconds(1))
            }
            return text
        }
    }

    /// Clears the line before the command prints its result.
    func finish() { write("\u{1B}[2K\r") }

    private func write(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Lets through one update per tenth of a second. Called from the training thread only.
private final class Throttle: @unchecked Sendable {
    private var last: ContinuousClock.Instant?

    func allows(force: Bool) -> Bool {
        let now = ContinuousClock.now
        if !force, let last, now - last < .milliseconds(100) { return false }
        last = now
        return true
    }
}
