import Foundation
import XCTest
@testable import OutputFiles

/// `OutputFile` from a Swift caller: what each kind of path becomes, that a file is replaced only by a
/// complete one, and that errors name the path in the system's words.
final class OutputFileTests: XCTestCase {
    private func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("OutputFileTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        return folder
    }

    private func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    private func inode(_ path: String) -> ino_t {
        var status = stat()
        XCTAssertEqual(stat(path, &status), 0)
        return status.st_ino
    }

    func testADirectoryIsRefusedBeforeAnythingIsWrittenAndKeepsItsFiles() throws {
        let folder = try folder()
        try "x".write(toFile: folder + "/inside.txt", atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try OutputFile(path: folder)) { error in
            XCTAssertEqual(error as? OutputError, OutputError(path: folder, kind: .isDirectory))
            XCTAssertEqual("\(error)", "\(folder) is a directory; give a file path (such as \(folder)/NAME); nothing in the directory was touched")
        }
        XCTAssertThrowsError(try OutputFile.write([1, 2], to: folder + "/"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["inside.txt"])
    }

    /// Until `commit()` the old file is whole at the path and the new bytes sit in `.NAME.PID.partial`;
    /// `commit()` swaps them with one rename (a new inode) and leaves nothing else.
    func testAnExistingFileIsReplacedByOneRenameOnlyWhenComplete() throws {
        let folder = try folder()
        let path = folder + "/scored.csv"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let before = inode(path)
        let output = try OutputFile(path: path)
        XCTAssertEqual(output.target, .replacedFile(resolvedPath: path))
        try output.write("new\n")
        XCTAssertEqual(try contents(path), "old\n")
        let partial = ".scored.csv.\(getpid()).partial"
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), [partial, "scored.csv"])
        try output.commit()
        XCTAssertEqual(try contents(path), "new\n")
        XCTAssertNotEqual(inode(path), before, "replaced by rename, not rewritten in place")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["scored.csv"])
    }

    func testAnOutputDroppedWithoutCommitLeavesTheOldFileAndNoPartial() throws {
        let folder = try folder()
        let path = folder + "/card.json"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let output = try OutputFile(path: path)
            try output.write("half of a ca")
        }
        XCTAssertEqual(try contents(path), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["card.json"])
    }

    /// A replaced file keeps its permissions (a private file stays private); a new one gets 0666 less the umask.
    func testPermissionsOfReplacedAndNewFiles() throws {
        let folder = try folder()
        let existing = folder + "/private.csv"
        try "old".write(toFile: existing, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(existing, 0o600), 0)
        try OutputFile.write(Array("new".utf8), to: existing)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: existing)[.posixPermissions] as? Int, 0o600)
        let saved = umask(0o027)
        defer { umask(saved) }
        try OutputFile.write(Array("new".utf8), to: folder + "/new.csv")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: folder + "/new.csv")[.posixPermissions] as? Int, 0o640)
    }

    /// A symbolic link to a file: the file it points to is replaced and the link stays a link.
    func testASymbolicLinkKeepsPointingAtTheReplacedFile() throws {
        let folder = try folder()
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: false)
        try "old".write(toFile: folder + "/real/card.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(folder + "/real/card.json", folder + "/link.json"), 0)
        try OutputFile.write(Array("new".utf8), to: folder + "/link.json")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.json"), folder + "/real/card.json")
        XCTAssertEqual(try contents(folder + "/real/card.json"), "new")
    }

    /// A FIFO is opened and written through to its reader, and stays a FIFO.
    func testAFIFOIsWrittenThroughAndStaysAFIFO() throws {
        let folder = try folder()
        let fifo = folder + "/out.fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        nonisolated(unsafe) var received = Data()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            done.signal()
        }
        let output = try OutputFile(path: fifo)
        XCTAssertEqual(output.target, .device(what: "a FIFO"))
        XCTAssertTrue(output.writesThrough)
        try output.write("through the pipe\n")
        try output.commit()
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(String(decoding: received, as: UTF8.self), "through the pipe\n")
        var status = stat()
        XCTAssertEqual(stat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["out.fifo"])
    }

    /// `/dev/fd/N` writes through descriptor N (here a pipe), as a shell's redirection would.
    func testADescriptorPathWritesThroughThatDescriptor() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]) }
        let output = try OutputFile(path: "/dev/fd/\(ends[1])")
        XCTAssertEqual(output.target, .descriptor(ends[1]))
        try output.write("via the descriptor")
        try output.commit()
        close(ends[1])
        let received = FileHandle(fileDescriptor: ends[0]).readDataToEndOfFile()
        XCTAssertEqual(String(decoding: received, as: UTF8.self), "via the descriptor")
    }

    func testErrorsNameThePathAndTheProblem() throws {
        let folder = try folder()
        try "x".write(toFile: folder + "/file.csv", atomically: false, encoding: .utf8)
        func message(_ path: String) -> String {
            do {
                _ = try OutputTarget.check(path)
                return "accepted"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(message(folder + "/missing/out.csv"),
                       "cannot write \(folder)/missing/out.csv: there is no folder \(folder)/missing; create it first or give another path")
        XCTAssertEqual(message(folder + "/file.csv/out.csv"), "cannot write \(folder)/file.csv/out.csv: \(folder)/file.csv is not a folder")
        XCTAssertEqual(message(folder + "/new/"), "\(folder)/new/ ends with /, so it names a folder; give a file path")
        XCTAssertEqual(message(""), ": cannot write there (the path is empty); choose a file in a folder you can write to")
        XCTAssertEqual(message("/dev/fd/987"), "/dev/fd/987: cannot write there (descriptor 987 is not open); choose a file in a folder you can write to")
        XCTAssertEqual(message(folder + "/file.csv"), "accepted")
    }

    /// A write that fails (here: over the file size limit, SIGXFSZ ignored) says so in the system's words,
    /// and the partial file goes when the output is dropped.
    func testAFailedWriteGivesTheSystemsReasonAndLeavesNoPartial() throws {
        let folder = try folder()
        let path = folder + "/big.csv"
        let previous = signal(SIGXFSZ, SIG_IGN)
        let fileSize = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        var saved = rlimit()
        getrlimit(fileSize, &saved)
        var limited = saved
        limited.rlim_cur = 1024
        XCTAssertEqual(setrlimit(fileSize, &limited), 0)
        defer {
            setrlimit(fileSize, &saved)
            signal(SIGXFSZ, previous)
        }
        do {
            let output = try OutputFile(path: path)
            XCTAssertThrowsError(try output.write([UInt8](repeating: 65, count: 4096))) { error in
                XCTAssertEqual(error as? OutputError, OutputError(path: path, kind: .writeFailed(reason: "File too large", replacing: true)))
                XCTAssertEqual("\(error)", "\(path): writing failed (File too large); any earlier file at that path is unchanged")
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
    }

    /// `.NAME.PID.partial` of a process that has ended goes when the same output is next opened; partials of
    /// live processes, of other outputs and other files stay.
    func testStalePartialsOfEndedProcessesAreRemoved() throws {
        let folder = try folder()
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let names = [".out.csv.\(ended.processIdentifier).partial", ".out.csv.1.partial", ".other.csv.\(ended.processIdentifier).partial",
                     ".out.csv.x.partial", "out.csv.\(ended.processIdentifier).partial"]
        for name in names { try "half".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8) }
        try OutputFile.write(Array("whole".utf8), to: folder + "/out.csv")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), (names.dropFirst() + ["out.csv"]).sorted())
    }
}
