import ArgumentParser
import CardDataChecks
import Foundation
import LeadData
import ScoreCardFormat

/// `--strict` of the commands that read a card with data: fail when the card does not fit the data.
struct CardCheckOptions: ParsableArguments {
    @Flag(help: "Fail when the card does not fit the data: a feature the data lacks, values its type cannot read, categories that never occur.")
    var strict = false

    /// Prints what does not fit between the card at `path` and `data` (to standard error with `--json`, so
    /// the JSON stays clean), or throws with `--strict`.
    func check(_ card: ScoreCard, path: String, data: Dataset, json: Bool) throws {
        guard let text = CardDataWarnings.text(card.findings(against: data), path: path) else { return }
        if strict { throw ValidationErrorMessage(text + "\n--strict: fix the card or the data, or drop --strict") }
        if json { printError(text) } else { printText(text + "\n") }
    }
}

/// How card ↔ data findings read in a command's output; the checks are `CardDataChecks`'.
enum CardDataWarnings {
    static func text(_ findings: [CardDataFinding], path: String) -> String? {
        guard !findings.isEmpty else { return nil }
        let ways = findings.count == 1 ? "1 way" : "\(findings.count) ways"
        return (["Card \(path) does not fit the data in \(ways):"] + findings.map { "  - \($0.text)" }).joined(separator: "\n")
    }
}
