#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import OutputFiles

/// Checks every output a command will write before it reads or trains anything, so that a directory, a
/// missing folder or an unwritable place is reported in a second, not after minutes of work, and that no
/// two outputs are the same file (`--out card.json --report card.json`). `nil` entries are options not given.
func checkOutputPaths(_ paths: String?...) throws {
    let given = paths.compactMap { $0 }
    var files: [(path: String, standardized: String)] = []
    for path in given {
        switch try OutputTarget.check(path) {
        case .newFile, .replacedFile:
            let standardized = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            if let earlier = files.first(where: { $0.standardized == standardized }) {
                throw ValidationErrorMessage("\(earlier.path) and \(path) are the same file; give each output its own path")
            }
            files.append((path, standardized))
        case .device, .descriptor:
            continue
        }
    }
}

/// Whether `path` writes to this process's standard output (`/dev/stdout`, `/dev/fd/1`), so that a
/// command's confirmation goes to standard error instead of into the output.
func writesToStandardOutput(_ path: String) -> Bool {
    (try? OutputTarget.check(path)) == .descriptor(STDOUT_FILENO)
}

/// A line for the user: on standard output, unless an output of the command goes there.
func printConfirmation(_ text: String, outputs: String?...) {
    if outputs.contains(where: { $0.map(writesToStandardOutput) ?? false }) { printError(text) } else { print(text) }
}

/// Ends the process as a closed pipe ends `cat`: killed by SIGPIPE (status 141 in the shell), quietly.
/// Used when the reader of standard output went away (`leadscore score … | head`) and SIGPIPE was ignored,
/// so the write returned EPIPE instead of ending the process itself.
func endQuietlyOnClosedPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
    exit(141)
}
