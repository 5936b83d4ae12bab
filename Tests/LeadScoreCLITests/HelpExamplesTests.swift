import Foundation
import XCTest

/// Every example `leadscore <command> --help` prints and every `leadscore` command in README.md's code blocks
/// runs as printed — pasted into bash in a fresh folder holding copies of the shipped `datasets/` and `docs/`
/// — and succeeds (issue 17 part 5). Subcommands are read from `leadscore --help`, so a new command's examples
/// are covered without touching this test. An example is a help line that starts with `leadscore `, with the
/// lines it continues with a trailing `\`; so a help text wrapped inside an example breaks it here too.
final class HelpExamplesTests: XCTestCase {
    private var binary: URL { Bundle.main.bundleURL.appendingPathComponent("leadscore") }

    /// The subcommands listed by `leadscore --help`.
    private func subcommands() throws -> [String] {
        let help = try runLeadScore(["--help"])
        XCTAssertEqual(help.status, 0, help.errors)
        var names: [String] = [], inList = false
        for line in help.output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("SUBCOMMANDS:") { inList = true; continue }
            guard inList else { continue }
            if line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first, name != "See" {
                names.append(String(name))
            }
        }
        return names.filter { $0 != "help" }
    }

    /// Commands in `text`: lines starting with `leadscore `, joined with their `\` continuation lines.
    static func examples(in text: String) -> [String] {
        var examples: [String] = [], current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = current {
                current = open + "\n" + line
            } else if trimmed.hasPrefix("leadscore ") {
                current = trimmed
            } else {
                continue
            }
            if !trimmed.hasSuffix("\\") {
                examples.append(current!)
                current = nil
            }
        }
        if let current { examples.append(current) }
        return examples
    }

    /// The `leadscore` commands of README.md's fenced shell blocks (`.build/release/leadscore` read as
    /// `leadscore`), each `&&`-joined step on its own.
    static func readmeCommands(_ readme: String) -> [String] {
        var commands: [String] = [], inBlock = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") { inBlock = trimmed == "```sh" || trimmed == "```bash" || trimmed == "```shell"; continue }
            guard inBlock, !trimmed.hasPrefix("#") else { continue }
            for step in trimmed.components(separatedBy: "&&") {
                let command = step.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ".build/release/leadscore ", with: "leadscore ")
                    .replacingOccurrences(of: ".build/debug/leadscore ", with: "leadscore ")
                if command.hasPrefix("leadscore ") { commands.append(command) }
            }
        }
        return commands
    }

    /// Runs `commands` in order with bash in a fresh folder of shipped data; returns what failed.
    private func run(_ commands: [String], label: String) throws -> [String] {
        let root = try cliTemporaryFolder(self)
        let bin = root.appendingPathComponent("bin"), work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("leadscore"), withDestinationURL: binary)
        for folder in ["datasets", "docs"] {
            try FileManager.default.copyItem(at: cliRepositoryRoot.appendingPathComponent(folder), to: work.appendingPathComponent(folder))
        }
        let shipped = try Self.files(under: work).map { ($0, try Self.stamp(of: $0)) }
        var failures: [String] = []
        for command in commands {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = work
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            process.environment = environment
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            // A pipeline's status is its last command's (`| head` ends leadscore early, as in a terminal);
            // an error message from leadscore fails the example all the same.
            if process.terminationStatus != 0 || complaint.contains("error:") || complaint.contains("crashed") {
                failures.append("\(label): `\(command)` exited \(process.terminationStatus): \(complaint.suffix(600))")
            }
        }
        // An example that writes over the shipped data (synth into datasets/synthetic/leads.csv) fails too, even
        // when it happens to write the same bytes: the file is replaced (another inode) or rewritten (another date).
        for (path, stamp) in shipped where (try? Self.stamp(of: path)) != stamp {
            failures.append("\(label): an example wrote over the shipped \(path.dropFirst(work.path.count + 1))")
        }
        return failures
    }

    /// Every regular file under `folder`.
    private static func files(under folder: URL) throws -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).map { folder.appendingPathComponent($0).path }
            .filter { (try? FileManager.default.attributesOfItem(atPath: $0)[.type] as? FileAttributeType) == .typeRegular }
    }

    /// A file's inode and modification date: what changes when anything writes it.
    private static func stamp(of path: String) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return "\(attributes[.systemFileNumber] ?? "") \((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
    }

    func testEveryHelpExampleRunsAsPrinted() throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("no leadscore binary at \(binary.path)") }
        let commands = try subcommands()
        XCTAssertTrue(Set(["inspect", "train", "score", "evaluate", "compare", "report", "export-sql", "synth"]).isSubset(of: commands), "\(commands)")
        var failures: [String] = [], count = 0
        for command in commands {
            let help = try runLeadScore([command, "--help"])
            XCTAssertEqual(help.status, 0, help.errors)
            let examples = Self.examples(in: help.output)
            count += examples.count
            // Each command's examples in a fresh folder: they must not lean on another command's outputs.
            failures += try run(examples, label: "\(command) --help")
        }
        XCTAssertGreaterThanOrEqual(count, 12, "the help texts print at least a dozen examples")
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n\n"))
    }

    func testEveryREADMECommandRunsAsPrinted() throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("no leadscore binary at \(binary.path)") }
        let readme = try String(contentsOf: cliRepositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = Self.readmeCommands(readme)
        XCTAssertGreaterThanOrEqual(commands.count, 2, "README's quick start trains and scores")
        let failures = try run(commands, label: "README.md")
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n\n"))
    }

    func testExampleExtractionJoinsContinuationsAndSeesWrappedLines() {
        let help = """
            Examples:
              leadscore train a.csv --target converted \\
                  --out card.json
              leadscore inspect a.csv --exclude 'A,B
            C'
            Keys: leadscore is not an example here.
            """
        XCTAssertEqual(Self.examples(in: help), ["leadscore train a.csv --target converted \\\n      --out card.json", "leadscore inspect a.csv --exclude 'A,B"])
        XCTAssertEqual(Self.readmeCommands("```sh\nbin/setup && .build/release/leadscore train x.csv --out c.json && swift test\n```\n`leadscore x`"),
                       ["leadscore train x.csv --out c.json"])
    }
}
