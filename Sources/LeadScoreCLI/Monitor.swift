import ArgumentParser
import CardOperations
import Foundation
import ScoreCardFormat

struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check new leads against the card's training leads: drift (PSI), tiers, unseen values and, with outcomes, accuracy; one verdict.",
        discussion: """
            Verdict ok, recalibrate or retrain, with the thresholds it used (docs/monitoring.md). Exit status, \
            for a scheduled job: 0 ok, 10 recalibrate, 20 retrain, 1 an error (unreadable card or data), 64 a \
            usage error.

            Examples:
              leadscore train datasets/synthetic/leads.csv --target converted \\
                  --out card.json
              leadscore monitor card.json datasets/synthetic/leads.csv
              leadscore monitor card.json datasets/synthetic/leads.csv \\
                  --target converted --html monitor.html
            """)

    static let exitRecalibrate: Int32 = 10
    static let exitRetrain: Int32 = 20

    @Argument(help: "The card (JSON).") var card: String
    @Argument(help: "CSV of new leads (with the outcome column if known, named by --target).") var data: String
    @OptionGroup var dataOptions: DataOptions
    @Option(help: ArgumentHelp("Compare with this file of training leads instead of the baseline stored in the card.", valueName: "file"))
    var baseline: String?
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Also write the report as an HTML page.", valueName: "file")) var html: String?

    func run() throws {
        let report = try reportingFailure { () throws -> MonitorReport in
            try checkOutputPaths(html, inputs: [card, data] + (baseline.map { [$0] } ?? []))
            let progress = Progress()
            let scoreCard = try ScoreCard.load(path: card)
            let reference: Baseline, description: String
            if let baseline {
                progress.step("loading the baseline \(baseline)")
                var options = dataOptions
                options.target = nil
                let trainingLeads = try options.load(baseline, readAs: [scoreCard])
                reference = try baselineDistribution(scoreCard, leads: trainingLeads)
                description = "\(reference.rows) leads of \(baseline)"
            } else {
                guard let stored = scoreCard.provenance?.baseline else { throw CardOperationError.noBaseline }
                reference = stored
                description = "the card's training baseline (\(stored.rows) \(stored.leads ?? "training leads"))"
            }
            progress.step("loading \(data)")
            let leads = try dataOptions.load(data, readAs: [scoreCard])
            progress.step("scoring \(leads.rowCount) leads")
            let report = try CardMonitor().check(try CardLeads(card: scoreCard, leads: leads), baseline: reference, baselineDescription: description)
            progress.finish()
            if let html { try writeAtomically(Data(MonitorPage(report: report).html().utf8), toPath: html) }
            printText(json ? try jsonText(report) : report.text())
            return report
        }
        switch report.verdict {
        case .ok: return
        case .recalibrate: throw ExitCode(Self.exitRecalibrate)
        case .retrain: throw ExitCode(Self.exitRetrain)
        }
    }
}

/// The monitor report as one self-contained HTML page; every text from the card or data is escaped.
struct MonitorPage {
    var report: MonitorReport

    func html() -> String {
        let e = Markup.html
        let percent = { (value: Double?) in value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        let number = { (value: Double?) in value.map { String(format: "%.3f", $0) } ?? "–" }
        func table(_ header: [String], _ rows: [[String]]) -> String {
            "<table><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
                + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined() + "</table>"
        }
        var body = "<h1>Monitoring \(e(report.card))</h1>"
        body += "<p class=\"verdict \(report.verdict.rawValue)\">Verdict: <strong>\(report.verdict.rawValue)</strong></p><ul>"
        body += report.reasons.map { "<li>[\($0.verdict.rawValue)] \(e($0.text))</li>" }.joined()
        body += report.reasons.isEmpty ? "<li>no threshold reached</li></ul>" : "</ul>"
        body += "<p>\(report.rows) new leads against \(e(report.baseline)).</p>"
        body += "<h2>Total points</h2><p>PSI \(number(report.totalPSI)) (below \(report.thresholds.psiRecalibrate) stable, \(report.thresholds.psiRetrain)+ major).</p>"
        body += table(["points", "then", "now"], report.totalBuckets.map { bucket in
            [bucket.to.map { "\(bucket.from)–\($0)" } ?? "\(bucket.from)+", percent(bucket.then), percent(bucket.now)]
        })
        if !report.tiers.isEmpty {
            body += "<h2>Tiers</h2>" + table(["tier", "share then", "share now", "converted then", "converted now"], report.tiers.map {
                [$0.name, percent($0.then), percent($0.now), percent($0.conversionThen), percent($0.conversionNow)]
            })
        }
        body += "<h2>Criteria</h2>" + table(["criterion", "PSI", "unseen categories", "examples", "outside training range"], report.criteria.map {
            [$0.feature, number($0.psi), String($0.unseenCategories), $0.unseenExamples.joined(separator: ", "), String($0.outOfRange)]
        })
        for criterion in report.criteria {
            body += "<h3>\(e(criterion.feature))</h3>" + table(["condition", "then", "now"], criterion.conditions.map { [$0.label, percent($0.then), percent($0.now)] })
        }
        if let outcomes = report.outcomes {
            body += "<h2>With outcomes</h2>" + table(["", "then", "now"], [
                ["converted", percent(outcomes.positiveRateThen), percent(outcomes.positiveRate)],
                ["AUC (points)", number(outcomes.aucThen), String(format: "%.3f ± %.3f", outcomes.auc, outcomes.aucStandardError)],
                ["calibration error", number(outcomes.eceThen), number(outcomes.ece)],
                ["mean probability", "", percent(outcomes.meanProbability)],
            ])
        }
        if !report.notes.isEmpty { body += "<h2>Notes</h2><ul>" + report.notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>" }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Monitoring \(e(report.card))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0}\
            td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}.verdict.ok{color:#185}.verdict.recalibrate{color:#b60}.verdict.retrain{color:#c22}</style>
            </head><body>\(body)</body></html>

            """
    }
}
