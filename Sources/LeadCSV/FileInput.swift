#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls the reader needs. Plain `open`/`read` instead of FileHandle: the reader fills its
/// own buffer in place, with no intermediate `Data`, and reports errors as `CSVError` with the path.
enum FileInput {
    /// Opens `path` for reading and returns the descriptor and the file size.
    static func openForReading(_ path: String) throws(CSVError) -> (descriptor: Int32, size: Int) {
        let descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw CSVError(.cannotOpen(reason: systemMessage()), SourceLocation(path: path)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = systemMessage()
            close(descriptor)
            throw CSVError(.cannotOpen(reason: reason), SourceLocation(path: path))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CSVError(.cannotOpen(reason: "it is a directory"), SourceLocation(path: path))
        }
        return (descriptor, Int(status.st_size))
    }

    /// Throws `CSVError.Kind.readOnlyOnce` when `path` is a pipe or socket: something that gives its bytes
    /// once, where a caller must read the file twice. A missing file passes (opening it will say so).
    static func requireRereadable(_ path: String) throws(CSVError) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        switch status.st_mode & S_IFMT {
        case S_IFIFO: throw CSVError(.readOnlyOnce(what: "a pipe"), SourceLocation(path: path))
        case S_IFSOCK: throw CSVError(.readOnlyOnce(what: "a socket"), SourceLocation(path: path))
        default: return
        }
    }

    /// Reads up to `count` bytes into `destination`; 0 means end of file. Retries interrupted reads.
    static func readChunk(_ descriptor: Int32, into destination: UnsafeMutablePointer<UInt8>, count: Int, path: String) throws(CSVError) -> Int {
        while true {
            let result = read(descriptor, destination, count)
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw CSVError(.readFailed(reason: systemMessage()), SourceLocation(path: path))
        }
    }

    private static func systemMessage() -> String { String(cString: strerror(errno)) }
}
