import Foundation

/// A point in a chart's data coordinates.
struct ChartPoint {
    var x: Double
    var y: Double
}

/// A chart drawn as SVG text: a plot area, two axes and marks placed in data coordinates. Just enough for
/// the report's plots, and no scripts or external fonts, so a report stays one file that opens offline,
/// prints, and shows the same inside a notebook. Colours and fonts are presentation attributes rather than
/// CSS, because a notebook shows the SVG on its own, without the page's style sheet.
struct SVGChart {
    struct Tick {
        var value: Double
        var text: String
    }

    struct Axis {
        var label: String
        var domain: ClosedRange<Double>
        var ticks: [Tick]
        /// Grid lines across the plot at the ticks.
        var grid = true
    }

    struct Stroke {
        var color: String
        var width = 2.0
        var dashed = false
    }

    enum Anchor: String {
        case start, middle, end
    }

    enum Mark {
        case line([ChartPoint], Stroke)
        /// A filled box between two corners; the tooltip shows on hover in a browser.
        case box(from: ChartPoint, to: ChartPoint, fill: String, opacity: Double, tooltip: String?)
        case dot(ChartPoint, radius: Double, fill: String, tooltip: String?)
        /// Text at a point, shifted by whole pixels (`dx`, `dy`) so it clears the mark it names.
        case text(ChartPoint, String, anchor: Anchor, dx: Double, dy: Double, color: String)
    }

    struct LegendEntry {
        var text: String
        var stroke: Stroke
    }

    /// What the chart shows, in words: its accessible name.
    var summary: String
    var x: Axis
    var y: Axis
    var marks: [Mark] = []
    /// Drawn above the plot area, never over it.
    var legend: [LegendEntry] = []
    var width = 520.0
    var height = 340.0
}

/// The report's colours: Okabe–Ito blue and orange, which stay apart for colour-blind readers and in grey.
enum Palette {
    static let paper = "#ffffff"
    static let ink = "#1d2433"
    static let muted = "#5b6475"
    static let grid = "#e6e8ec"
    static let axis = "#9aa1ad"
    static let converted = "#0072b2"
    static let lost = "#e69f00"
    static let negative = "#c0392b"
}

extension SVGChart.Axis {
    /// Ticks at round steps (1, 2, 2.5 or 5 times a power of ten; whole numbers only for `integers`)
    /// across the domain, about `count` of them.
    static func ticks(_ domain: ClosedRange<Double>, count: Int = 5, integers: Bool = false, text: (Double) -> String) -> [SVGChart.Tick] {
        let raw = max((domain.upperBound - domain.lowerBound) / Double(max(count, 1)), integers ? 1 : .leastNonzeroMagnitude)
        let magnitude = pow(10, floor(log10(raw)))
        let multiples: [Double] = integers && magnitude == 1 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
        let step = (multiples.first { $0 * magnitude >= raw * 0.999 } ?? 10) * magnitude
        var ticks: [SVGChart.Tick] = []
        var value = (domain.lowerBound / step).rounded(.up) * step
        while value <= domain.upperBound + step * 1e-9 {
            ticks.append(SVGChart.Tick(value: value, text: text(value)))
            value += step
        }
        return ticks
    }

    /// A rate axis from 0 to at least `upper`, ticks at round percentages (1, 2, 5, 10, 20, 25 or 50 % apart,
    /// 0.1, 0.2 or 0.5 % for rates under a few percent), the top of the axis raised to the next tick so the
    /// plot ends on a labelled line; each tick's text has exactly the decimals its step needs (a step of
    /// 2.5 %, which would print "3 %" at 2.5 %, is never used).
    static func share(_ label: String, upper: Double = 1) -> SVGChart.Axis {
        let steps: [Double] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5]
        let top = min(max(upper, 0.001), 1)
        let step = steps.first { top / $0 <= 6 + 1e-9 } ?? 0.5
        let count = Int((top / step - 1e-9).rounded(.up))
        let digits = step < 0.01 ? 1 : 0
        let ticks = (0...count).map { index in
            SVGChart.Tick(value: Double(index) * step, text: ReportNumber.percent(Double(index) * step, digits: digits))
        }
        return SVGChart.Axis(label: label, domain: 0...Double(count) * step, ticks: ticks)
    }
}

extension SVGChart {
    private static let fontSize = 12.0

    /// Roughly how wide a text is in pixels; enough to size margins and legend boxes.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double { Double(text.count) * size * 0.6 }

    /// - Parameter standalone: adds the SVG namespace, which an SVG outside an HTML page (a notebook
    ///   image) needs and an inline one does not.
    /// - Parameter layout: a class naming the layout ("wide", "narrow"), so a page can show the one that
    ///   fits its width.
    func svg(standalone: Bool = false, layout: String? = nil) -> String {
        let frame = PlotFrame(chart: self)
        var parts: [String] = []
        let namespace = standalone ? #" xmlns="http://www.w3.org/2000/svg""# : ""
        let classes = (["chart"] + [layout].compactMap { $0 }).joined(separator: " ")
        parts.append(#"<svg\#(namespace) class="\#(classes)" viewBox="0 0 \#(n(width)) \#(n(height))" width="\#(n(width))" height="\#(n(height))" role="img" aria-label="\#(Markup.html(summary))" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif" font-size="\#(n(Self.fontSize))">"#)
        parts.append("<title>\(Markup.html(summary))</title>")
        var labels = LabelPlacer(width: width, height: height)
        parts += axes(frame, &labels)
        parts += legendParts(frame, &labels)
        parts += marks.map { render($0, frame, &labels) }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func axes(_ frame: PlotFrame, _ labels: inout LabelPlacer) -> [String] {
        var parts: [String] = []
        let bottom = frame.top + frame.height, right = frame.left + frame.width
        for tick in x.ticks {
            let px = frame.x(tick.value)
            if x.grid { parts.append(line(px, frame.top, px, bottom, Palette.grid, 1)) }
            parts.append(text(px, bottom + 17, tick.text, anchor: .middle, color: Palette.muted, &labels))
        }
        for tick in y.ticks {
            let py = frame.y(tick.value)
            if y.grid { parts.append(line(frame.left, py, right, py, Palette.grid, 1)) }
            parts.append(text(frame.left - 7, py + 4, tick.text, anchor: .end, color: Palette.muted, &labels))
        }
        parts.append(line(frame.left, bottom, right, bottom, Palette.axis, 1))
        parts.append(line(frame.left, frame.top, frame.left, bottom, Palette.axis, 1))
        parts.append(text(frame.left + frame.width / 2, height - 8, x.label, anchor: .middle, color: Palette.ink, &labels))
        if !y.label.isEmpty {
            let cx = 15.0, cy = frame.top + frame.height / 2
            parts.append(#"<text x="\#(n(cx))" y="\#(n(cy))" text-anchor="middle" fill="\#(Palette.ink)" transform="rotate(-90 \#(n(cx)) \#(n(cy)))">\#(Markup.html(y.label))</text>"#)
        }
        return parts
    }

    private func render(_ mark: Mark, _ frame: PlotFrame, _ labels: inout LabelPlacer) -> String {
        switch mark {
        case .line(let points, let stroke):
            let coordinates = points.map { "\(n(frame.x($0.x))),\(n(frame.y($0.y)))" }.joined(separator: " ")
            return #"<polyline points="\#(coordinates)" fill="none" \#(attributes(stroke)) stroke-linejoin="round"/>"#
        case .box(let from, let to, let fill, let opacity, let tooltip):
            let (x0, x1) = (frame.x(min(from.x, to.x)), frame.x(max(from.x, to.x)))
            let (y0, y1) = (frame.y(max(from.y, to.y)), frame.y(min(from.y, to.y)))
            return #"<rect x="\#(n(x0))" y="\#(n(y0))" width="\#(n(max(x1 - x0, 0.5)))" height="\#(n(y1 - y0))" fill="\#(fill)" fill-opacity="\#(n(opacity))">\#(title(tooltip))</rect>"#
        case .dot(let center, let radius, let fill, let tooltip):
            return #"<circle cx="\#(n(frame.x(center.x)))" cy="\#(n(frame.y(center.y)))" r="\#(n(radius))" fill="\#(fill)" stroke="\#(Palette.paper)" stroke-width="1">\#(title(tooltip))</circle>"#
        case .text(let point, let words, let anchor, let dx, let dy, let color):
            return text(frame.x(point.x) + dx, frame.y(point.y) + dy, words, anchor: anchor, color: color, &labels, movable: true)
        }
    }

    /// The legend as a row (or rows) of entries above the plot area, where it can never cover a curve, a
    /// bar or a tier's label.
    private func legendParts(_ frame: PlotFrame, _ labels: inout LabelPlacer) -> [String] {
        var parts: [String] = []
        for (entry, place) in zip(legend, frame.legendPlaces) {
            let y = place.y
            parts.append(#"<line x1="\#(n(place.x))" y1="\#(n(y - 4))" x2="\#(n(place.x + PlotFrame.swatch))" y2="\#(n(y - 4))" \#(attributes(entry.stroke))/>"#)
            parts.append(text(place.x + PlotFrame.swatch + 6, y, entry.text, anchor: .start, color: Palette.ink, &labels))
        }
        return parts
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String, _ width: Double) -> String {
        #"<line x1="\#(n(x1))" y1="\#(n(y1))" x2="\#(n(x2))" y2="\#(n(y2))" stroke="\#(color)" stroke-width="\#(n(width))"/>"#
    }

    /// A text at a baseline point; `movable` texts (labels on the plot) are moved the least distance that
    /// keeps them clear of every text placed before and inside the chart.
    private func text(_ x: Double, _ y: Double, _ words: String, anchor: Anchor, color: String, _ labels: inout LabelPlacer, movable: Bool = false) -> String {
        let (px, py) = labels.place(x: x, y: y, width: Self.textWidth(words), anchor: anchor, movable: movable)
        return #"<text x="\#(n(px))" y="\#(n(py))" text-anchor="\#(anchor.rawValue)" fill="\#(color)">\#(Markup.html(words))</text>"#
    }

    private func attributes(_ stroke: Stroke) -> String {
        let dash = stroke.dashed ? #" stroke-dasharray="5 4""# : ""
        return #"stroke="\#(stroke.color)" stroke-width="\#(n(stroke.width))"\#(dash)"#
    }

    private func title(_ tooltip: String?) -> String { tooltip.map { "<title>\(Markup.html($0))</title>" } ?? "" }

    /// Pixel coordinates with one decimal: plenty on screen and in print, and a smaller file.
    private func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}

/// Where the plot area sits inside the chart (margins sized to the tick texts, the legend's rows above
/// it) and how data maps onto it.
private struct PlotFrame {
    static let swatch = 22.0
    static let legendRow = 18.0
    let left: Double, top: Double, width: Double, height: Double
    let xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>
    /// Where each legend entry starts (its swatch) and its text's baseline.
    let legendPlaces: [(x: Double, y: Double)]

    init(chart: SVGChart) {
        let widestTick = chart.y.ticks.map { SVGChart.textWidth($0.text) }.max() ?? 0
        left = (chart.y.label.isEmpty ? 8 : 30) + widestTick + 10
        // Legend entries flow left to right from the plot's left edge, wrapping at the chart's width.
        var places: [(x: Double, y: Double)] = []
        var x = left, row = 0
        for entry in chart.legend {
            let width = Self.swatch + 6 + SVGChart.textWidth(entry.text) + 18
            if x > left, x + width > chart.width - 4 { x = left; row += 1 }
            places.append((x, 14 + Self.legendRow * Double(row)))
            x += width
        }
        legendPlaces = places
        top = 12 + (chart.legend.isEmpty ? 0 : Self.legendRow * Double(row + 1))
        // Room on the right for half the last tick's text, which is centred on the plot's edge.
        let lastTick = chart.x.ticks.last.map { SVGChart.textWidth($0.text) / 2 + 4 } ?? 0
        width = chart.width - left - max(16, lastTick)
        height = chart.height - top - 46
        xDomain = chart.x.domain
        yDomain = chart.y.domain
    }

    func x(_ value: Double) -> Double {
        left + (value - xDomain.lowerBound) / (xDomain.upperBound - xDomain.lowerBound) * width
    }

    func y(_ value: Double) -> Double {
        top + height - (value - yDomain.lowerBound) / (yDomain.upperBound - yDomain.lowerBound) * height
    }
}

/// Keeps a chart's texts apart: each text's box is estimated from its length (`SVGChart.textWidth`) and
/// the font size; a movable label that would overlap a text already placed is tried a line lower, a line
/// higher, two lines lower… and kept inside the chart's edges.
private struct LabelPlacer {
    let width: Double, height: Double
    private var boxes: [(left: Double, top: Double, right: Double, bottom: Double)] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func place(x: Double, y: Double, width textWidth: Double, anchor: SVGChart.Anchor, movable: Bool) -> (Double, Double) {
        let shift: Double
        switch anchor {
        case .start: shift = 0
        case .middle: shift = textWidth / 2
        case .end: shift = textWidth
        }
        var x = x
        if movable {
            // Inside the chart's left and right edges.
            x += max(0, 2 - (x - shift)) - max(0, (x - shift + textWidth) - (width - 2))
        }
        var y = y
        if movable {
            let line = 14.0
            for offset in [0.0, line, -line, 2 * line, -2 * line, 3 * line, -3 * line, 4 * line] {
                let candidate = y + offset
                guard candidate - 11 >= 0, candidate + 3 <= height else { continue }
                if !overlaps(x - shift, candidate, textWidth) { y = candidate; break }
            }
        }
        boxes.append((x - shift, y - 11, x - shift + textWidth, y + 3))
        return (x, y)
    }

    private func overlaps(_ left: Double, _ baseline: Double, _ textWidth: Double) -> Bool {
        boxes.contains { box in
            left < box.right && left + textWidth > box.left && baseline - 11 < box.bottom && baseline + 3 > box.top
        }
    }
}
