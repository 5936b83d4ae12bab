import ArgumentParser
import RuleScoring
import ScoreCardFormat

struct ExportSQL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-sql",
        abstract: "Print a point card as one SQL query that scores a table of leads.",
        discussion: """
            The query adds points, tier and probability to every row: SELECT *, … FROM (SELECT *, … AS points \
            FROM TABLE) AS scored. It keeps the card's rules exactly: values trimmed, missing-value tokens \
            and unreadable numbers scored as missing, unseen categories as "otherwise", group caps and the \
            0…maximum range.

            Example:
              leadscore export-sql docs/examples/synthetic-seed-practice.json \\
                  --dialect sqlite --table leads > score.sql

            Then run score.sql where the leads are, e.g. in sqlite3 with them in a \
            table named leads: .read score.sql
            """)

    @Argument(help: "The score card (JSON).") var card: String
    @Option(help: "SQL dialect: \(SQLDialect.allCases.map(\.rawValue).joined(separator: ", ")).") var dialect: SQLDialect
    @Option(help: "The table of leads; dots separate schema and table (analytics.leads).") var table = "leads"

    func run() throws {
        try reportingFailure {
            print(try CardSQL(card: try ScoreCard.load(path: card), dialect: dialect).query(table: table))
        }
    }
}

extension SQLDialect: ExpressibleByArgument {}
