import Foundation

/// The library's advice names `LoadOptions` fields and API values ("add \"Select\" to the missing-value texts
/// (LoadOptions.missingTokens)"); a person at the command line needs the flag that does it ("pass --missing
/// 'Select'"). Every library note, warning and error the CLI prints goes through `flags(in:)`, so the
/// library never has to know its flags and the CLI never invents advice of its own.
enum CLIFlagText {
    /// `text` with each phrase of library advice replaced by the `leadscore` flag that follows it.
    static func flags(in text: String) -> String {
        guard text.contains("LoadOptions") || text.contains("TrainingOptions") || text.contains("allRows")
            || text.contains("all rows asked for") || text.contains("(a baseline file)") || text.contains("RowSelection.")
            || text.contains("ScoreTable.table") || text.contains("as idColumn") || text.contains("InDatabaseTrainer)") else { return text }
        var text = text
        text.replace(#/add ((?:"(?:[^"\\]|\\.)*"(?:, | and )?)+) to the missing-value texts \(LoadOptions\.missingTokens\)/#) { match in
            "pass " + listed(match.output.1).map { "--missing \(quoted($0))" }.joined(separator: " ")
        }
        text.replace(#/add ((?:"(?:[^"\\]|\\.)*"(?:, | and )?)+) to the excluded columns \(LoadOptions\.excluded\)/#) { match in
            "pass --exclude \(quoted(listed(match.output.1).joined(separator: ",")))"
        }
        text.replace(#/give "([^"]*)" the role (\w+) \(LoadOptions\.roles\)/#) { match in
            "pass --role \(quoted("\(match.output.1)=\(match.output.2)"))"
        }
        text.replace(#/set the decimal mark to "([^"]*)" \(LoadOptions\.decimalSeparator\)/#) { match in
            "pass --decimal \(quoted(String(match.output.1)))"
        }
        text.replace(#/TrainingOptions\.Split\.timeOrdered\(column: "([^"]*)"\)/#) { match in
            "--split \(quoted("time:\(match.output.1)"))"
        }
        let phrases: [(String, String)] = [
            ("the positive label (LoadOptions.positiveLabel)", "--positive"),
            ("the target (LoadOptions.target)", "--target"),
            ("the target, positive label and missing-value texts given to train (LoadOptions.target, .positiveLabel, .missingTokens)",
             "the --target, --positive and --missing given to train"),
            ("the positive label and missing-value texts given to train (LoadOptions.positiveLabel, .missingTokens)",
             "the --positive and --missing given to train"),
            ("when loading the leads (LoadOptions.target)", "with --target"),
            ("(the missing-value texts, LoadOptions.missingTokens)", "(--missing)"),
            ("the missing-value texts (LoadOptions.missingTokens)", "--missing"),
            ("name the positive label (LoadOptions.positiveLabel)", "pass --positive"),
            ("LoadOptions.positiveLabel", "--positive"),
            ("LoadOptions.target", "--target"),
            ("LoadOptions.excluded", "--exclude"),
            ("LoadOptions.roles", "--role"),
            ("LoadOptions.missingTokens", "--missing"),
            ("LoadOptions.decimalSeparator", "--decimal"),
            ("(TrainingOptions.Split.timeOrdered)", "(--time COLUMN)"),
            ("(all rows asked for)", "(--all-rows)"),
            ("(measuring on all rows, allRows, is in-sample)", "(--all-rows measures on all, in-sample)"),
            ("compute the baseline from the training file (a baseline file)", "pass the training file with --baseline TRAIN.csv"),
            ("check the table name (RowSelection.table) or the query's FROM (RowSelection.query)", "check the name given to --table or the FROM of --query"),
            ("convert it in the query (RowSelection.query; e.g. ", "convert it in --query (e.g. "),
            ("name a new table (ScoreTable.table; it is created)", "name a new table with --out-table (it is created)"),
            ("name the id column as idColumn", "name the id column with --id"),
            ("load the rows into memory and train there (DatabaseSource.load, not InDatabaseTrainer)", "train without --in-database (the rows are then read into memory)"),
        ]
        for (phrase, flag) in phrases { text = text.replacingOccurrences(of: phrase, with: flag) }
        return text
    }

    /// The names or values of a library list (`"a", "b" and "c"`), each in double quotes with `\"` and `\\`
    /// escaped (`adviceQuoted`), escapes undone.
    private static func listed(_ list: Substring) -> [String] {
        list.matches(of: #/"((?:[^"\\]|\\.)*)"/#).map { item in
            var value = "", escaping = false
            for character in item.output.1 {
                if escaping || character != "\\" { value.append(character); escaping = false } else { escaping = true }
            }
            return value
        }
    }

    /// Single-quoted for a POSIX shell, so the suggestion can be pasted as printed.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
