import Foundation
import ScoreCardFormat
import XCTest

/// The repository root, found from this file's path, for the shipped data sets and example cards.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repositoryPath(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

/// A card small enough to score by hand: base 5, maximum 50; engagement (visits, demo) capped at 20;
/// fit (job level) floored at −5; company size ungrouped. Totals reachable: 0, 5, …, 45.
let handCard = """
{
  "format": "leadscore-card", "version": 1, "name": "hand", "missingValues": ["", "NA"],
  "basePoints": 5, "maximumPoints": 50,
  "groups": [{"name": "engagement", "maximumPoints": 20}, {"name": "fit", "minimumPoints": -5}],
  "criteria": [
    {"feature": "visits", "label": "Visits", "group": "engagement", "type": "numeric", "conditions": [
      {"range": {"atMost": 0}, "points": 0, "label": "no visit"},
      {"range": {"greaterThan": 0, "atMost": 3}, "points": 10, "label": "1–3 visits"},
      {"range": {"greaterThan": 3}, "points": 20, "label": "4+ visits"},
      {"missing": true, "points": 0, "label": "visits unknown"}]},
    {"feature": "demo", "label": "Demo", "group": "engagement", "type": "boolean", "conditions": [
      {"is": true, "points": 15, "label": "demo requested"},
      {"otherwise": true, "points": 0, "label": "no demo"}]},
    {"feature": "level", "label": "Job level", "group": "fit", "type": "categorical", "conditions": [
      {"categories": ["vp", "c_level"], "points": 15, "label": "VP or C-level"},
      {"categories": ["student"], "points": -10, "label": "student"},
      {"otherwise": true, "points": 0, "label": "other level"}]},
    {"feature": "size", "label": "Company size", "type": "numeric", "conditions": [
      {"range": {"atLeast": 100}, "points": 5, "label": "100+ employees"},
      {"otherwise": true, "points": 0, "label": "small or unknown company"}]}
  ],
  "tiers": [{"name": "hot", "minimumPoints": 30}, {"name": "warm", "minimumPoints": 15}, {"name": "cold", "minimumPoints": 0}],
  "calibration": {"method": "manual", "table": [
    {"points": 0, "probability": 0.0}, {"points": 5, "probability": 0.05}, {"points": 10, "probability": 0.1},
    {"points": 15, "probability": 0.15}, {"points": 20, "probability": 0.2}, {"points": 25, "probability": 0.25},
    {"points": 30, "probability": 0.3}, {"points": 35, "probability": 0.35}, {"points": 40, "probability": 0.4},
    {"points": 45, "probability": 0.45}]}
}
"""

func handScorerCard() throws -> ScoreCard { try ScoreCard(json: Data(handCard.utf8)) }

/// A fresh temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rulescoring-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
}
