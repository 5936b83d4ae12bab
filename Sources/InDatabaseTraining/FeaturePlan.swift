import LeadData
import RuleScoring

/// One feature as the database computes its bin: the SQL that maps a row to a bin number (0, 1, …), and
/// what each bin means as a shape piece. Every name is quoted and every value written as an escaped
/// literal, so no column name or category can change the query.
struct PlannedFeature: Sendable {
    /// The column, as the database names it.
    var name: String
    /// How the card reads it (numeric, boolean, categorical).
    var role: ColumnRole
    /// How values map to bins.
    var bins: Bins

    enum Bins: Sendable {
        /// `edges` ascending: bin i is (edges[i-1], edges[i]], the last bin above the last edge, then missing.
        /// `lowest`/`highest` are the smallest and largest training values (each bin's representative value).
        case numeric(edges: [Double], lowest: Double, highest: Double)
        /// false, true, missing.
        case boolean
        /// One bin per kept level, then everything else (rare or unseen), then missing.
        case categorical(levels: [String])
    }

    /// How many bins, missing included.
    var binCount: Int {
        switch bins {
        case .numeric(let edges, _, _): return edges.count + 2
        case .boolean: return 3
        case .categorical(let levels): return levels.count + 2
        }
    }

    /// The bin of a missing value (always the last).
    var missingBin: Int { binCount - 1 }

    /// The column read from the row alias `lead`, as the value the bins compare: a double, a boolean, or
    /// trimmed text.
    func valueSQL() throws -> String {
        let column = "lead." + (try SQLName.quoted(name))
        switch bins {
        case .numeric: return "CAST(\(column) AS double precision)"
        case .boolean: return "CAST(\(column) AS boolean)"
        case .categorical: return "TRIM(CAST(\(column) AS text))"
        }
    }

    /// `CASE … END` giving the bin number of the row `lead`; `missingTokens` are texts that mean missing
    /// (as the CSV loader and the card read them).
    func binSQL(missingTokens: [String]) throws -> String {
        let value = try valueSQL()
        switch bins {
        case .numeric(let edges, _, _):
            var branches = ["WHEN \(value) IS NULL OR \(value) = CAST('NaN' AS double precision) THEN \(missingBin)"]
            for (index, edge) in edges.enumerated() { branches.append("WHEN \(value) <= \(SQLNumber.literal(edge)) THEN \(index)") }
            return "CASE " + branches.joined(separator: " ") + " ELSE \(edges.count) END"
        case .boolean:
            return "CASE WHEN \(value) IS NULL THEN 2 WHEN \(value) THEN 1 ELSE 0 END"
        case .categorical(let levels):
            let tokens = missingTokens.map { SQLDialect.postgres.literal($0) }.joined(separator: ", ")
            var branches = ["WHEN \(value) IS NULL OR \(value) IN (\(tokens)) THEN \(missingBin)"]
            for (index, level) in levels.enumerated() { branches.append("WHEN \(value) = \(SQLDialect.postgres.literal(level)) THEN \(index)") }
            return "CASE " + branches.joined(separator: " ") + " ELSE \(levels.count) END"
        }
    }
}

/// SQL identifiers: in double quotes with inner quotes doubled (`SQLDialect.identifier`), refusing a
/// name with a control character, which no SQL name spells safely.
enum SQLName {
    static func quoted(_ name: String) throws -> String {
        do { return try SQLDialect.identifier(name) } catch {
            throw InDatabaseError.unsafeName(name)
        }
    }
}

/// Numbers written into SQL: always finite, in a form PostgreSQL reads back to the same double.
enum SQLNumber {
    static func literal(_ value: Double) -> String {
        precondition(value.isFinite, "only finite numbers are written into SQL")
        let text = "\(value)"
        // "1e-05" and "15.0" are numeric constants in PostgreSQL; the cast keeps them double precision.
        return "CAST(\(text) AS double precision)"
    }
}
