import Foundation
import TestSupport
import XCTest

/// Runs the project's Python (`.venv`, with nbformat; made by `bin/setup`) with `arguments` in `folder`.
func runPythonWithNbformat(_ arguments: [String], in folder: URL) throws -> CommandResult {
    try ToolRunner.run(try ProjectPython.process(arguments), in: folder)
}

/// The parts of a notebook file the tests look at.
struct NotebookContents {
    var cells: [[String: Any]]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let notebook = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        cells = try XCTUnwrap(notebook["cells"] as? [[String: Any]])
    }

    func source(_ cell: [String: Any]) -> String { (cell["source"] as? [String])?.joined() ?? cell["source"] as? String ?? "" }

    var markdown: String { cells.filter { $0["cell_type"] as? String == "markdown" }.map(source).joined(separator: "\n") }

    /// The SVG images the notebook shows.
    var images: [String] {
        cells.flatMap { ($0["outputs"] as? [[String: Any]]) ?? [] }.compactMap { output in
            let data = output["data"] as? [String: Any]
            return (data?["image/svg+xml"] as? [String])?.joined()
        }
    }

    /// The Python cell that recomputes points: the last code cell.
    var pointsCell: String { cells.last { $0["cell_type"] as? String == "code" }.map(source) ?? "" }
}

/// The `lead N: X points (LeadScore: Y)` lines the points cell prints, as (Python's total, LeadScore's).
func printedTotals(_ output: String) -> [(python: Int, leadscore: Int)] {
    output.split(separator: "\n").compactMap { line in
        guard line.hasPrefix("lead "), let colon = line.firstIndex(of: ":"), let open = line.range(of: "(LeadScore: ") else { return nil }
        let python = line[line.index(after: colon)...].split(separator: " ").first.flatMap { Int($0) }
        let leadscore = line[open.upperBound...].prefix { $0.isNumber }
        guard let python, let total = Int(leadscore) else { return nil }
        return (python, total)
    }
}
