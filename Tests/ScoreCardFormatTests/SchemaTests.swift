import Foundation
import ScoreCardFormat
import TestSupport
import XCTest

/// docs/score-card.schema.json and the Swift decoder + validation agree: the shipped examples and a card
/// with every field pass both; cards broken in their shape fail both. Runs Python's `jsonschema`, and
/// skips when python3 or the package is missing (`pip install jsonschema`).
final class SchemaTests: XCTestCase {
    func testShippedExamplesMatchTheSchema() throws {
        let texts = try exampleCardPaths().map { try String(contentsOfFile: $0, encoding: .utf8) } + [formatPageExample()]
        XCTAssertEqual(try schemaAccepts(texts), texts.map { _ in true })
    }

    func testAFullyFilledCardAsWrittenMatchesTheSchema() throws {
        var card = try ScoreCard(json: Data(smallCard.utf8))
        card.description = "every optional field set"
        card.decimalSeparator = ","
        card.groups = [CriterionGroup(name: "engagement", label: "What the lead did", minimumPoints: 0, maximumPoints: 25)]
        card.criteria[0].group = "engagement"
        card.tiers[0].history = TierHistory(leads: 120, conversions: 50, shareOfLeads: 0.12, shareOfConversions: 0.4, conversionRate: 0.41,
                                            conversionInterval: RateInterval(lower: 0.33, upper: 0.5, confidence: 0.95, method: "wilson"))
        card.calibration = Calibration(method: "platt", table: card.reachableTotals().map { CalibrationEntry(points: $0, probability: Double($0) / 100) },
                                       logistic: LogisticForm(intercept: -3, slope: 0.05))
        card.provenance = Provenance(
            data: DataFingerprint(file: "leads.csv", sha256: String(repeating: "ab", count: 32), rows: 1000, positiveRate: 0.2),
            target: "converted", positiveLabel: "1", trainer: TrainerRecord(name: "logistic", settings: ["l2": 1.0, "bins": 10, "solver": "newton", "merge": true]),
            created: "2026-11-23T10:00:00Z", leadscoreVersion: "0.1.0",
            split: SplitRecord(method: SplitRecord.stratified, seed: 7, validationFraction: 0.2, testFraction: 0.2))
        card.metrics = CardMetrics(data: "test split", rows: 200, positiveRate: 0.2, auc: 0.8, averagePrecision: 0.5, logLoss: 0.4, brier: 0.13, ece: 0.01)
        let text = String(decoding: try card.jsonData(), as: UTF8.self)
        XCTAssertEqual(try schemaAccepts([text]), [true], text)
        XCTAssertEqual(try ScoreCard(json: Data(text.utf8)), card)
    }

    func testAVersionTwoCardWithEventCriteriaMatchesTheSchema() throws {
        let card = try ScoreCard(json: Data(EventCriterionTests.eventCard.utf8))
        XCTAssertEqual(try schemaAccepts([EventCriterionTests.eventCard, String(decoding: try card.jsonData(), as: UTF8.self)]), [true, true])
    }

    func testCardsBrokenInShapeFailBoth() throws {
        let broken = [
            smallCard(replacing: #""points": 10, "label": "1–3 visits""#, with: #""points": 2.5, "label": "1–3 visits""#),
            smallCard(replacing: #""version": 1"#, with: #""version": 3"#),
            // Event criteria need version 2 (schema: if/then; Swift: the decoder), and a cap.
            smallCard(replacing: #""criteria": ["#, with: #""eventCriteria": [{"event": "webinar", "label": "webinar", "pointsPerEvent": 5, "maximumPoints": 10}], "criteria": ["#),
            smallCard(replacing: #""version": 1"#, with: #""version": 2, "eventCriteria": [{"event": "webinar", "label": "webinar", "pointsPerEvent": 5}]"#),
            smallCard(replacing: #""name": "small""#, with: #""name": "small", "notes": "x""#),
            smallCard(replacing: #"{"otherwise": true, "points": 0, "label": "no demo"}"#, with: #"{"otherwise": true, "missing": true, "points": 0, "label": "no demo"}"#),
            smallCard(replacing: #"{"range": {"greaterThan": 3}"#, with: #"{"range": {"greaterThan": 3, "atLeast": null}"#),
            smallCard(replacing: #"{"otherwise": true, "points": 0, "label": "other level"}"#, with: #"{"missing": true, "points": 0, "label": "other level"}"#),
            smallCard(replacing: #"{"missing": true, "points": 0, "label": "visits unknown"}"#, with: #"{"missing": false, "points": 0, "label": "visits unknown"}"#),
            smallCard(replacing: #"{"is": true, "points": 10"#, with: #"{"categories": ["yes"], "points": 10"#),
            smallCard(replacing: #""label": "no demo""#, with: #""label": """#),
            smallCard(replacing: #""minimumPoints": 0"#, with: #""minimumPoints": -1"#),
            smallCard(replacing: #""type": "boolean""#, with: #""type": "flag""#),
            smallCard(replacing: #""criteria": ["#, with: #""calibration": {"method": "manual", "table": [{"points": 0, "probability": 1.5}]}, "criteria": ["#),
            smallCard(replacing: #""criteria": ["#, with: #""provenance": {"data": {"sha256": "abc"}}, "criteria": ["#),
            smallCard(replacing: #""criteria": ["#, with: #""provenance": {"split": {"method": "stratified", "seed": -1, "validationFraction": 0.2, "testFraction": 0.2}}, "criteria": ["#),
            smallCard(replacing: #""missingValues": ["", "NA"]"#, with: #""missingValues": ["", " NA"]"#),
            smallCard(replacing: #""points": 10, "label": "demo requested""#, with: #""points": 20000, "label": "demo requested""#),
            smallCard(replacing: #""basePoints": 5,"#, with: #""decimalSeparator": ";", "basePoints": 5,"#),
        ]
        XCTAssertEqual(try schemaAccepts(broken), broken.map { _ in false })
        for (index, text) in broken.enumerated() {
            XCTAssertThrowsError(try ScoreCard(json: Data(text.utf8)), "fixture \(index)")
        }
    }

    /// Whether the schema accepts each JSON text, according to Python's `jsonschema` (Draft 2020-12).
    private func schemaAccepts(_ texts: [String]) throws -> [Bool] {
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit(3)
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            print(json.dumps([validator.is_valid(json.loads(text)) for text in json.load(sys.stdin)]))
            """
        let process = try ProjectPython.process(["-c", script, repositoryRoot.appendingPathComponent("docs/score-card.schema.json").path])
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: texts))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == ProjectPython.importFailed { throw MissingTool("jsonschema in the project's Python environment") }
        XCTAssertEqual(process.terminationStatus, 0)
        return try JSONDecoder().decode([Bool].self, from: data)
    }
}
