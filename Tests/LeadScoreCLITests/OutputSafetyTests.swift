import Foundation
import XCTest

/// Issue 15, "Destroying data": no command may delete or replace what it did not create — a directory, a
/// device, a FIFO given as an output — and an output appears whole or not at all.
final class OutputSafetyTests: XCTestCase {
    let card = "docs/examples/synthetic-seed-practice.json"
    let leads = "datasets/synthetic/leads.csv"

    /// A folder holding one file, to be named as an output: it must come through untouched.
    private func folderWithAFile() throws -> (folder: URL, target: String) {
        let folder = try cliTemporaryFolder(self)
        let target = folder.appendingPathComponent("precious").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try "keep me\n".write(toFile: target + "/notes.txt", atomically: false, encoding: .utf8)
        return (folder, target)
    }

    private func assertIntact(_ target: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(fileType(target), "directory", file: file, line: line)
        XCTAssertEqual(try folderListing(target), ["notes.txt"], file: file, line: line)
        XCTAssertEqual(try String(contentsOfFile: target + "/notes.txt", encoding: .utf8), "keep me\n", file: file, line: line)
    }

    func testScoreOutOnADirectoryIsRefusedAndTheDirectoryKept() throws {
        let (_, target) = try folderWithAFile()
        let result = try runLeadScore(["score", card, leads, "--out", target])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.errors.contains("\(target) is a directory; give a file path"), result.errors)
        try assertIntact(target)
    }

    func testSynthIntoADirectoryIsRefusedAndTheDirectoryKept() throws {
        let (folder, target) = try folderWithAFile()
        let result = try runLeadScore(["synth", "100", target])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.errors.contains("\(target) is a directory; give a file path"), result.errors)
        try assertIntact(target)
        // The truth file is an output too, checked before the data is written.
        let data = folder.appendingPathComponent("leads.csv").path
        let truth = try runLeadScore(["synth", "100", data, "--truth", target])
        XCTAssertEqual(truth.status, 1, truth.output)
        XCTAssertTrue(truth.errors.contains("\(target) is a directory; give a file path"), truth.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: data))
        try assertIntact(target)
    }

    /// `train` and `report` check their outputs before any work: here the data file does not even exist,
    /// so an error about the output proves the output was looked at first.
    func testTrainAndReportCheckTheirOutputsBeforeReadingTheData() throws {
        let (folder, target) = try folderWithAFile()
        let missing = folder.appendingPathComponent("not-there.csv").path
        let card = folder.appendingPathComponent("card.json").path
        for arguments in [["train", missing, "--target", "converted", "--out", target],
                          ["train", missing, "--target", "converted", "--out", card, "--report", target],
                          ["report", self.card, missing, "--target", "converted", "--out", target]] {
            let result = try runLeadScore(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.output)")
            XCTAssertTrue(result.errors.contains("\(target) is a directory; give a file path"), "\(arguments): \(result.errors)")
            try assertIntact(target)
        }
        let nowhere = folder.appendingPathComponent("no-such-folder/card.json").path
        let result = try runLeadScore(["train", missing, "--target", "converted", "--out", nowhere])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.errors.contains("there is no folder \(folder.path)/no-such-folder"), result.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: card))
        // Two outputs on one file would have the report replace the card.
        let twice = try runLeadScore(["train", missing, "--target", "converted", "--out", card, "--report", folder.path + "/./card.json"])
        XCTAssertEqual(twice.status, 1, twice.output)
        XCTAssertTrue(twice.errors.contains("are the same file; give each output its own path"), twice.errors)
        // An output that is one of the command's inputs would replace it.
        let leadsCopy = folder.appendingPathComponent("leads.csv").path
        try FileManager.default.copyItem(atPath: cliRepositoryRoot.appendingPathComponent(leads).path, toPath: leadsCopy)
        let before = try Data(contentsOf: URL(fileURLWithPath: leadsCopy))
        for arguments in [["score", self.card, leadsCopy, "--out", leadsCopy],
                          ["train", leadsCopy, "--target", "converted", "--out", card, "--report", folder.path + "/../" + folder.lastPathComponent + "/leads.csv"]] {
            let result = try runLeadScore(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.output)")
            XCTAssertTrue(result.errors.contains("an input of this command; give the output another path"), "\(arguments): \(result.errors)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: leadsCopy)), before)
        }
    }

    /// Devices as root in a private mount namespace with its own tmpfs /dev, so that this machine's /dev is
    /// never at risk: the nodes must still be character devices afterwards, `/dev/full` must fail with the
    /// system's words, and a read-only folder must be refused by name.
    func testDevicesAreWrittenThroughNotReplaced() throws {
        guard getuid() == 0 else {
            XCTFail("this test needs root (mknod in a private mount namespace); run the suite as root, as CI does")
            return
        }
        let folder = try cliTemporaryFolder(self)
        let small = try smallLeads(rows: 400, in: folder)
        let script = #"""
            set -u
            mount -t tmpfs tmpfs /dev || exit 90
            mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 || exit 91
            mkdir "$FOLDER/ro" && mount -t tmpfs -o ro tmpfs "$FOLDER/ro" || exit 92
            "$LEADSCORE" score "$CARD" "$LEADS" --out /dev/null > /dev/null; echo "score-null=$?"
            "$LEADSCORE" score "$CARD" "$LEADS" --out /dev/full 2> "$FOLDER/full.err" > /dev/null; echo "score-full=$?"
            "$LEADSCORE" train "$SMALL" --target converted --out /dev/null > /dev/null 2> "$FOLDER/train.err"; echo "train-null=$?"
            "$LEADSCORE" score "$CARD" "$LEADS" --out "$FOLDER/ro/scored.csv" 2> "$FOLDER/ro.err"; echo "score-ro=$?"
            echo "null=$(stat -c %F /dev/null) full=$(stat -c %F /dev/full)"
            echo "dev=$(ls -A /dev | tr '\n' ' ')"
            """#
        let result = try runShell(#"unshare -m sh -c "$SCRIPT""#,
                                  environment: ["SCRIPT": script, "CARD": card, "LEADS": leads, "SMALL": small, "FOLDER": folder.path])
        XCTAssertEqual(result.status, 0, result.errors)
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, ["score-null=0", "score-full=1", "train-null=0", "score-ro=1",
                               "null=character special file full=character special file", "dev=full null "],
                       result.output + result.errors)
        let full = try String(contentsOfFile: folder.appendingPathComponent("full.err").path, encoding: .utf8)
        XCTAssertTrue(full.contains("/dev/full") && full.contains("No space left on device"), full)
        XCTAssertFalse(full.contains("NSCocoaErrorDomain"), full)
        let readOnly = try String(contentsOfFile: folder.appendingPathComponent("ro.err").path, encoding: .utf8)
        XCTAssertTrue(readOnly.contains("\(folder.path)/ro/scored.csv") && readOnly.contains("Read-only file system"), readOnly)
        let train = try String(contentsOfFile: folder.appendingPathComponent("train.err").path, encoding: .utf8)
        XCTAssertFalse(train.contains("error"), train)
    }

    /// A FIFO named as the output is written through to its reader and stays a FIFO.
    func testAFIFOOutputIsWrittenThroughToItsReader() throws {
        let folder = try cliTemporaryFolder(self)
        let fifo = folder.appendingPathComponent("scored.fifo").path
        let received = folder.appendingPathComponent("received.csv").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // The reader gives up after 60 s, so a broken writer cannot hang the test.
        let result = try runShell(#"timeout 60 cat "$FIFO" > "$RECEIVED" & reader=$!; "$LEADSCORE" score "$CARD" "$LEADS" --out "$FIFO"; status=$?; "#
                                  + #"if [ "$(stat -c %F "$FIFO")" != fifo ]; then kill $reader; fi; wait $reader; echo "score=$status reader=$?""#,
                                  environment: ["FIFO": fifo, "RECEIVED": received, "CARD": card, "LEADS": leads])
        XCTAssertTrue(result.output.hasSuffix("score=0 reader=0\n"), result.output + result.errors)
        XCTAssertEqual(fileType(fifo), "fifo")
        XCTAssertEqual(try String(contentsOfFile: received, encoding: .utf8).split(separator: "\n").count, 20_001)
        XCTAssertEqual(try folderListing(folder.path), ["received.csv", "scored.fifo"])
    }

    /// Replacing an output keeps the old file's permissions (a private file stays private) and leaves no
    /// partial file; a write that fails keeps the old output whole and says why in the system's words.
    func testReplacingAnOutputKeepsItsModeAndAFailedWriteKeepsTheOldOne() throws {
        let folder = try cliTemporaryFolder(self)
        let out = folder.appendingPathComponent("scored.csv").path
        try "old\n".write(toFile: out, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(out, 0o600), 0)
        let result = try runLeadScore(["score", card, leads, "--out", out])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count, 20_001)
        XCTAssertEqual(try folderListing(folder.path), ["scored.csv"])

        try "old\n".write(toFile: out, atomically: false, encoding: .utf8)
        // 100 blocks of 512 bytes: the scored file (about 3 MB) cannot be written; SIGXFSZ ignored so the write fails.
        let failed = try runShell(#"trap '' XFSZ; ulimit -f 100; "$LEADSCORE" score "$CARD" "$LEADS" --out "$OUT""#,
                                  environment: ["CARD": card, "LEADS": leads, "OUT": out])
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.errors.hasPrefix("error: \(out): "), failed.errors)
        XCTAssertTrue(failed.errors.contains("File too large"), failed.errors)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "old\n")
        XCTAssertEqual(try folderListing(folder.path), ["scored.csv"])
    }

    /// Writing the card fails the same way: a readable message with the path, never "NSCocoaErrorDomain".
    func testAFailedCardWriteSaysWhyWithThePath() throws {
        let folder = try cliTemporaryFolder(self)
        let small = try smallLeads(rows: 400, in: folder)
        let out = folder.appendingPathComponent("card.json").path
        let failed = try runShell(#"trap '' XFSZ; ulimit -f 1; "$LEADSCORE" train "$SMALL" --target converted --out "$OUT""#,
                                  environment: ["SMALL": small, "OUT": out])
        XCTAssertEqual(failed.status, 1, failed.output)
        XCTAssertTrue(failed.errors.contains(out) && failed.errors.contains("File too large"), failed.errors)
        XCTAssertFalse(failed.errors.contains("NSCocoaErrorDomain"), failed.errors)
        XCTAssertEqual(try folderListing(folder.path), ["small.csv"])
    }

    /// SIGINT or SIGTERM while scoring: the process dies of the signal and its partial file goes with it.
    /// The leads come through a FIFO fed by the test, so the signal surely lands mid-run.
    func testAnInterruptedScoreLeavesNoPartialFile() throws {
        let binary = try leadScoreBinary()
        let rows = try String(contentsOfFile: cliRepositoryRoot.appendingPathComponent(leads).path, encoding: .utf8)
        let body = rows.split(separator: "\n", maxSplits: 1)[1]
        // Should the command die early, writing to its FIFO must fail here, not kill the test runner.
        let previous = Glibc.signal(SIGPIPE, SIG_IGN)
        defer { Glibc.signal(SIGPIPE, previous) }
        for signal in [SIGINT, SIGTERM] {
            let folder = try cliTemporaryFolder(self)
            let input = folder.appendingPathComponent("leads.fifo").path
            XCTAssertEqual(mkfifo(input, 0o600), 0)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["score", card, input, "--out", folder.appendingPathComponent("scored.csv").path]
            process.currentDirectoryURL = cliRepositoryRoot
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let feed = try XCTUnwrap(FileHandle(forWritingAtPath: input))
            // Over 4 MiB, more than the reader's first chunk, so the header is read and the output opened.
            var text = rows
            for _ in 0..<3 { text += body }
            try feed.write(contentsOf: Data(text.utf8))
            var partial: String?
            for _ in 0..<3_000 where partial == nil {
                partial = try folderListing(folder.path).first { $0.hasSuffix(".partial") }
                if partial == nil { usleep(10_000) }
            }
            XCTAssertNotNil(partial, "no partial file appeared in \(folder.path)")
            kill(process.processIdentifier, signal)
            // A runner that started us with the signal ignored passes that on; end the command rather than hang.
            for _ in 0..<3_000 where process.isRunning { usleep(10_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                XCTFail("signal \(signal) did not end the command; is it ignored by whatever runs the tests?")
            }
            process.waitUntilExit()
            try? feed.close()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)
            XCTAssertEqual(process.terminationStatus, signal)
            XCTAssertEqual(try folderListing(folder.path), ["leads.fifo"], "after signal \(signal)")
        }
    }

    /// A partial file left by a process that no longer exists (killed with SIGKILL, power lost) is removed
    /// by the next run that writes the same output; one of a live process is left alone.
    func testStalePartialsOfDeadProcessesAreRemovedOnTheNextRun() throws {
        let folder = try cliTemporaryFolder(self)
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = folder.appendingPathComponent(".scored.csv.\(finished.processIdentifier).partial").path
        let alive = folder.appendingPathComponent(".scored.csv.\(getpid()).partial").path
        let other = folder.appendingPathComponent(".other.csv.\(finished.processIdentifier).partial").path
        for path in [dead, alive, other] { try "half\n".write(toFile: path, atomically: false, encoding: .utf8) }
        let result = try runLeadScore(["score", card, leads, "--out", folder.appendingPathComponent("scored.csv").path])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertEqual(try folderListing(folder.path), [".other.csv.\(finished.processIdentifier).partial", ".scored.csv.\(getpid()).partial", "scored.csv"])
    }

    /// `score … | head -1`: scored leads stream to standard output with no temporary file, and the closed
    /// pipe ends the command quietly, as it ends `cat` (status 0 or 141, nothing on stderr).
    func testScoreIntoAClosedPipeEndsQuietlyWithNoTemporaryFile() throws {
        let temporary = try cliTemporaryFolder(self)
        let result = try runShell(#""$LEADSCORE" score "$CARD" "$LEADS" | head -1; echo "status=${PIPESTATUS[0]}""#,
                                  environment: ["CARD": card, "LEADS": leads, "TMPDIR": temporary.path])
        let lines = result.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, result.output)
        XCTAssertTrue(lines.first?.hasPrefix("lead_id,lead_source,") == true, result.output)
        XCTAssertTrue(lines.last == "status=0" || lines.last == "status=141", result.output)
        XCTAssertEqual(result.errors, "")
        XCTAssertEqual(try folderListing(temporary.path), [])
        // A complete run to standard output leaves nothing behind either.
        let complete = try runShell(#""$LEADSCORE" score "$CARD" "$LEADS" | wc -l"#,
                                    environment: ["CARD": card, "LEADS": leads, "TMPDIR": temporary.path])
        XCTAssertEqual(complete.output.trimmingCharacters(in: .whitespacesAndNewlines), "20001", complete.errors)
        XCTAssertEqual(try folderListing(temporary.path), [])
    }

    /// `/dev/stdout` as `--out` writes to the command's standard output, wherever it goes.
    func testOutToDevStdoutWritesToStandardOutput() throws {
        let result = try runShell(#""$LEADSCORE" score "$CARD" "$LEADS" --out /dev/stdout | wc -l"#,
                                  environment: ["CARD": card, "LEADS": leads])
        XCTAssertEqual(result.output.trimmingCharacters(in: .whitespacesAndNewlines), "20001", result.output)
        XCTAssertTrue(result.errors.contains("scored 20000 leads"), result.errors)
        XCTAssertEqual(result.status, 0, result.errors)
        // The other commands' confirmations stay out of an output that goes to standard output too.
        let truth = try cliTemporaryFolder(self).appendingPathComponent("truth.json").path
        let synth = try runShell(#""$LEADSCORE" synth 50 /dev/stdout --truth "$TRUTH" | wc -l"#, environment: ["TRUTH": truth])
        XCTAssertEqual(synth.output.trimmingCharacters(in: .whitespacesAndNewlines), "51", synth.output + synth.errors)
        XCTAssertTrue(synth.errors.contains("wrote 50 leads to /dev/stdout"), synth.errors)
        let report = try runShell(#""$LEADSCORE" report "$CARD" "$LEADS" --target converted --out /dev/stdout | tail -c 8"#,
                                  environment: ["CARD": card, "LEADS": leads])
        XCTAssertEqual(report.output.trimmingCharacters(in: .whitespacesAndNewlines), "</html>", report.output + report.errors)
        XCTAssertTrue(report.errors.contains("Report written to /dev/stdout"), report.errors)
    }

    /// `inspect` and `train` read their input twice (roles, then values), which a pipe cannot give: they say
    /// so plainly instead of "the file is empty". `score` reads once and takes a pipe.
    func testPipedInputIsRefusedPlainlyWhereItWouldBeReadTwice() throws {
        for command in [#"cat "$LEADS" | "$LEADSCORE" inspect /dev/stdin --target converted"#,
                        #""$LEADSCORE" train <(cat "$LEADS") --target converted --out "$TMPDIR/card.json""#] {
            let temporary = try cliTemporaryFolder(self)
            let result = try runShell(command, environment: ["LEADS": leads, "TMPDIR": temporary.path])
            XCTAssertEqual(result.status, 1, command + result.output)
            XCTAssertTrue(result.errors.contains("is a pipe") && result.errors.contains("save it to a file first"), command + result.errors)
            XCTAssertFalse(result.errors.contains("empty"), result.errors)
        }
        let scored = try runShell(#"cat "$LEADS" | "$LEADSCORE" score "$CARD" /dev/stdin | wc -l"#, environment: ["CARD": card, "LEADS": leads])
        XCTAssertEqual(scored.output.trimmingCharacters(in: .whitespacesAndNewlines), "20001", scored.errors)
    }
}
