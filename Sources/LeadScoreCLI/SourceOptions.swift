import ArgumentParser
import CardHoldout
import Foundation
import LeadCSV
import LeadData
import LeadDatabase
import ScoreCardFormat

/// Which rows to read when a command's data is a database instead of a CSV file: `sqlite:PATH`,
/// `postgresql://…` or `env:NAME` (the address in an environment variable, for one that holds a password).
/// Shared by every command that reads leads (`DataOptions` holds it; `score` uses it directly).
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("With a database as the data (sqlite:PATH, postgresql://…, env:NAME): the table to read.", valueName: "name"))
    var table: String?

    @Option(help: ArgumentHelp("With a database as the data: a SELECT whose rows are the leads.", valueName: "sql"))
    var query: String?

    func validate() throws {
        if table != nil, query != nil { throw ValidationError("give --table or --query, not both") }
    }

    /// The database source `data` names, or `nil` when `data` is a file path.
    func database(_ data: String) throws -> DatabaseSource? {
        guard let address = try Self.address(data) else {
            if table != nil || query != nil {
                throw ValidationErrorMessage("--table and --query read a database, but \(data) is a file; give sqlite:PATH, postgresql://… or env:NAME")
            }
            return nil
        }
        if let table { return DatabaseSource(address: address, rows: .table(table)) }
        if let query { return DatabaseSource(address: address, rows: .query(query)) }
        throw ValidationErrorMessage("\(address) is a database: say what to read with --table NAME or --query 'SELECT …'")
    }

    /// The database address in `text` (`nil` for a file path); an address with a password written on the
    /// command line is refused, since the process list and the shell's history show it to others.
    static func address(_ text: String) throws -> DatabaseAddress? {
        guard DatabaseAddress.isAddress(text), let address = try DatabaseAddress.parse(text) else { return nil }
        if address.holdsPassword, !text.hasPrefix("env:") {
            throw DatabaseError(.passwordInAddress, source: address.description,
                                detail: "the address holds a password, which the process list and the shell's history show to others",
                                advice: "leave it out and set PGPASSWORD, or use ~/.pgpass or a PGSERVICE entry; or export the whole address as LEADS_URL and pass env:LEADS_URL")
        }
        return address
    }
}

extension DataOptions {
    /// The leads at `data`: a CSV file, or the table or query of a database.
    func dataset(_ data: String, options: LoadOptions) throws -> Dataset {
        if let database = try source.database(data) { return try database.load(options: options) }
        return try Dataset.load(csv: data, options: options)
    }

    /// What a card or a recalibration records about the data: a file's name and SHA-256, a database's
    /// address (without its password) and table or query.
    func fingerprint(_ data: String, of leads: Dataset) throws -> DataFingerprint {
        if let database = try source.database(data) {
            return DataFingerprint(file: database.description, rows: leads.rowCount, positiveRate: leads.positiveRate)
        }
        return DataFingerprint(file: URL(fileURLWithPath: data).lastPathComponent, sha256: try SHA256.hexDigest(ofFile: data),
                               rows: leads.rowCount, positiveRate: leads.positiveRate)
    }

    /// How the data relates to a card's training data. A database's rows carry no hash and no fixed order,
    /// so the source a card was trained on is only known by its address and table or query, and its test
    /// leads cannot be drawn again: figures on it are marked as possibly in-sample.
    func holdoutRelation(_ data: String, leads: Dataset, provenance: Provenance?) throws -> CardHoldout.Relation {
        guard let database = try source.database(data) else { return try CardHoldout.relation(of: leads, path: data, provenance: provenance) }
        guard provenance?.data?.file == database.description else { return .unrelated }
        return .possibleOverlap(reason: "the card was trained on \(database); a database's rows carry no hash and no fixed order, so its test "
            + "leads cannot be told apart and the figures include leads it learned from; measure on leads that came later (--query … WHERE …)")
    }

    /// How to name the data in messages and reports: a file's name, or a database source without password.
    func dataName(_ data: String) throws -> String {
        try source.database(data)?.description ?? URL(fileURLWithPath: data).lastPathComponent
    }
}
