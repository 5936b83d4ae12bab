import Foundation

/// A report as a Jupyter notebook (nbformat 4.5): the same sections as the HTML page in markdown cells,
/// each plot as an SVG image, and at the end a Python cell that reloads the card and recomputes the
/// points of a few leads, so an analyst can carry on in Jupyter.
///
/// A plot is a code cell (source folded away) that displays its SVG and carries that display as its
/// saved output: the output is what GitHub and nbviewer show, and the source means "Run All" draws the
/// plot again instead of clearing it. Markdown cells cannot hold the plots: Jupyter strips inline SVG there.
struct NotebookReport {
    let document: ReportDocument
    let recipe: PointsRecipe

    func data() throws -> Data {
        var cells: [NotebookCell] = []
        var header = ["# \(Markup.markdown(document.title))"]
        if let summary = document.summary { header.append(Markup.markdown(summary)) }
        header.append("*\(Markup.markdown(document.context))*")
        cells.append(.markdown(header))
        for section in document.sections {
            var text = ["## \(Markup.markdown(section.title))"]
            for block in section.blocks {
                guard case .figures(let figures) = block else {
                    text.append(markdown(block))
                    continue
                }
                for figure in figures {
                    cells.append(.markdown(text + ["### \(Markup.markdown(figure.title))", Markup.markdown(figure.caption)]))
                    cells.append(.plot(figure.chart.svg(standalone: true)))
                    text = []
                }
            }
            if !text.isEmpty { cells.append(.markdown(text)) }
        }
        cells.append(.markdown(["## Continue in Python", Markup.markdown(recipe.introduction)]))
        cells.append(.code(recipe.source))
        return try NotebookFile(cells: cells).data()
    }

    private func markdown(_ block: ReportDocument.Block) -> String {
        switch block {
        case .paragraph(let text):
            return Markup.markdown(text)
        case .metrics(let metrics):
            return table(ReportDocument.Table(
                columns: [.init(title: "Measure"), .init(title: "Value", numeric: true), .init(title: "Meaning")],
                rows: metrics.map { .cells([$0.name, $0.value, $0.meaning]) }))
        case .table(let table):
            return self.table(table)
        case .facts(let facts):
            return facts.map { "- **\(Markup.markdown($0.0))**: \(Markup.markdown($0.1))" }.joined(separator: "\n")
        case .steps(let steps):
            return steps.enumerated().map { index, step in
                "\(index + 1). " + Markup.markdown(step.text) + (step.command.map { "<br>" + Markup.markdown($0) } ?? "")
            }.joined(separator: "\n")
        case .figures:
            return ""
        }
    }

    /// A GitHub-flavoured markdown table; a heading row becomes a row with its title in bold.
    private func table(_ table: ReportDocument.Table) -> String {
        let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
        var lines = [line(table.columns.map { Markup.markdown($0.title) }), line(table.columns.map { $0.numeric ? "---:" : "---" })]
        for row in table.rows {
            switch row {
            case .heading(let title, let detail):
                lines.append(line(["**\(Markup.markdown(title))** · \(Markup.markdown(detail))"] + Array(repeating: "", count: table.columns.count - 1)))
            case .cells(let cells, _):
                lines.append(line(cells.map(Markup.markdown)))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// One cell of a notebook file.
enum NotebookCell {
    /// Paragraphs, joined by blank lines.
    case markdown([String])
    case code(String)
    /// An SVG image: a folded code cell that displays it, with the display saved as its output.
    case plot(String)
}

/// The notebook's JSON, laid out the way Jupyter saves it (sources as lists of lines), so a regenerated
/// notebook diffs line by line.
private struct NotebookFile {
    let cells: [NotebookCell]

    func data() throws -> Data {
        let notebook: [String: Any] = [
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": [
                "kernelspec": ["name": "python3", "display_name": "Python 3", "language": "python"],
                "language_info": ["name": "python"],
            ],
            "cells": cells.enumerated().map { index, cell in json(cell, id: "cell-\(index + 1)") },
        ]
        return try JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    private func json(_ cell: NotebookCell, id: String) -> [String: Any] {
        switch cell {
        case .markdown(let paragraphs):
            return ["cell_type": "markdown", "id": id, "metadata": [String: Any](),
                    "source": lines(paragraphs.filter { !$0.isEmpty }.joined(separator: "\n\n"))]
        case .code(let source):
            return ["cell_type": "code", "id": id, "metadata": [String: Any](), "execution_count": NSNull(), "outputs": [Any](),
                    "source": lines(source)]
        case .plot(let svg):
            let display: [String: Any] = ["output_type": "display_data", "metadata": [String: Any](),
                                          "data": ["image/svg+xml": lines(svg), "text/plain": ["<IPython.core.display.SVG object>"]]]
            return ["cell_type": "code", "id": id, "metadata": ["jupyter": ["source_hidden": true]], "execution_count": NSNull(),
                    "outputs": [display], "source": lines("from IPython.display import SVG\nSVG(\(PythonSource.string(svg)))")]
        }
    }

    /// Text as Jupyter stores it: lines that keep their line break, the last one without.
    private func lines(_ text: String) -> [String] {
        // Split on the scalar: `String.split` would not split "\r\n", which is one `Character`.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) + "\n" }
        guard let last = lines.popLast() else { return [] }
        return last == "\n" ? lines : lines + [String(last.dropLast())]
    }
}

/// Python source text for values made in Swift. The only way data reaches a notebook's code cells: file,
/// column and category names and lead values come from files a stranger may have written, so they go into
/// code as string literals and nowhere else (never into a comment, where a `\r` would end the line).
enum PythonSource {
    /// A double-quoted Python string literal that evaluates to exactly `text`. Quotes and backslashes are
    /// escaped; so is every scalar that could end a line or hide what the code says: control characters
    /// (C0, DEL, C1 — Python ends lines at `\r`, IPython's cell splitting also at `\v`, `\f`, `\x1c`–`\x1e` and
    /// `\x85`), line and paragraph separators, format characters (bidirectional overrides, zero-width
    /// characters: "Trojan Source"), private-use and unassigned code points. Everything else, é included,
    /// stays readable.
    static func string(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            default:
                if needsEscape(scalar) {
                    literal += scalar.value < 0x100 ? String(format: "\\x%02x", scalar.value)
                        : scalar.value < 0x10000 ? String(format: "\\u%04x", scalar.value) : String(format: "\\U%08x", scalar.value)
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: return true
        default: return false
        }
    }
}
