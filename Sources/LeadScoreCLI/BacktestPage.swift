import CardBacktest
import Foundation

/// The backtest as one self-contained HTML page: the measures over time as an SVG plot, then the table
/// and the tiers. Every text from the data or the card (period labels, tier names, notes) is escaped.
struct BacktestPage {
    var report: BacktestReport

    func html() -> String {
        let e = Markup.html
        let number = { (value: Double?) in value.map { String(format: "%.3f", $0) } ?? "–" }
        let percent = { (value: Double?) in value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        func table(_ header: [String], _ rows: [[String]]) -> String {
            "<table><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
                + rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined() + "</table>"
        }
        var body = "<h1>Backtest of \(e(report.data))</h1>"
        body += "<p>By <code>\(e(report.timeColumn))</code>, every \(e(report.every)); each card (\(e(report.model))) trained on "
            + "\(e(report.window)) and tested on the period's leads, which it never saw."
            + (report.firstCardPeriod.map { " The first card (trained for \(e($0))) is kept unchanged and measured on every later period." } ?? "")
            + "</p>"
        body += plot()
        body += "<h2>Per period</h2>" + table(
            ["period", "trained on", "test leads", "converted", "AUC", "log loss", "ECE", "mean probability", "first card AUC", "first card ECE", "note"],
            report.periods.map { p in
                [p.period, p.trainingLeads == 0 ? "–" : "\(p.trainingLeads) (\(p.trainingFrom ?? "?") … \(p.trainingTo ?? "?"))", "\(p.testLeads)",
                 percent(p.conversionRate), number(p.auc), number(p.logLoss), number(p.ece), percent(p.meanProbability),
                 number(p.firstCardAUC), number(p.firstCardECE), p.note ?? ""]
            })
        let tierNames = report.periods.first { !$0.tiers.isEmpty }?.tiers.map(\.name) ?? []
        if !tierNames.isEmpty {
            body += "<h2>Tiers: share of leads / conversion rate</h2>" + table(["period"] + tierNames, report.periods.filter { !$0.tiers.isEmpty }.map { p in
                [p.period] + tierNames.map { name in
                    p.tiers.first { $0.name == name }.map { "\(percent($0.shareOfLeads)) / \(percent($0.conversionRate))" } ?? "–"
                }
            })
        }
        if !report.notes.isEmpty { body += "<h2>Notes</h2><ul>" + report.notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>" }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Backtest of \(e(report.data))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0}\
            td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}svg text{font-size:11px}</style>
            </head><body>\(body)</body></html>

            """
    }

    /// AUC of each period's fresh card and of the first card, and the calibration error, over time.
    func plot() -> String {
        let e = Markup.html
        let periods = report.periods
        guard periods.count >= 1 else { return "" }
        let (width, height, left, right, top, bottom) = (760.0, 330.0, 50.0, 20.0, 20.0, 90.0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let x = { (index: Int) in left + (periods.count == 1 ? plotWidth / 2 : plotWidth * Double(index) / Double(periods.count - 1)) }
        let y = { (value: Double) in top + plotHeight * (1 - min(max(value, 0), 1)) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"measures over time\">"
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(tick))\" y2=\"\(y(tick))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(String(format: "%.2f", tick))</text>"
        }
        let step = max(1, periods.count / 12)
        for (index, period) in periods.enumerated() where index % step == 0 || index == periods.count - 1 {
            svg += "<text x=\"\(x(index))\" y=\"\(height - bottom + 16)\" text-anchor=\"end\" transform=\"rotate(-40 \(x(index)) \(height - bottom + 16))\">\(e(period.period))</text>"
        }
        let series: [(String, String, KeyPath<BacktestPeriod, Double?>)] = [
            ("AUC (card retrained for each period)", "#1f6fb2", \.auc), ("AUC (first card, never retrained)", "#8fb8dc", \.firstCardAUC),
            ("calibration error (retrained)", "#c2410c", \.ece), ("calibration error (first card)", "#f0a070", \.firstCardECE),
        ]
        for (index, (name, colour, path)) in series.enumerated() {
            var segments: [[String]] = [[]]
            for (position, period) in periods.enumerated() {
                if let value = period[keyPath: path] {
                    segments[segments.count - 1].append("\(x(position)),\(y(value))")
                    svg += "<circle cx=\"\(x(position))\" cy=\"\(y(value))\" r=\"2.5\" fill=\"\(colour)\"><title>\(e(period.period)): \(String(format: "%.3f", value))</title></circle>"
                } else if !segments[segments.count - 1].isEmpty {
                    segments.append([])
                }
            }
            for segment in segments where segment.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>"
            }
            let legendY = height - 26.0 + Double(index / 2) * 16, legendX = left + Double(index % 2) * 330
            svg += "<rect x=\"\(legendX)\" y=\"\(legendY - 8)\" width=\"10\" height=\"10\" fill=\"\(colour)\"/><text x=\"\(legendX + 14)\" y=\"\(legendY + 1)\">\(e(name))</text>"
        }
        return svg + "</svg>"
    }
}
