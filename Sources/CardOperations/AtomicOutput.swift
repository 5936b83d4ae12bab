import Foundation

/// Writes an output file whole or not at all: the bytes go to a temporary file in the same directory,
/// which is then renamed over `path`. A failure leaves the old file intact and no temporary file behind.
/// Refuses to replace anything but a regular file (a directory, a device, a FIFO named as the output).
/// One small function so the project's shared safe writer can replace it in one place.
public func writeAtomically(_ data: Data, toPath path: String) throws(CardOperationError) {
    var status = stat()
    if lstat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
        throw .cannotWrite(path: path, reason: "it exists and is not a regular file; name a new file")
    }
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    guard FileManager.default.createFile(atPath: temporary, contents: data) else {
        throw .cannotWrite(path: path, reason: "cannot create a file in \(directory)")
    }
    guard rename(temporary, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw .cannotWrite(path: path, reason: reason)
    }
}
