import ArgumentParser
import Foundation
import LeadData

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise a CSV of leads: rows, column roles, missing and distinct counts, outcome balance.",
        discussion: """
            Roles are inferred from the whole file (a value the first rows' guess cannot hold widens \
            it: 0/1 → number → text); override them with --role or a --schema file. With --target, \
            every column is ranked by its strength alone on held-out leads, with leakage flags \
            (docs/leakage.md). Errors name the file, line and column, and exit with status 1.

            Examples:
              leadscore inspect datasets/synthetic/leads.csv --target converted
              leadscore inspect datasets/online-shoppers/online_shoppers_intention.csv \\
                  --target Revenue --json
              leadscore inspect datasets/online-shoppers/online_shoppers_intention.csv \\
                  --schema datasets/online-shoppers/schema.json

            A schema file (every key optional; flags override it):
              {"target": "Converted", "positive": "1", "missing": ["Select"],
               "exclude": ["Tags"], "roles": {"Lead Number": "identifier"},
               "delimiter": ",", "decimal": "."}
            """)

    @Argument(help: "The CSV file.")
    var file: String

    @OptionGroup var data: DataOptions

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        try reportingFailure {
            let dataset = try data.load(file)
            let summary = DatasetSummary(dataset)
            let warnings = LeakageWarnings(dataset)
            printText(json ? try warnings.json(summary) : summary.table() + warnings.inspectText)
        }
    }
}
