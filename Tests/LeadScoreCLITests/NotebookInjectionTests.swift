import Foundation
import TestSupport
import XCTest

/// `report --out r.ipynb` writes text from strangers' files — the data file's name, column names, lead
/// values, the card's labels — into a notebook an analyst will run. It used to put the file name into a
/// Python comment, stripping only `\n`: a name holding `\r` ran code. Here every such text is hostile
/// (every control character, `\r` payloads, quotes, backslashes, line and paragraph separators, a
/// right-to-left override, markup), and Python's own parser checks that each code cell is exactly the code
/// of a notebook made from a harmless file name, with the hostile texts only as string constants that
/// read back unchanged. The HTML page of the same card and data must show them as text, not markup.
final class NotebookInjectionTests: XCTestCase {
    /// Every C0 control character but NUL (a file name cannot hold NUL or `/`), then DEL, C1 NEL, U+2028,
    /// U+2029, a right-to-left override and a zero-width space.
    static let controls = String(String.UnicodeScalarView((0x01..<0x20).map { Unicode.Scalar($0)! }))
        + "\u{7F}\u{85}\u{2028}\u{2029}\u{202E}\u{200B}"
    /// The data file's name.
    static let fileName = "leads\r__import__('os').system('touch PWNED-name')\r#\n# " + controls + #" "'\"""''' \ ]]> <b>.csv"#
    /// A column the card scores (categorical): its header and every one of its values in the data. The
    /// column name is also the card's feature, so it holds no control or separator character (a card may
    /// refuse those); the values and the file name do.
    static let column = ##"lead"source\ '''"""# "## + "cafe\u{301}"
    static let values = ["\u{0}\r__import__('os').system('touch PWNED-value')\r", controls, #"\"; import os #"#, "\u{85}#\u{2029}x", "referral"]

    struct Files {
        var folder: URL
        var card: String
        var data: String
        var benignData: String
    }

    /// The shipped seed-practice card with `lead_source` renamed to `column` and hostile labels, and the
    /// first 400 synthetic leads with that column's values replaced by `values`, under the hostile name and
    /// under `leads.csv`.
    private func hostileFiles() throws -> Files {
        let folder = try cliTemporaryFolder(self)
        var card = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: cliRepositoryRoot.appendingPathComponent("docs/examples/synthetic-seed-practice.json"))) as? [String: Any])
        card["name"] = "Seed <script>alert('name')</script> \"'\\ ]]>"
        var criteria = try XCTUnwrap(card["criteria"] as? [[String: Any]])
        let index = try XCTUnwrap(criteria.firstIndex { $0["feature"] as? String == "lead_source" })
        criteria[index]["feature"] = Self.column
        criteria[index]["label"] = "Lead \"source\" <script>alert('label')</script> '\u{301} |\u{301} $x$ ]]>"
        card["criteria"] = criteria
        var tiers = try XCTUnwrap(card["tiers"] as? [[String: Any]])
        tiers[0]["name"] = "hot\"\u{301} onmouseover=alert('tier') x=\"<i>"
        card["tiers"] = tiers
        let cardPath = folder.appendingPathComponent("card.json").path
        try JSONSerialization.data(withJSONObject: card).write(to: URL(fileURLWithPath: cardPath))

        let leads = try String(contentsOf: cliRepositoryRoot.appendingPathComponent("datasets/synthetic/leads.csv"), encoding: .utf8)
        let lines = leads.split(separator: "\n").prefix(401).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let sourceColumn = try XCTUnwrap(lines[0].firstIndex(of: "lead_source"))
        let quoted = { (field: String) in "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var csv = lines.enumerated().map { row, fields in
            var fields = fields
            fields[sourceColumn] = quoted(row == 0 ? Self.column : Self.values[row % Self.values.count])
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
        csv += "\n"
        let data = folder.appendingPathComponent(Self.fileName).path
        let benign = folder.appendingPathComponent("leads.csv").path
        try Data(csv.utf8).write(to: URL(fileURLWithPath: data))
        try Data(csv.utf8).write(to: URL(fileURLWithPath: benign))
        return Files(folder: folder, card: cardPath, data: data, benignData: benign)
    }

    func testHostileNamesReachNotebookCodeOnlyAsStringConstants() throws {
        let files = try hostileFiles()
        let hostile = files.folder.appendingPathComponent("hostile.ipynb").path
        let benign = files.folder.appendingPathComponent("benign.ipynb").path
        for (data, out) in [(files.data, hostile), (files.benignData, benign)] {
            let result = try runLeadScore(["report", files.card, data, "--target", "converted", "--out", out])
            XCTAssertEqual(result.status, 0, result.errors)
        }
        let expected = files.folder.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: ["name": Self.fileName, "column": Self.column, "values": Self.values])
            .write(to: expected)
        let check = try runPython3([Self.checker, hostile, benign, expected.path], in: files.folder)
        XCTAssertEqual(check.status, 0, check.errors + check.output)
        XCTAssertEqual(check.output, "checked\n", check.errors)

        // Run the points cell as an analyst would: it scores the leads as LeadScore did, and runs nothing else.
        let cell = try NotebookContents(path: hostile).pointsCell
        let run = try runPython3(["-c", cell], in: files.folder)
        XCTAssertEqual(run.status, 0, run.errors)
        let printed = printedTotals(run.output)
        XCTAssertGreaterThanOrEqual(printed.count, 3, run.output)
        for line in printed { XCTAssertEqual(line.python, line.leadscore, run.output) }
        let litter = try FileManager.default.contentsOfDirectory(atPath: files.folder.path).filter { $0.hasPrefix("PWNED") }
        XCTAssertEqual(litter, [], "the notebook ran injected code")
    }

    func testHTMLReportShowsHostileTextAsText() throws {
        let files = try hostileFiles()
        let page = files.folder.appendingPathComponent("report.html").path
        let result = try runLeadScore(["report", files.card, files.data, "--target", "converted", "--out", page])
        XCTAssertEqual(result.status, 0, result.errors)
        let check = try runPython3([Self.htmlChecker, page], in: files.folder)
        XCTAssertEqual(check.status, 0, check.errors + check.output)
        XCTAssertEqual(check.output, "checked\n", check.errors)
    }

    /// Python: the notebook's code cells parse; with every constant blanked, each has exactly the syntax
    /// tree of the benign notebook's cell (no statement, call or name more); the points cell has the data's
    /// name as `leads_from` and the hostile column and values as dictionary constants, intact; no comment
    /// holds data; every SVG image is well-formed XML; no markdown cell has a line break inside a text.
    static let checker = #"""
        import ast, io, json, sys, tokenize
        import xml.etree.ElementTree as ET

        hostile_path, benign_path, expected_path = sys.argv[1:4]
        expected = json.load(open(expected_path, encoding="utf-8"))

        def cells(path):
            return json.load(open(path, encoding="utf-8"))["cells"]

        def source(cell):
            return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]

        class Blank(ast.NodeTransformer):
            def visit_Constant(self, node):
                return ast.Constant(value=type(node.value).__name__)

        def shape(code):
            return ast.dump(Blank().visit(ast.parse(code)))

        def comments(code):
            return [t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.COMMENT]

        hostile, benign = cells(hostile_path), cells(benign_path)
        assert [c["cell_type"] for c in hostile] == [c["cell_type"] for c in benign], "different cells"
        code = [(source(h), source(b)) for h, b in zip(hostile, benign) if h["cell_type"] == "code"]
        for h, b in code:
            assert shape(h) == shape(b), "a code cell differs from the benign notebook's beyond its constants:\n" + h[:3000]
            assert comments(h) == comments(b), "comments differ: %r" % [c for c in comments(h) if c not in comments(b)]
        for h, _ in code[:-1]:
            tree = ast.parse(h)
            assert len(tree.body) == 2 and isinstance(tree.body[0], ast.ImportFrom), h[:200]
            call = tree.body[1].value
            assert call.func.id == "SVG" and len(call.args) == 1 and isinstance(call.args[0].value, str)

        tree = ast.parse(code[-1][0])
        names = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}
        assert names["leads_from"].value == expected["name"], "the data's name did not round-trip: %r" % names["leads_from"].value
        leads = ast.literal_eval(names["leads"])
        assert len(leads) >= 3
        for lead in leads:
            assert lead["values"][expected["column"]] in expected["values"], "a lead value did not round-trip: %r" % lead["values"]

        for cell in hostile:
            for output in cell.get("outputs", []):
                svg = output.get("data", {}).get("image/svg+xml")
                if svg is not None:
                    ET.fromstring("".join(svg))
            if cell["cell_type"] == "markdown":
                text = source(cell)
                bad = [hex(ord(c)) for c in text if (ord(c) < 0x20 and c != "\n") or c in "\x7f\x85\u2028\u2029"]
                assert not bad, "raw control characters in markdown: %s" % bad
        print("checked")
        """#

    /// Python: the page parsed by `html.parser` has no element, attribute or script from the data, the
    /// hostile labels appear as text, and no attribute holds any of them.
    static let htmlChecker = #"""
        import sys
        from html.parser import HTMLParser

        class Page(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.tags, self.attributes, self.text = set(), [], []
            def handle_starttag(self, tag, attrs):
                self.tags.add(tag)
                self.attributes += attrs
            def handle_data(self, data):
                self.text.append(data)

        page = Page()
        page.feed(open(sys.argv[1], encoding="utf-8").read())
        text = "".join(page.text)
        assert not page.tags & {"script", "i", "b", "iframe", "img"}, page.tags
        assert not [a for a in page.attributes if a[0].startswith("on") or "alert" in (a[1] or "")], page.attributes
        for shown in ["<script>alert('label')</script>", "hot\"\u0301 onmouseover=alert('tier') x=\"<i>", "<script>alert('name')</script>"]:
            assert shown in text, "not shown as text: %r" % shown
        print("checked")
        """#

    private func runPython3(_ arguments: [String], in folder: URL) throws -> CommandResult {
        let script = arguments.first == Self.checker || arguments.first == Self.htmlChecker
        return try ToolRunner.run(tool: "python3", script ? ["-c"] + arguments : arguments, in: folder)
    }
}
