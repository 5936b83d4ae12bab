#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output of a command (scored leads, a card, a report, synthetic data), written so that it can never
/// destroy what it did not create and never leaves half a file:
///
/// - a **directory**, a block device or a socket is refused before anything is written;
/// - a **regular file** (or a new one) is written to `.NAME.PID.partial` beside it (`O_EXCL`, the old file's
///   permissions, else 0666 less the umask), flushed with `fsync`, then moved over the old file with a single
///   `rename(2)` and the folder synced: at every moment the path holds the whole old file or the whole new one;
/// - a **character device or FIFO** (`/dev/null`, a named pipe) is opened and written through — never
///   unlinked or renamed over — and `/dev/stdout`, `/dev/fd/N` write through the descriptor itself;
/// - `OutputFile.standardOutput()` streams to standard output with no file at all.
///
/// SIGINT, SIGTERM and SIGHUP remove the partial file before the signal ends the process, and opening a
/// file removes partials of the same name left by processes that no longer exist (killed with SIGKILL).
/// Errors are `OutputError`s naming the path with the system's reason.
///
/// Call `commit()` when the content is complete; an `OutputFile` dropped without it removes its partial
/// file, so a thrown error anywhere in between leaves nothing behind.
public final class OutputFile {
    /// The path as the caller named it (for messages).
    public let path: String
    /// What kind of thing the path is (file to replace atomically, device, FIFO, descriptor), checked before writing.
    public let target: OutputTarget
    private var descriptor: Int32
    /// Where the bytes go until `commit()` for a file replaced atomically; `nil` when writing through.
    private let partialPath: String?
    /// The path `commit()` renames onto (symbolic links of an existing file followed).
    private let finalPath: String
    private var slot: Int?
    private var closed = false
    /// Whether `descriptor` is ours to close (not the process's own standard output).
    private let ownsDescriptor: Bool
    /// Whether the partial file exists and is ours to remove.
    private var partialPending = false

    /// Opens `path` for writing as its `OutputTarget` says (see the type's documentation).
    public init(path: String) throws(OutputError) {
        self.path = path
        ownsDescriptor = true
        target = try OutputTarget.check(path)
        switch target {
        case .descriptor(let number):
            let copy = dup(number)
            guard copy >= 0 else { throw OutputError(path: path, kind: .notWritable(reason: systemMessage())) }
            descriptor = copy
            partialPath = nil
            finalPath = path
        case .device:
            // A FIFO blocks here until its reader opens it, as any writer does.
            let opened = Self.retryingInterrupts { open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY) }
            guard opened >= 0 else { throw OutputError(path: path, kind: .notWritable(reason: systemMessage())) }
            descriptor = opened
            partialPath = nil
            finalPath = path
        case .newFile, .replacedFile:
            let destination: String
            if case .replacedFile(let resolved) = target { destination = resolved } else { destination = path }
            finalPath = destination
            let (folder, name) = (OutputTarget.folder(of: destination), Self.fileName(of: destination))
            StalePartials.remove(named: name, in: folder)
            let partial = Self.partialPath(name: name, folder: folder)
            partialPath = partial
            var existing = stat()
            let replacing = stat(destination, &existing) == 0
            let mode: mode_t = replacing ? existing.st_mode & 0o7777 : 0o666
            var opened = Self.retryingInterrupts { open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
            if opened < 0, errno == EEXIST {
                // Named with our own process id, so it is left by an earlier process that had the same id.
                unlink(partial)
                opened = Self.retryingInterrupts { open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
            }
            guard opened >= 0 else { throw OutputError(path: path, kind: .notWritable(reason: systemMessage())) }
            descriptor = opened
            partialPending = true
            slot = InterruptCleanup.register(partial)
            if replacing {
                // The creation mode was filtered by the umask; the old file's permissions and owner carry over.
                fchmod(opened, existing.st_mode & 0o7777)
                _ = fchown(opened, existing.st_uid, existing.st_gid)
            }
        }
    }

    private init(standardOutputNamed name: String) {
        path = name
        target = .descriptor(STDOUT_FILENO)
        descriptor = STDOUT_FILENO
        ownsDescriptor = false
        partialPath = nil
        finalPath = name
    }

    /// Standard output, written through with no file: a command asked for no output path. A reader that goes away
    /// (`| head`) makes `write` throw `OutputError.Kind.closedPipe` when SIGPIPE is ignored; with SIGPIPE's
    /// default action the process ends quietly as `cat` does.
    public static func standardOutput() -> OutputFile { OutputFile(standardOutputNamed: "standard output") }

    deinit { discard() }

    /// Whether the bytes go through to a device, pipe or descriptor rather than to a file renamed into place.
    public var writesThrough: Bool { partialPath == nil }

    /// Whether the bytes reach this process's standard output (no output path, or `/dev/stdout`), so a
    /// command prints its summary on standard error instead.
    public var isStandardOutput: Bool {
        if case .descriptor(let number) = target { return number == STDOUT_FILENO }
        return false
    }

    /// Writes all of `bytes`, retrying short writes and interrupted calls.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        guard !closed else { throw OutputError(path: path, kind: .writeFailed(reason: "the output is already closed", replacing: !writesThrough)) }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written > 0 {
                offset += written
                continue
            }
            let error = written < 0 ? errno : EIO
            if error == EINTR { continue }
            if error == EPIPE { throw OutputError(path: path, kind: .closedPipe) }
            throw OutputError(path: path, kind: .writeFailed(reason: systemMessage(error), replacing: !writesThrough))
        }
    }

    /// Appends `bytes`; throws `OutputError` (`.closedPipe` when a reader of standard output went away).
    public func write(_ bytes: [UInt8]) throws(OutputError) {
        // `withUnsafeBytes` rethrows untyped errors; a `Result` carries the typed one out.
        try bytes.withUnsafeBytes { raw in Result { () throws(OutputError) in try write(raw) } }.get()
    }

    /// Appends the UTF-8 bytes of `text`; throws as `write(_:)` on bytes.
    public func write(_ text: String) throws(OutputError) {
        var text = text
        try text.withUTF8 { bytes in Result { () throws(OutputError) in try write(UnsafeRawBufferPointer(bytes)) } }.get()
    }

    /// Finishes the output. For a file: `fsync`, one `rename(2)` over the old file, `fsync` of the folder —
    /// the order a database uses, so after a crash the path holds the old file or the new one, whole. For a
    /// device or descriptor: closes it (a descriptor named by path is a copy; the original stays open).
    public func commit() throws(OutputError) {
        guard !closed else { return }
        guard let partialPath else {
            closed = true
            if ownsDescriptor, close(descriptor) != 0, errno != EINTR {
                throw OutputError(path: path, kind: .writeFailed(reason: systemMessage(), replacing: false))
            }
            return
        }
        defer { discard() }
        if fsync(descriptor) != 0, errno != EINVAL {
            throw OutputError(path: path, kind: .writeFailed(reason: systemMessage(), replacing: true))
        }
        let closing = close(descriptor)
        closed = true
        if closing != 0, errno != EINTR {
            throw OutputError(path: path, kind: .writeFailed(reason: systemMessage(), replacing: true))
        }
        guard rename(partialPath, finalPath) == 0 else {
            throw OutputError(path: path, kind: .replaceFailed(reason: systemMessage()))
        }
        partialPending = false
        if let slot {
            InterruptCleanup.unregister(slot)
            self.slot = nil
        }
        let folder = open(OutputTarget.folder(of: finalPath), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Abandons the output: closes it and removes the partial file. Nothing at the path changes. Safe to
    /// call more than once, and called when an uncommitted `OutputFile` goes away.
    public func discard() {
        if !closed {
            closed = true
            if ownsDescriptor { close(descriptor) }
        }
        if partialPending, let partialPath {
            unlink(partialPath)
            partialPending = false
        }
        if let slot {
            InterruptCleanup.unregister(slot)
            self.slot = nil
        }
    }

    /// Writes `bytes` to `path` as one output: the whole of it, or nothing changed.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let output = try OutputFile(path: path)
        try output.write(bytes)
        try output.commit()
    }

    /// `.NAME.PID.partial` in `folder`: hidden, and named for the process that writes it so a later run
    /// can tell a partial of a dead process from one still being written.
    static func partialPath(name: String, folder: String) -> String {
        (folder == "/" ? "" : folder) + "/." + name + "." + String(getpid()) + ".partial"
    }

    static func fileName(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed.lastIndex(of: "/").map { String(trimmed[trimmed.index(after: $0)...]) } ?? String(trimmed)
    }

    private static func retryingInterrupts(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}

/// `write(2)`, out of reach of `OutputFile.write` inside the class.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
