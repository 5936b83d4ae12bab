import Foundation
import LeadDatabase
import XCTest

/// A password never shows: not on the command line, in output, errors, reports or the card. The role
/// `leadscore_password` is the one `bin/with-postgres` makes give a password over TCP.
final class SecretTests: XCTestCase {
    private let password = "Hunter2-\(UUID().uuidString.prefix(8))"

    private func passwordRole(_ server: PostgresServer) throws {
        try server.execute("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'leadscore_password') THEN CREATE ROLE leadscore_password LOGIN; END IF;
            END $$
            """)
        try server.execute("ALTER ROLE leadscore_password PASSWORD '\(password)'")
        try server.execute("GRANT USAGE ON SCHEMA \(server.schema) TO leadscore_password")
        try server.execute("GRANT SELECT ON ALL TABLES IN SCHEMA \(server.schema) TO leadscore_password")
    }

    func testAddressesArePrintedWithoutTheirPassword() throws {
        let address = try XCTUnwrap(DatabaseAddress.parse("postgresql://etl:s%40cret@db.internal:5433/crm?sslmode=require&password=other&application_name=x"))
        XCTAssertEqual(address.description, "postgresql://etl@db.internal:5433/crm?sslmode=require&application_name=x")
        XCTAssertTrue(address.holdsPassword)
        XCTAssertFalse(try XCTUnwrap(DatabaseAddress.parse("postgres://etl@db/crm")).holdsPassword)
        XCTAssertEqual(try XCTUnwrap(DatabaseAddress.parse("sqlite:///var/crm.db")).engine, .sqlite(path: "/var/crm.db"))
        XCTAssertNil(try DatabaseAddress.parse("leads.csv"))
        let fromEnvironment = try XCTUnwrap(DatabaseAddress.parse("env:LEADS_URL", environment: ["LEADS_URL": "postgresql://u:pw@h/d"]))
        XCTAssertEqual(fromEnvironment.description, "postgresql://u@h/d")
        XCTAssertThrowsError(try DatabaseAddress.parse("env:LEADS_URL", environment: [:])) { error in
            XCTAssertEqual("\(error)", "env:LEADS_URL: the environment variable LEADS_URL is not set; export LEADS_URL='postgresql://user:password@host/database' (or sqlite:PATH) before running")
        }
    }

    func testAPasswordIsNeverPrinted() throws {
        let server = try PostgresServer(self)
        let folder = try temporaryFolder(self)
        let leads = try shippedLeads(rows: 400, in: folder)
        try server.load(table: "leads", header: leads.header, csv: leads.path)
        try passwordRole(server)
        let table = ["--table", "\(server.schema).leads"]
        var printed: [String] = []

        // The right password in a URL held by an environment variable: the card and the output hold the
        // address without it.
        let good = try runLeadScore(["train", "env:LEADS_URL"] + table + ["--target", "converted", "--out", "card.json", "--report", "report.html"],
                                    environment: ["LEADS_URL": server.url(user: "leadscore_password", password: password, query: "?sslmode=disable")], in: folder)
        XCTAssertEqual(good.status, 0, good.errors)
        let card = try String(contentsOf: folder.appendingPathComponent("card.json"), encoding: .utf8)
        XCTAssertTrue(card.contains(#""file": "\#(server.url(user: "leadscore_password"))?sslmode=disable, table \#(server.schema).leads""#), card)
        printed += [good.all, card, try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)]

        // The same through PGPASSWORD, then scores written back and monitored.
        let withPGPassword = ["PGPASSWORD": password]
        let url = server.url(user: "leadscore_password")
        let scored = try runLeadScore(["score", "card.json", url] + table + ["--out", "scored.csv"], environment: withPGPassword, in: folder)
        XCTAssertEqual(scored.status, 0, scored.errors)
        let monitored = try runLeadScore(["monitor", "card.json", url] + table, environment: withPGPassword, in: folder)
        XCTAssertTrue(monitored.output.contains("PSI"), monitored.all)
        printed += [scored.all, monitored.all]

        // A wrong password, every way it can come: a clear error that shows none of them.
        for (arguments, environment) in [
            (["inspect", "env:LEADS_URL"], ["LEADS_URL": server.url(user: "leadscore_password", password: "wrong-\(password)")]),
            (["inspect", url], ["PGPASSWORD": "wrong-\(password)"]),
        ] {
            let refused = try runLeadScore(arguments + table, environment: environment, in: folder)
            XCTAssertEqual(refused.status, 1)
            XCTAssertTrue(refused.errors.contains("the server refused the login"), refused.errors)
            XCTAssertTrue(refused.errors.hasPrefix("error: \(url), table"), refused.errors)
            printed.append(refused.all)
        }
        // Written on the command line: refused before connecting, and not echoed.
        let onCommandLine = try runLeadScore(["inspect", server.url(user: "leadscore_password", password: password)] + table, in: folder)
        XCTAssertEqual(onCommandLine.status, 1)
        XCTAssertTrue(onCommandLine.errors.contains("the address holds a password"), onCommandLine.errors)
        printed.append(onCommandLine.all)
        // TLS settings reach libpq: this server has no TLS, so sslmode=require fails, saying so.
        let tls = try runLeadScore(["inspect", "env:LEADS_URL"] + table,
                                   environment: ["LEADS_URL": server.url(user: "leadscore_password", password: password, query: "?sslmode=require")], in: folder)
        XCTAssertEqual(tls.status, 1)
        XCTAssertTrue(tls.errors.contains("SSL"), tls.errors)
        printed.append(tls.all)

        for text in printed {
            XCTAssertFalse(text.contains(password), text)
            XCTAssertFalse(text.contains("Hunter2"), text)
        }
    }
}
