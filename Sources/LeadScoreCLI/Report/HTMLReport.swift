import Foundation

/// A report as one HTML page with its style sheet and plots inline: no scripts, fonts or images to fetch,
/// so it opens offline, travels as an e-mail attachment and prints as it shows.
struct HTMLReport {
    let document: ReportDocument

    var text: String {
        var page = [
            "<!DOCTYPE html>",
            #"<html lang="en">"#,
            "<head>",
            #"<meta charset="utf-8">"#,
            #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
            #"<meta name="generator" content="leadscore \#(LeadScore.version)">"#,
            "<title>\(Markup.html(document.title)) · LeadScore report</title>",
            "<style>\n\(ReportStyle.css)</style>",
            "</head>",
            "<body>",
            "<main>",
            "<header>",
            #"<p class="eyebrow">LeadScore report</p>"#,
            "<h1>\(Markup.html(document.title))</h1>",
        ]
        if let summary = document.summary { page.append(#"<p class="lede">\#(Markup.html(summary))</p>"#) }
        page.append(#"<p class="context">\#(Markup.html(document.context))</p>"#)
        page.append("</header>")
        for section in document.sections {
            page.append("<section>")
            page.append("<h2>\(Markup.html(section.title))</h2>")
            page += section.blocks.map(block)
            page.append("</section>")
        }
        page += [
            "<footer>Written by leadscore \(LeadScore.version). One self-contained file: no scripts, nothing fetched from the network.</footer>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
        return page.joined(separator: "\n")
    }

    private func block(_ block: ReportDocument.Block) -> String {
        switch block {
        case .paragraph(let text):
            return "<p>\(Markup.html(text))</p>"
        case .metrics(let metrics):
            let tiles = metrics.map { metric in
                #"<div class="metric"><div class="name">\#(Markup.html(metric.name))</div><div class="value">\#(Markup.html(metric.value))</div><div class="meaning">\#(Markup.html(metric.meaning))</div></div>"#
            }
            return #"<div class="metrics">"# + "\n" + tiles.joined(separator: "\n") + "\n</div>"
        case .figures(let figures):
            let items = figures.map { figure in
                // Both layouts when there is a phone's; the style sheet shows the one that fits the page.
                let charts = figure.narrow.map { figure.chart.svg(layout: "wide-layout") + "\n" + $0.svg(layout: "narrow-layout") } ?? figure.chart.svg()
                return """
                <figure\(figure.wide ? #" class="wide""# : "")>
                <h3>\(Markup.html(figure.title))</h3>
                \(charts)
                <figcaption>\(Markup.html(figure.caption))</figcaption>
                </figure>
                """
            }
            return #"<div class="figures">"# + "\n" + items.joined(separator: "\n") + "\n</div>"
        case .table(let table):
            return self.table(table)
        case .facts(let facts):
            let items = facts.map { "<dt>\(Markup.html($0.0))</dt><dd>\(Markup.html($0.1))</dd>" }
            return #"<dl class="facts">"# + "\n" + items.joined(separator: "\n") + "\n</dl>"
        case .steps(let steps):
            let items = steps.map { step in
                "<li><p>\(Markup.html(step.text))</p>" + (step.command.map { "<pre><code>\(Markup.html($0))</code></pre>" } ?? "") + "</li>"
            }
            return #"<ol class="steps">"# + "\n" + items.joined(separator: "\n") + "\n</ol>"
        }
    }

    /// A table. One with heading rows (the card) becomes a small table per heading, flowed in two columns
    /// like a printed point card, each kept whole across pages.
    private func table(_ table: ReportDocument.Table) -> String {
        var groups: [(heading: String?, rows: [String])] = []
        for row in table.rows {
            switch row {
            case .heading(let title, let detail):
                groups.append((#"<caption>\#(Markup.html(title)) <span class="detail">\#(Markup.html(detail))</span></caption>"#, []))
            case .cells(let cells, let value):
                if groups.isEmpty { groups.append((nil, [])) }
                groups[groups.count - 1].rows.append("<tr>" + zip(table.columns, cells).map { cell($1, column: $0, bar: value) }.joined() + "</tr>")
            }
        }
        let header = "<thead><tr>" + table.columns.map { #"<th\#($0.numeric ? #" class="num""# : "")>\#(Markup.html($0.title))</th>"# }.joined() + "</tr></thead>"
        guard groups.contains(where: { $0.heading != nil }) else {
            return #"<div class="table-wrap"><table>"# + header + "<tbody>\n" + groups.flatMap(\.rows).joined(separator: "\n") + "\n</tbody></table></div>"
        }
        return #"<div class="grouped">"# + "\n" + groups.map { group in
            #"<table class="group">"# + (group.heading ?? "") + "<tbody>\n" + group.rows.joined(separator: "\n") + "\n</tbody></table>"
        }.joined(separator: "\n") + "\n</div>"
    }

    private func cell(_ text: String, column: ReportDocument.Column, bar value: Int?) -> String {
        guard let span = column.bars, let points = value else {
            return #"<td\#(column.numeric ? #" class="num""# : "")>\#(Markup.html(text))</td>"#
        }
        return #"<td class="num">\#(Markup.html(text))\#(bar(points, span: span))</td>"#
    }

    /// A small bar from zero to `points` on a track spanning `span`, red below zero.
    private func bar(_ points: Int, span: ClosedRange<Int>) -> String {
        let width = Double(max(span.upperBound - span.lowerBound, 1))
        let zero = Double(-span.lowerBound) / width * 100
        let start = Double(min(points, 0) - span.lowerBound) / width * 100
        let length = Double(abs(points)) / width * 100
        let fill = points < 0 ? "fill negative" : "fill"
        return String(format: #"<span class="track" aria-hidden="true"><span class="%@" style="left:%.1f%%;width:%.1f%%"></span><span class="zero" style="left:%.1f%%"></span></span>"#,
                      fill, start, length, zero)
    }
}
