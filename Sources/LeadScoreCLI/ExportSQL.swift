import ArgumentParser
import LeadCSV
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
    @Option(help: "For a card with event criteria: the table of activity events (columns as the card's \"events\" names them).") var eventsTable = "events"
    @Option(help: "For a card with event criteria: the moment to score as of (2026-12-01 or an ISO 8601 date-time); required then.") var asOf: String?

    func run() throws {
        try reportingFailure {
            let loaded = try ScoreCard.load(path: card)
            let sql = CardSQL(card: loaded, dialect: dialect)
            guard !loaded.eventCriteria.isEmpty else { return print(try sql.query(table: table)) }
            guard let asOf else { throw ValidationError("the card has event criteria: give --as-of (e.g. --as-of 2026-12-01) and, unless it is \"events\", --events-table") }
            guard let moment = Array(asOf.utf8).withUnsafeBufferPointer({ ISODate.parse($0) }) else {
                throw ValidationError("--as-of \"\(asOf)\" is not a date; write 2026-12-01 or 2026-12-01T09:00:00Z")
            }
            print(try sql.query(table: table, eventsTable: eventsTable, asOf: moment))
        }
    }
}

extension SQLDialect: ExpressibleByArgument {}
