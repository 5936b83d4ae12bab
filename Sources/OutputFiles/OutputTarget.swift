#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an output path leads to, and so how it is written. Decided by `OutputTarget.check(_:)` before a
/// command does any work, and again when the output is opened.
public enum OutputTarget: Sendable, Equatable {
    /// Nothing there yet: the file is written beside the path and renamed into place when complete.
    case newFile
    /// An existing regular file (`resolvedPath`, symbolic links followed): replaced by one `rename(2)`,
    /// keeping its permissions, so the old file stays whole until the new one is.
    case replacedFile(resolvedPath: String)
    /// A character device or FIFO (`/dev/null`, a named pipe): opened and written through, never removed
    /// or renamed over. `what` names it for messages ("a character device", "a FIFO").
    case device(what: String)
    /// An open file descriptor named by path (`/dev/stdout`, `/dev/fd/3`): written through that descriptor.
    case descriptor(Int32)

    /// Checks that `path` can take an output, without creating anything: not a directory, not a block device
    /// or socket, in a folder that exists and can be written. Commands call it for every output before
    /// loading or training, so a mistyped output path costs nothing.
    public static func check(_ path: String) throws(OutputError) -> OutputTarget {
        guard !path.isEmpty else { throw OutputError(path: path, kind: .notWritable(reason: "the path is empty")) }
        if let descriptor = namedDescriptor(path) {
            guard fcntl(descriptor, F_GETFD) != -1 else {
                throw OutputError(path: path, kind: .notWritable(reason: "descriptor \(descriptor) is not open"))
            }
            return .descriptor(descriptor)
        }
        var status = stat()
        if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                throw OutputError(path: path, kind: .isDirectory)
            case S_IFREG:
                // A file its owner made read-only says "do not overwrite", though renaming over it would work.
                guard access(path, W_OK) == 0 else { throw OutputError(path: path, kind: .notWritable(reason: systemMessage())) }
                let resolved = realPath(path) ?? path
                try checkFolder(of: resolved, for: path)
                return .replacedFile(resolvedPath: resolved)
            case S_IFCHR, S_IFIFO:
                guard access(path, W_OK) == 0 else { throw OutputError(path: path, kind: .notWritable(reason: systemMessage())) }
                return .device(what: (status.st_mode & S_IFMT) == S_IFIFO ? "a FIFO" : "a character device")
            case S_IFBLK:
                throw OutputError(path: path, kind: .unsupportedTarget("a block device (a disk)"))
            case S_IFSOCK:
                throw OutputError(path: path, kind: .unsupportedTarget("a socket"))
            default:
                throw OutputError(path: path, kind: .unsupportedTarget("not a regular file"))
            }
        }
        let error = errno
        switch error {
        case ENOENT:
            if path.hasSuffix("/") { throw OutputError(path: path, kind: .endsWithSlash) }
            try checkFolder(of: path, for: path)
            return .newFile
        case ENOTDIR:
            throw OutputError(path: path, kind: .notInAFolder(firstNonFolder(on: path) ?? folder(of: path)))
        default:
            throw OutputError(path: path, kind: .notWritable(reason: systemMessage(error)))
        }
    }

    /// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` name a descriptor of this process:
    /// writing through it keeps the shell's redirection (`>>` appends, a pipe stays a pipe).
    static func namedDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                if let number = Int32(path.dropFirst(prefix.count)), number >= 0 { return number }
            }
            return nil
        }
    }

    /// The folder that would hold `path` must exist, be a folder and be writable.
    private static func checkFolder(of path: String, for named: String) throws(OutputError) {
        let folder = folder(of: path)
        var status = stat()
        guard stat(folder, &status) == 0 else {
            let error = errno
            if error == ENOENT { throw OutputError(path: named, kind: .noFolder(folder)) }
            if error == ENOTDIR { throw OutputError(path: named, kind: .notInAFolder(firstNonFolder(on: folder) ?? folder)) }
            throw OutputError(path: named, kind: .notWritable(reason: systemMessage(error)))
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw OutputError(path: named, kind: .notInAFolder(folder)) }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw OutputError(path: named, kind: .notWritable(reason: "\(folder): \(systemMessage())"))
        }
    }

    /// The folder part of `path` (`.` for a bare name).
    static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The first existing component of `path` that is not a folder, for "x.csv is not a folder".
    private static func firstNonFolder(on path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            var status = stat()
            if stat(prefix, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR {
                return prefix.hasPrefix("./") ? String(prefix.dropFirst(2)) : prefix
            }
        }
        return nil
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// The system's words for `errno` ("No space left on device").
func systemMessage(_ error: Int32 = errno) -> String { String(cString: strerror(error)) }
