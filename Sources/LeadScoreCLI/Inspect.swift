import ArgumentParser
import Foundation
import LeadData

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise a CSV of leads: rows, column roles, missing and distinct counts, outcome balance.",
        discussion: """
            Roles are inferred from the first 10 000 rows; override them with --role or a --schema file. \
            Errors name the file, line and column, and exit with status 1.

            Examples:
              leadscore inspect ../shared/datasets/x-education-leads/Leads.csv --target Converted --missing Select
              leadscore inspect datasets/online-shoppers/online_shoppers_intention.csv --target Revenue --json
            """)

    @Argument(help: "The CSV file.")
    var file: String

    @OptionGroup var data: DataOptions

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        try reportingFailure {
            let summary = DatasetSummary(try data.load(file))
            print(json ? try summary.json() : summary.table())
        }
    }
}
