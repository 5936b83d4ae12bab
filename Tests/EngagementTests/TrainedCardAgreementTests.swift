import Engagement
import EngagementTraining
import Foundation
import LeadData
import RuleScoring
import ScoreCardFormat
import XCTest

/// Train → card → score as of a moment → SQL: a card learned from synthetic leads and events gives every
/// lead the same points in the rule scorer and in the exported query run by the real `sqlite3`.
final class TrainedCardAgreementTests: XCTestCase {
    func testTrainedCardScoresTheSameInTheScorerAndInSQLite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trained-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let leadsPath = folder.appendingPathComponent("leads.csv").path, eventsPath = folder.appendingPathComponent("events.csv").path
        let generated = SyntheticEvents(leads: 800, seed: 7, spanDays: 300).generate()
        try generated.writeCSV(leads: leadsPath, events: eventsPath)

        let leads = try LeadTimeline(csv: leadsPath)
        let events = try EventLog(csv: eventsPath, leads: leads)
        let options = EngagementOptions(halfLifeGrid: [2, 10, 40, nil], capGrid: [nil, 3], rounds: 1, goldenSteps: 2)
        let result = try EngagementTrainer.train(leads: leads, events: events, options: options)
        let card = result.card
        XCTAssertEqual(card.version, 2)
        XCTAssertEqual(Set(card.eventCriteria.map(\.event)).isSubset(of: Set(generated.truth.events.map(\.event))), true)
        XCTAssertFalse(card.eventCriteria.isEmpty)
        XCTAssertEqual(card.criteria.map(\.feature), ["job_level", "lead_source", "company_size"])
        XCTAssertGreaterThan(result.testCardAUC, 0.55) // honest: measured on the newest leads' snapshots
        let reloaded = try ScoreCard(json: card.jsonData())
        XCTAssertEqual(reloaded, card)

        // Score every lead as of 30 days before the data ends, in Swift and in sqlite3.
        let asOf = generated.observedUntil - 30 * 86_400
        var tallies = EventTallies(card: card, asOf: asOf)
        try tallies.add(csv: eventsPath, source: card.events ?? EventSource())
        let scorer = try RuleScorer(card: card)
        var expected: [String: Int] = [:]
        for lead in generated.leadIDs.indices {
            let fields = ["job_level": generated.jobLevel[lead], "lead_source": generated.leadSource[lead], "company_size": String(Int(generated.companySize[lead]))]
            expected[generated.leadIDs[lead]] = scorer.score(fields, id: generated.leadIDs[lead], events: tallies).lead.points
        }
        XCTAssertGreaterThan(Set(expected.values).count, 10)

        let query = try CardSQL(card: card, dialect: .sqlite).query(table: "leads", eventsTable: "events", asOf: asOf)
        let script = ".import --csv '\(leadsPath)' leads\n.import --csv '\(eventsPath)' events\n.mode csv\n"
            + "SELECT lead_id, points FROM (\n\(query.dropLast())\n) AS exported;\n"
        let database = folder.appendingPathComponent("leads.db").path, scriptPath = folder.appendingPathComponent("score.sql").path
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-bail", database, ".read '\(scriptPath)'"]
        let output = Pipe(), errors = Pipe()
        (process.standardOutput, process.standardError) = (output, errors)
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(problems, "")
        var fromSQL: [String: Int] = [:]
        for line in text.split(whereSeparator: \.isNewline) { // sqlite3 ends CSV lines with CR LF
            let fields = line.split(separator: ",")
            fromSQL[String(fields[0])] = Int(fields[1].trimmingCharacters(in: .whitespacesAndNewlines))
        }
        XCTAssertEqual(fromSQL.count, expected.count)
        let disagreeing = expected.filter { fromSQL[$0.key] != $0.value }
        XCTAssertEqual(disagreeing.count, 0, "\(disagreeing.prefix(5).map { "\($0.key): scorer \($0.value), SQL \(fromSQL[$0.key] ?? -1)" })")
    }
}
