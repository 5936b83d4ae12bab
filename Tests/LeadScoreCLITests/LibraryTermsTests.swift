import Foundation
import XCTest
import LeadCSV
import LeadData
import LeakageScreen
import CardBacktest
@testable import LeadScoreCLI

/// The library's notes and errors name `LoadOptions` fields; the CLI prints the flag that does the same.
/// Each case takes the text from the library itself, so a change of library wording that the CLI no longer
/// maps shows up here as leftover library terms.
final class LibraryTermsTests: XCTestCase {
    func testLeftOutColumnsNameTheFlags() {
        XCTAssertEqual(CLIFlagText.flags(in: LeftOutColumn(column: "Lead Number", reason: .identifier).text),
                       "Lead Number: an identifier (unique per lead), which cannot carry over to new leads; if it is a feature, pass --role 'Lead Number=categorical'")
        XCTAssertEqual(CLIFlagText.flags(in: LeftOutColumn(column: "Tags", reason: .excluded).text), "Tags: left out (--exclude)")
        XCTAssertEqual(CLIFlagText.flags(in: LeftOutColumn(column: "created at", reason: .date).text),
                       "created at: a date; dates order a time split (--split 'time:created at') but are not criteria")
    }

    func testUnknownColumnsAndContradictoryOptionsNameTheFlags() {
        let location = SourceLocation(path: "leads.csv", line: 1)
        let unknown = LoadError(.unknownColumn(option: "LoadOptions.target", suggestion: "Converted", columns: ["Converted"]), location, value: "converted")
        XCTAssertEqual(CLIErrorText.message(unknown),
                       "leads.csv, line 1: --target names a column \"converted\" that the header does not have (did you mean \"Converted\"?); the columns are \"Converted\"")
        let role = LoadError(.unknownColumn(option: "LoadOptions.roles", suggestion: nil, columns: ["a"]), location, value: "b")
        XCTAssertTrue(CLIErrorText.message(role).contains("--role names a column \"b\""), CLIErrorText.message(role))
    }

    func testLoadNotesNameTheFlagsThatActOnThem() throws {
        let folder = try cliTemporaryFolder(self)
        let path = folder.appendingPathComponent("notes.csv").path
        // A numeric column with placeholders, one with a decimal comma, and one that turns textual late.
        var csv = "score,amount,late,y\n"
        for row in 0..<40 { csv += "\(row == 5 ? "tbd" : "\(row)"),\"\(row),5\",\(row),\(row % 2)\n" }
        csv += "5,\"1,5\",oops,1\n"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let notes = try Dataset.load(csv: path, options: LoadOptions(target: "y", inferenceRows: 20)).notes
        XCTAssertTrue(notes.allSatisfy { !$0.contains("--") }, "the library speaks its own terms: \(notes)")
        let printed = notes.map(CLIFlagText.flags(in:))
        XCTAssertTrue(printed.contains { $0.hasSuffix("if those mean no value, pass --missing 'tbd' to read it as numeric") }, "\(printed)")
        XCTAssertTrue(printed.contains { $0.hasSuffix("pass --decimal ',' to read them as numbers") }, "\(printed)")
        XCTAssertTrue(printed.contains { $0.hasSuffix("if \"oops\" means no value, pass --missing 'oops' to keep it numeric") }, "\(printed)")
        XCTAssertFalse(printed.contains { $0.contains("LoadOptions") }, "\(printed)")
    }

    func testAWrongTargetAtTheCommandLineNamesTheFlag() throws {
        let folder = try cliTemporaryFolder(self)
        let data = folder.appendingPathComponent("leads.csv")
        try "x,Converted\n1,1\n2,0\n".write(to: data, atomically: true, encoding: .utf8)
        let result = try runLeadScore(["train", data.path, "--target", "converted", "--out", folder.appendingPathComponent("card.json").path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.errors.contains("--target names a column \"converted\" that the header does not have (did you mean \"Converted\"?)"), result.errors)
        XCTAssertFalse(result.errors.contains("LoadOptions"), result.errors)
    }

    /// The leakage screen's advice names `LoadOptions`; the CLI words the same remedy as flags, quoted for a
    /// POSIX shell from the column names themselves, whatever they contain.
    func testLeakageAdviceNamesShellQuotedFlags() {
        XCTAssertEqual(LeakageFlags.exclude(["Rep's status", "Tags"]), "--exclude 'Rep'\\''s status,Tags'")
        XCTAssertEqual(LeakageFlags.missing("-- Select --"), "pass --missing '-- Select --'")
        XCTAssertEqual(LeakageAdvice.loadOptions(["Rep's status", "Tags"]), "add \"Rep's status\" and \"Tags\" to the excluded columns (LoadOptions.excluded)")
        let finding = PlaceholderFinding(value: "Select", columns: [.init(column: "City", share: 0.3, isMostCommonValue: true)])
        XCTAssertTrue(finding.text.hasSuffix("add \"Select\" to the missing-value texts (LoadOptions.missingTokens)"), finding.text)
        XCTAssertTrue(finding.text(readingAsMissing: LeakageFlags.missing).hasSuffix("if it means no answer, pass --missing 'Select'"))
    }

    /// No library module words its advice as a `leadscore` flag: a string literal holding `--word` outside
    /// the CLI target is a regression of issue 16 (a Swift caller has no flags). Doc comments may name them.
    func testNoLibraryStringNamesACommandLineFlag() throws {
        let sources = cliRepositoryRoot.appendingPathComponent("Sources")
        let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0 != "LeadScoreCLI" }
        var offenders: [String] = []
        for module in modules {
            let folder = sources.appendingPathComponent(module)
            for file in FileManager.default.enumerator(atPath: folder.path)?.compactMap({ $0 as? String }) ?? [] where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    guard !code.hasPrefix("//"), code.contains(#/"[^"]*--[a-z][^"]*"/#) else { continue }
                    offenders.append("\(module)/\(file):\(number + 1): \(code)")
                }
            }
        }
        XCTAssertEqual(offenders, [], "library text names CLI flags")
        XCTAssertGreaterThan(modules.count, 20, "the scan found the library modules")
    }

    /// Advice of the modules added since (backtest, database sources and tables) in library terms, printed
    /// as flags.
    func testBacktestAndDatabaseAdviceNameTheFlags() {
        let noOutcome = BacktestError.noOutcome(data: "leads.csv")
        XCTAssertFalse("\(noOutcome)".contains("--"), "\(noOutcome)")
        XCTAssertTrue(CLIErrorText.message(noOutcome).hasSuffix("name its column with --target"), CLIErrorText.message(noOutcome))
        let notADate = BacktestError.notADate(column: "signup day", role: .numeric, data: "leads.csv")
        XCTAssertTrue("\(notADate)".hasSuffix(#"give "signup day" the role date (LoadOptions.roles)"#), "\(notADate)")
        XCTAssertTrue(CLIErrorText.message(notADate).hasSuffix("pass --role 'signup day=date'"), CLIErrorText.message(notADate))
        XCTAssertEqual(CLIFlagText.flags(in: #"x: check the table name (RowSelection.table) or the query's FROM (RowSelection.query)"#),
                       "x: check the name given to --table or the FROM of --query")
        XCTAssertEqual(CLIFlagText.flags(in: #"convert it in the query (RowSelection.query; e.g. "a"::text), or add "Rep's \"x\"" to the excluded columns (LoadOptions.excluded)"#),
                       #"convert it in --query (e.g. "a"::text), or pass --exclude 'Rep'\''s "x"'"#)
        XCTAssertEqual(CLIFlagText.flags(in: "leads has no column \"id\" to take the lead id from; name the id column as idColumn (columns: a)"),
                       "leads has no column \"id\" to take the lead id from; name the id column with --id (columns: a)")
        XCTAssertEqual(CLIFlagText.flags(in: "name a new table (ScoreTable.table; it is created), or one with the columns"),
                       "name a new table with --out-table (it is created), or one with the columns")
    }

    /// A placeholder holding a backslash or a double quote comes back whole in the printed flag: the
    /// library escapes both inside its quotes (`adviceQuoted`) and the CLI undoes the escapes. Before, the
    /// loader quoted without escaping, so `n\a` printed as `--missing 'na'`.
    func testPlaceholdersWithBackslashesAndQuotesPrintWhole() throws {
        let folder = try cliTemporaryFolder(self)
        let path = folder.appendingPathComponent("placeholders.csv").path
        var csv = "score,late,y\n"
        for row in 0..<40 { csv += "\(row == 3 ? "n\\a" : "\(row)"),\(row),\(row % 2)\n" }
        csv += "7,\"say \"\"x\"\"\",1\n"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let notes = try Dataset.load(csv: path, options: LoadOptions(target: "y", inferenceRows: 20)).notes
        let printed = notes.map(CLIFlagText.flags(in:))
        XCTAssertTrue(printed.contains { $0.contains("pass --missing 'n\\a' to read it as numeric") }, "\(printed)")
        XCTAssertTrue(printed.contains { $0.contains(#"pass --missing 'say "x"' to keep it numeric"#) }, "\(printed)")
    }
}
