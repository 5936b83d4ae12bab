#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import OutputFiles

/// Checks every output a command will write before it reads or trains anything, so that a directory, a
/// missing folder or an unwritable place is reported in a second, not after minutes of work; that no two
/// outputs are the same file (`--out card.json --report card.json`); and that no output is one of the
/// command's `inputs` (`score card.json leads.csv --out leads.csv` would replace the leads). `nil` entries
/// are options not given.
func checkOutputPaths(_ paths: String?..., inputs: [String] = []) throws {
    var files: [(path: String, standardized: String)] = []
    for path in paths.compactMap({ $0 }) {
        switch try OutputTarget.check(path) {
        case .newFile:
            break
        case .replacedFile:
            if let input = inputs.first(where: { sameFile($0, path) }) {
                throw ValidationErrorMessage("\(path) is also \(input), an input of this command; give the output another path")
            }
        case .device, .descriptor:
            continue
        }
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if let earlier = files.first(where: { $0.standardized == standardized || sameFile($0.path, path) }) {
            throw ValidationErrorMessage("\(earlier.path) and \(path) are the same file; give each output its own path")
        }
        files.append((path, standardized))
    }
}

/// Whether two paths are one existing file (same device and inode: links and `./` spellings included).
private func sameFile(_ first: String, _ second: String) -> Bool {
    var a = stat(), b = stat()
    guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino
}

/// Whether `path` writes to this process's standard output (`/dev/stdout`, `/dev/fd/1`), so that a
/// command's confirmation goes to standard error instead of into the output.
func writesToStandardOutput(_ path: String) -> Bool {
    (try? OutputTarget.check(path)) == .descriptor(STDOUT_FILENO)
}

/// A line for the user: on standard output, unless an output of the command goes there.
func printConfirmation(_ text: String, outputs: String?...) {
    if outputs.contains(where: { $0.map(writesToStandardOutput) ?? false }) { printError(text) } else { printText(text) }
}

/// Ends the process as a closed pipe ends `cat`: killed by SIGPIPE (status 141 in the shell), quietly.
/// Used when the reader of standard output went away (`leadscore score … | head`) and SIGPIPE was ignored,
/// so the write returned EPIPE instead of ending the process itself.
func endQuietlyOnClosedPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
    exit(141)
}
