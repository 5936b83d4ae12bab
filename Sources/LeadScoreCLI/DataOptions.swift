import ArgumentParser
import Foundation
import LeadData

/// How to read a CSV of leads; shared by every command that loads one (`@OptionGroup var data: DataOptions`).
struct DataOptions: ParsableArguments {
    @Option(help: "The outcome column: converted or lost.")
    var target: String?

    @Option(help: ArgumentHelp("The target value that means converted.", discussion: "Inferred for obvious pairs: 1/0, yes/no, true/false, won/lost."))
    var positive: String?

    @Option(name: .customLong("missing"), help: ArgumentHelp(
        "A text that means no value, e.g. Select (repeatable).",
        discussion: "Always missing: blank, \(LoadOptions.defaultMissingTokens.filter { !$0.isEmpty }.joined(separator: ", ")).",
        valueName: "text"))
    var missingTokens: [String] = []

    @Option(name: .customLong("role"), help: ArgumentHelp(
        "Set a column's role instead of inferring it (repeatable).",
        discussion: "Roles: \(ColumnRole.allCases.map(\.rawValue).joined(separator: ", ")). Example: --role 'Region=categorical'.",
        valueName: "column=role"))
    var roles: [String] = []

    @Option(help: ArgumentHelp("Columns to leave out, comma-separated (repeatable).", valueName: "columns"))
    var exclude: [String] = []

    @Option(help: ArgumentHelp("Field separator: , ; tab or another character (default: detected among , ; tab).", valueName: "char"))
    var delimiter: String?

    @Option(help: ArgumentHelp("Decimal mark in numbers: . or ,", valueName: "char"))
    var decimal: String = "."

    @Option(help: ArgumentHelp(
        "A JSON file with the options of this export; flags override it.",
        discussion: #"Keys: target, positive, missing [..], exclude [..], roles {"column": "role"}, delimiter, decimal."#,
        valueName: "file"))
    var schema: String?

    @OptionGroup var source: SourceOptions

    func validate() throws {
        if let delimiter, LoadOptions.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be a single character such as , ; | or the word tab, not '\(delimiter)'")
        }
        guard decimal == "." || decimal == "," else { throw ValidationError("--decimal must be . or ,") }
        _ = try parsedRoles()
    }

    /// The load options these flags describe, completed by the schema file if one is named.
    func loadOptions() throws -> LoadOptions {
        let options = LoadOptions(
            delimiter: delimiter.flatMap(LoadOptions.delimiterByte),
            decimalSeparator: UInt8(ascii: decimal == "," ? "," : "."),
            missingTokens: missingTokens,
            roles: try parsedRoles(),
            excluded: exclude.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            target: target,
            positiveLabel: positive)
        guard let schema else { return options }
        return try options.applying(LoadSchema.read(path: schema), from: schema)
    }

    func load(_ path: String) throws -> Dataset {
        try dataset(path, options: loadOptions())
    }

    /// `--role NAME=ROLE`, split at the last `=` because column names may contain one and roles never do.
    private func parsedRoles() throws -> [String: ColumnRole] {
        var parsed: [String: ColumnRole] = [:]
        for text in roles {
            guard let equals = text.lastIndex(of: "="),
                  let role = ColumnRole(rawValue: text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)) else {
                let known = ColumnRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--role '\(text)' must be COLUMN=ROLE with ROLE one of \(known)")
            }
            parsed[String(text[..<equals])] = role
        }
        return parsed
    }
}

/// Runs a command's work, turning a failure into `error: <message>` on standard error and exit status 1,
/// instead of a crash report: the messages of `CSVError` and `LoadError` are written for the user.
/// Argument errors pass through so the parser prints usage as usual.
func reportingFailure<Result>(_ work: () throws -> Result) throws -> Result {
    do {
        return try work()
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        printError("error: \(CLIErrorText.message(error))")
        throw ExitCode(1)
    }
}
