import Foundation
import XCTest

/// `leadscore report --format ipynb`: the notebook is valid nbformat 4 (checked by Python's `nbformat`), and
/// its plain-Python cell gives the same points as LeadScore's scorer — on the sample leads it prints and on
/// every lead of the file. Also checks the committed notebooks in `notebooks-export/`.
final class ReportNotebookTests: XCTestCase {
    /// A hand-written card with groups, a capped subtotal, base points, a missing-value token and every
    /// criterion type: the rules the Python cell must get right.
    let seedCard = "docs/examples/synthetic-seed-practice.json"
    let leads = "datasets/synthetic/leads.csv"

    func testNotebookValidatesAndItsPythonCellReproducesTheScorer() throws {
        let folder = try cliTemporaryFolder(self)
        let notebook = folder.appendingPathComponent("synthetic.ipynb").path
        let result = try runLeadScore(["report", seedCard, leads, "--target", "converted", "--format", "ipynb", "--out", notebook])
        XCTAssertEqual(result.status, 0, result.errors)
        try assertValid(notebook, in: folder)

        let contents = try NotebookContents(path: notebook)
        XCTAssertEqual(contents.images.count, 6)
        XCTAssertTrue(contents.images.allSatisfy { $0.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg""#) })
        XCTAssertTrue(contents.markdown.contains("| Condition | Values | Points |"), "the card table is missing")
        // Run the cell as Jupyter would (in the notebook's folder), then score the whole file with its rules.
        let script = folder.appendingPathComponent("cell.py")
        try (contents.pointsCell + """

            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8") as file:
                print("ALL " + json.dumps([points(row) for row in csv.DictReader(file)]))
            print("SAMPLE " + json.dumps([lead["values"] for lead in leads]))
            """).write(to: script, atomically: true, encoding: .utf8)
        let run = try runPythonWithNbformat([script.path, cliRepositoryRoot.appendingPathComponent(leads).path], in: folder)
        XCTAssertEqual(run.status, 0, run.errors)

        let printed = printedTotals(run.output)
        XCTAssertGreaterThanOrEqual(printed.count, 3, run.output)
        for line in printed { XCTAssertEqual(line.python, line.leadscore, run.output) }
        XCTAssertGreaterThan(Set(printed.map(\.python)).count, 2, "the sample leads should spread over the totals")

        // The sample leads' values, scored by `leadscore score`, give the totals Python printed.
        let sample = try XCTUnwrap(jsonLine("SAMPLE ", in: run.output) as? [[String: String]])
        let features = Array(Set(sample.flatMap(\.keys))).sorted()
        let sampleCSV = folder.appendingPathComponent("sample.csv").path
        try ([features.joined(separator: ",")] + sample.map { lead in features.map { quoted(lead[$0] ?? "") }.joined(separator: ",") })
            .joined(separator: "\n").write(toFile: sampleCSV, atomically: true, encoding: .utf8)
        XCTAssertEqual(try scorerTotals(sampleCSV), printed.map(\.python))

        // And every lead of the file.
        let all = try XCTUnwrap(jsonLine("ALL ", in: run.output) as? [Int])
        let scorer = try scorerTotals(cliRepositoryRoot.appendingPathComponent(leads).path)
        XCTAssertEqual(all.count, 20_000)
        XCTAssertEqual(scorer.count, 20_000)
        let differing = all.indices.filter { $0 < scorer.count && all[$0] != scorer[$0] }
        XCTAssertTrue(differing.isEmpty, "\(differing.count) leads differ; the first, row \(differing.first.map { $0 + 1 } ?? 0): Python \(differing.first.map { all[$0] } ?? 0), LeadScore \(differing.first.map { scorer[$0] } ?? 0)")
    }

    func testFormatFollowsTheFileName() throws {
        let folder = try cliTemporaryFolder(self)
        let notebook = folder.appendingPathComponent("report.IPYNB").path
        XCTAssertEqual(try runLeadScore(["report", seedCard, leads, "--target", "converted", "--out", notebook]).status, 0)
        XCTAssertNoThrow(try NotebookContents(path: notebook))
        let page = folder.appendingPathComponent("report.ipynb.html").path
        XCTAssertEqual(try runLeadScore(["report", seedCard, leads, "--target", "converted", "--out", page]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: page, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    /// The committed notebooks: valid, with a card beside each that the points cell reloads, and the
    /// totals it recomputes equal to the ones LeadScore wrote into it.
    func testExportedNotebooksValidateAndTheirPointsCellsRun() throws {
        let folder = cliRepositoryRoot.appendingPathComponent("notebooks-export")
        let notebooks = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ipynb") }.sorted()
        XCTAssertEqual(notebooks.count, 3, "\(notebooks)")
        for name in notebooks {
            let path = folder.appendingPathComponent(name).path
            try assertValid(path, in: folder)
            let run = try runPythonWithNbformat(["-c", try NotebookContents(path: path).pointsCell], in: folder)
            XCTAssertEqual(run.status, 0, "\(name): \(run.errors)")
            let printed = printedTotals(run.output)
            XCTAssertGreaterThanOrEqual(printed.count, 3, "\(name): \(run.output)")
            for line in printed { XCTAssertEqual(line.python, line.leadscore, "\(name): \(run.output)") }
        }
    }

    private func assertValid(_ notebook: String, in folder: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let check = try runPythonWithNbformat(
            ["-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", notebook], in: folder)
        XCTAssertEqual(check.status, 0, check.errors, file: file, line: line)
        XCTAssertEqual(check.output, "valid\n", file: file, line: line)
    }

    /// The `points` column of `leadscore score` on a file.
    private func scorerTotals(_ csv: String) throws -> [Int] {
        let scored = try runLeadScore(["score", seedCard, csv])
        XCTAssertEqual(scored.status, 0, scored.errors)
        let lines = scored.output.split(separator: "\n")
        let column = try XCTUnwrap(lines.first?.split(separator: ",").firstIndex(of: "points"))
        return lines.dropFirst().map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[column]) ?? -1 }
    }

    private func jsonLine(_ prefix: String, in output: String) throws -> Any {
        let line = try XCTUnwrap(output.split(separator: "\n").first { $0.hasPrefix(prefix) })
        return try JSONSerialization.jsonObject(with: Data(line.dropFirst(prefix.count).utf8))
    }

    private func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
