import Foundation
import ScoreCardFormat
import XCTest

/// The repository root, found from this file's path, for the shipped example cards and the schema.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The example cards shipped in docs/examples.
func exampleCardPaths() throws -> [String] {
    let folder = repositoryRoot.appendingPathComponent("docs/examples")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0).path }
}

/// A small valid card as JSON text; tests replace pieces of it to break it in one place.
let smallCard = """
{
  "format": "leadscore-card",
  "version": 1,
  "name": "small",
  "missingValues": ["", "NA"],
  "basePoints": 5,
  "maximumPoints": 50,
  "criteria": [
    {
      "feature": "visits",
      "label": "Visits",
      "type": "numeric",
      "conditions": [
        {"range": {"atMost": 0}, "points": 0, "label": "no visit"},
        {"range": {"greaterThan": 0, "atMost": 3}, "points": 10, "label": "1–3 visits"},
        {"range": {"greaterThan": 3}, "points": 20, "label": "4+ visits"},
        {"missing": true, "points": 0, "label": "visits unknown"}
      ]
    },
    {
      "feature": "level",
      "label": "Job level",
      "type": "categorical",
      "conditions": [
        {"categories": ["vp", "c_level"], "points": 15, "label": "VP or C-level"},
        {"categories": ["student"], "points": -5, "label": "student"},
        {"otherwise": true, "points": 0, "label": "other level"}
      ]
    },
    {
      "feature": "demo",
      "label": "Demo requested",
      "type": "boolean",
      "conditions": [
        {"is": true, "points": 10, "label": "demo requested"},
        {"otherwise": true, "points": 0, "label": "no demo"}
      ]
    }
  ],
  "tiers": [
    {"name": "hot", "minimumPoints": 35, "action": "route to sales"},
    {"name": "cold", "minimumPoints": 0, "action": "nurture"}
  ]
}
"""

/// `smallCard` with `original` replaced by `replacement` (which must occur exactly once).
func smallCard(replacing original: String, with replacement: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let parts = smallCard.components(separatedBy: original)
    XCTAssertEqual(parts.count, 2, "fixture text to replace must occur once: \(original)", file: file, line: line)
    return parts.joined(separator: replacement)
}

/// The problems reading `json` reports, joined into one text; fails the test if the card is accepted.
func problems(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        _ = try ScoreCard(json: Data(json.utf8))
        XCTFail("the card was accepted", file: file, line: line)
        return ""
    } catch {
        return error.description
    }
}

/// The hand-written card shown at the top of docs/score-card.md (its first `json` block).
func formatPageExample() throws -> String {
    let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/score-card.md"), encoding: .utf8)
    guard let start = page.range(of: "```json\n"), let end = page.range(of: "```", range: start.upperBound..<page.endIndex) else {
        throw CardError(problems: [CardProblem("docs/score-card.md", "no json block")])
    }
    return String(page[start.upperBound..<end.lowerBound])
}
