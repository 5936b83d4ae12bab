import Evaluation
import Foundation
import ScoreCardFormat

/// The report's plots, drawn from a card and its `CardEvaluation` (nothing here measures the card again:
/// the curves are the evaluation's numbers laid out). Tier thresholds are marked where they fall, since
/// the tiers are what a sales team acts on.
struct ReportFigures {
    let card: ScoreCard
    let evaluation: CardEvaluation
    /// Corners of the ROC curve of the point totals, highest total first.
    let roc: [ROCPoint]
    /// Laid out for a phone's width (about 360 px: fewer ticks, shorter names) rather than a screen's.
    var narrow = false

    init(card: ScoreCard, evaluation: CardEvaluation) throws {
        self.card = card
        self.evaluation = evaluation
        roc = try rocCurve(scores: evaluation.totals.map(Double.init), outcomes: evaluation.labels)
    }

    /// The same figures laid out for a phone.
    var forPhone: ReportFigures {
        var figures = self
        figures.narrow = true
        return figures
    }

    /// A chart's size: `width` × `height` on a screen, 360 wide on a phone, where the page shows it at about
    /// its own size so its 12 px text stays 12 px.
    private func sized(_ chart: inout SVGChart, width: Double = 520, height: Double = 340) {
        chart.width = narrow ? 360 : width
        chart.height = narrow ? min(height, 320) : height
    }

    /// About how many ticks an axis across the chart's width gets.
    private func tickCount(wide: Bool) -> Int { narrow ? 4 : wide ? 8 : 5 }

    private var converted: Int { evaluation.labels.reduce(0) { $0 + Int($1) } }
    private var lost: Int { evaluation.rows - converted }

    /// For each tier but the lowest (which takes every lead), the ROC corner at its threshold: the lowest
    /// observed total that still reaches the tier.
    private var tierCorners: [(tier: Tier, corner: ROCPoint)] {
        card.tiers.dropLast().compactMap { tier in
            roc.last { $0.threshold >= Double(tier.minimumPoints) }.map { (tier, $0) }
        }
    }

    func rocChart() -> SVGChart {
        var chart = SVGChart(
            summary: "ROC curve of the point totals: AUC \(ReportNumber.fixed(evaluation.auc))",
            x: .share("Lost leads at or above a threshold (false-positive rate)"),
            y: .share("Converted leads caught (true-positive rate)"))
        chart.marks = [.line([ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1)], randomStroke),
                       .line(roc.map { ChartPoint(x: $0.falsePositiveRate, y: $0.truePositiveRate) }, cardStroke)]
        chart.marks += tierMarks { ChartPoint(x: $0.falsePositiveRate, y: $0.truePositiveRate) }
        chart.legend = [SVGChart.LegendEntry(text: "the card (AUC \(ReportNumber.fixed(evaluation.auc)))", stroke: cardStroke),
                        SVGChart.LegendEntry(text: "random order (AUC 0.5)", stroke: randomStroke)]
        sized(&chart)
        return chart
    }

    /// Cumulative gains from the same ROC corners: working leads best-first down to a threshold takes
    /// that share of all leads and catches that share of all conversions.
    func gainsChart() -> SVGChart {
        let positives = Double(converted), total = Double(evaluation.rows)
        let share = { (corner: ROCPoint) in
            ChartPoint(x: (corner.truePositiveRate * positives + corner.falsePositiveRate * (total - positives)) / total, y: corner.truePositiveRate)
        }
        var chart = SVGChart(
            summary: "Cumulative gains: share of conversions caught against share of leads worked, best points first",
            x: .share("Share of leads worked, most points first"),
            y: .share("Share of all conversions caught"))
        let perfect = SVGChart.Stroke(color: Palette.axis, width: 1.5, dashed: true)
        chart.marks = [.line([ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1)], randomStroke),
                       .line([ChartPoint(x: 0, y: 0), ChartPoint(x: evaluation.positiveRate, y: 1), ChartPoint(x: 1, y: 1)], perfect),
                       .line(roc.map(share), cardStroke)]
        chart.marks += tierMarks(share)
        chart.legend = [SVGChart.LegendEntry(text: "the card", stroke: cardStroke),
                        SVGChart.LegendEntry(text: "random order", stroke: randomStroke)]
        sized(&chart)
        return chart
    }

    /// Predicted against observed conversion per bin of the evaluation's reliability table, dot area by
    /// leads in the bin; both axes end at the same rate so the diagonal stays the diagonal.
    func reliabilityChart() -> SVGChart {
        let bins = evaluation.reliability.bins
        let highest = bins.map { max($0.meanPredicted, $0.observedRate) }.max() ?? 1
        let axis = SVGChart.Axis.share("", upper: min(1, highest + 0.02))
        let upper = axis.domain.upperBound
        var chart = SVGChart(
            summary: "Reliability diagram: predicted against observed conversion rate per bin; calibration error \(ReportNumber.percent(evaluation.ece))",
            x: .share("Predicted probability (mean of the bin)", upper: upper),
            y: .share("Observed conversion rate", upper: upper))
        sized(&chart, width: 460, height: 340)
        let largest = Double(bins.map(\.rows).max() ?? 1)
        chart.marks = [.line([ChartPoint(x: 0, y: 0), ChartPoint(x: upper, y: upper)], randomStroke),
                       .line(bins.map { ChartPoint(x: $0.meanPredicted, y: $0.observedRate) }, SVGChart.Stroke(color: Palette.converted, width: 1.5))]
        chart.marks += bins.map { bin in
            .dot(ChartPoint(x: bin.meanPredicted, y: bin.observedRate), radius: 2.5 + 6 * (Double(bin.rows) / largest).squareRoot(), fill: Palette.converted,
                 tooltip: "\(ReportNumber.count(bin.rows)) leads: predicted \(ReportNumber.percent(bin.meanPredicted)), converted \(ReportNumber.percent(bin.observedRate))")
        }
        chart.legend = [SVGChart.LegendEntry(text: "the card (dot area: leads)", stroke: SVGChart.Stroke(color: Palette.converted, width: 1.5)),
                        SVGChart.LegendEntry(text: "perfectly calibrated", stroke: randomStroke)]
        return chart
    }

    /// The leads in bands of about a tenth each, most points first, a band never splitting a point total
    /// (`pointBands`), so each band's points range stands apart from its neighbours'.
    var bands: [PointBand] { pointBands(totals: evaluation.totals, outcomes: evaluation.labels) }

    /// The conversion rate of each band of points, most points first, against the overall rate, with each
    /// band's lift on top.
    func liftChart() -> SVGChart {
        let bands = self.bands
        let overall = evaluation.positiveRate
        let domain = 0.5...Double(max(bands.count, 1)) + 0.5
        // Each band's points under its bar when they fit the bar's width, else the band's number (the table
        // below the chart gives each band's points).
        let ranges = bands.map(Self.range)
        let fits = (ranges.map { SVGChart.textWidth($0) }.max() ?? 0) + 8 < ((narrow ? 360 : 520) - 80) / Double(max(bands.count, 1))
        var chart = SVGChart(
            summary: "Conversion rate by band of points, most points first, against all leads",
            x: SVGChart.Axis(label: fits ? "Points of the band (about a tenth of the leads each)" : "Band of points (about a tenth of the leads each), most first",
                             domain: domain,
                             ticks: ranges.enumerated().map { SVGChart.Tick(value: Double($0.offset + 1), text: fits ? $0.element : "\($0.offset + 1)") },
                             grid: false),
            y: .share("Conversion rate", upper: (bands.map(\.conversionRate).max() ?? 1) * 1.12))
        chart.marks = bands.enumerated().flatMap { index, band -> [SVGChart.Mark] in
            let x = Double(index + 1)
            let tooltip = "points \(Self.range(band)), \(ReportNumber.percent(band.shareOfLeads)) of the leads: \(ReportNumber.percent(band.conversionRate)) converted"
            return [.box(from: ChartPoint(x: x - 0.36, y: 0), to: ChartPoint(x: x + 0.36, y: band.conversionRate), fill: Palette.converted, opacity: 0.85, tooltip: tooltip),
                    .text(ChartPoint(x: x, y: band.conversionRate), String(format: "%.1f×", band.lift), anchor: .middle, dx: 0, dy: -5, color: Palette.muted)]
        }
        chart.marks.append(.line([ChartPoint(x: domain.lowerBound, y: overall), ChartPoint(x: domain.upperBound, y: overall)], randomStroke))
        chart.legend = [SVGChart.LegendEntry(text: "all leads: \(ReportNumber.percent(overall))", stroke: randomStroke)]
        sized(&chart)
        return chart
    }

    /// "40–55", or "40" for a band of one total.
    static func range(_ band: PointBand) -> String {
        band.lowest == band.highest ? ReportNumber.points(band.lowest) : "\(ReportNumber.points(band.lowest))–\(ReportNumber.points(band.highest))"
    }

    /// Histograms of the totals of converted and of lost leads, each as shares of its own class so the
    /// rarer converted leads are not flattened, with the tier thresholds.
    func distributionChart() -> SVGChart {
        let low = evaluation.totals.min() ?? 0, high = evaluation.totals.max() ?? card.maximumPoints
        let width = [1, 2, 5, 10, 20, 25, 50, 100].first { (high - low + 1) <= 40 * $0 } ?? 200
        let first = Int((Double(low) / Double(width)).rounded(.down)) * width
        let binCount = (high - first) / width + 1
        var counts = [[Double]](repeating: [Double](repeating: 0, count: binCount), count: 2)
        for (total, label) in zip(evaluation.totals, evaluation.labels) { counts[Int(label)][(total - first) / width] += 1 }
        let shares = [counts[0].map { $0 / Double(max(lost, 1)) }, counts[1].map { $0 / Double(max(converted, 1)) }]
        let domain = Double(first)...Double(first + binCount * width)
        var chart = SVGChart(
            summary: "Points of converted and of lost leads, as shares of each group",
            x: SVGChart.Axis(label: "Points (total)", domain: domain,
                             ticks: SVGChart.Axis.ticks(domain, count: tickCount(wide: true), integers: true) { ReportNumber.points(Int($0)) }),
            y: .share("Share of the group's leads", upper: (shares.flatMap { $0 }.max() ?? 1) * 1.08))
        let upper = chart.y.domain.upperBound
        sized(&chart, width: 820)
        for (label, colour, name) in [(0, Palette.lost, "lost"), (1, Palette.converted, "converted")] {
            chart.marks += shares[label].enumerated().filter { $0.element > 0 }.map { bin, share in
                let start = first + bin * width
                let range = width == 1 ? "\(start) points" : "\(start)–\(start + width - 1) points"
                return .box(from: ChartPoint(x: Double(start), y: 0), to: ChartPoint(x: Double(start + width), y: share), fill: colour, opacity: 0.45,
                            tooltip: "\(name), \(range): \(ReportNumber.percent(share)) (\(ReportNumber.count(Int(counts[label][bin]))) leads)")
            }
        }
        // Labels at the top of the plot; the chart moves one that would print over another a line down.
        for tier in card.tiers.dropLast() where domain.contains(Double(tier.minimumPoints)) {
            let x = Double(tier.minimumPoints)
            chart.marks.append(.line([ChartPoint(x: x, y: 0), ChartPoint(x: x, y: upper)], SVGChart.Stroke(color: Palette.ink, width: 1, dashed: true)))
            chart.marks.append(.text(ChartPoint(x: x, y: upper), "\(tier.name) \(tier.minimumPoints)+", anchor: .start, dx: 4, dy: 12, color: Palette.ink))
        }
        chart.legend = [SVGChart.LegendEntry(text: "converted (\(ReportNumber.count(converted)) leads)", stroke: SVGChart.Stroke(color: Palette.converted, width: 8)),
                        SVGChart.LegendEntry(text: "lost (\(ReportNumber.count(lost)) leads)", stroke: SVGChart.Stroke(color: Palette.lost, width: 8))]
        return chart
    }

    /// Each criterion's span of points, from its weakest to its best condition, widest first; a tick per
    /// condition. The width of a bar is how much that criterion can move a lead's total.
    func criteriaChart() -> SVGChart {
        let criteria = card.criteria.sorted { span($0) > span($1) }
        let lowest = min(0, criteria.flatMap { $0.conditions.map(\.points) }.min() ?? 0)
        let highest = max(1, criteria.map(\.bestPoints).max() ?? 1)
        let rows = Double(criteria.count)
        let longest = narrow ? 18 : 34
        let names = criteria.map { $0.label.count > longest ? String($0.label.prefix(longest - 1)) + "…" : $0.label }
        // Room right of the best points for the widest "low to high" text, so it never runs over a bar.
        let spanTexts = criteria.map { criterion in
            let points = criterion.conditions.map(\.points)
            return "\(ReportNumber.points(points.min() ?? 0)) to \(ReportNumber.points(points.max() ?? 0))"
        }
        let plotWidth = (narrow ? 360 : 820) - 34 - (names.map { SVGChart.textWidth($0) }.max() ?? 0)
        let textRoom = (spanTexts.map { SVGChart.textWidth($0) }.max() ?? 0) + 14
        let extent = Double(highest - lowest)
        let pad = max(extent * 0.04, textRoom * extent / max(plotWidth - textRoom, plotWidth * 0.3))
        let domain = Double(lowest) - (lowest < 0 ? extent * 0.04 : 0)...Double(highest) + pad
        var chart = SVGChart(
            summary: "Points per criterion: the span from each criterion's weakest to its best condition",
            x: SVGChart.Axis(label: "Points", domain: domain,
                             ticks: SVGChart.Axis.ticks(domain, count: tickCount(wide: true), integers: true) { ReportNumber.points(Int($0)) }),
            y: SVGChart.Axis(label: "", domain: 0...max(rows, 1),
                             ticks: names.enumerated().map { SVGChart.Tick(value: rows - Double($0.offset) - 0.5, text: $0.element) },
                             grid: false))
        chart.width = narrow ? 360 : 820
        chart.height = 58 + 22 * max(rows, 1)
        chart.marks = [.line([ChartPoint(x: 0, y: 0), ChartPoint(x: 0, y: rows)], SVGChart.Stroke(color: Palette.ink, width: 1))]
        for (row, criterion) in criteria.enumerated() {
            let middle = rows - Double(row) - 0.5
            let points = criterion.conditions.map(\.points)
            let (low, high) = (points.min() ?? 0, points.max() ?? 0)
            let tooltip = criterion.conditions.map { "\(ReportNumber.points($0.points, signed: true))  \($0.label)" }.joined(separator: "\n")
            chart.marks.append(.box(from: ChartPoint(x: Double(low), y: middle - 0.32), to: ChartPoint(x: Double(high), y: middle + 0.32),
                                    fill: high > 0 ? Palette.converted : Palette.negative, opacity: 0.3, tooltip: "\(criterion.label)\n\(tooltip)"))
            chart.marks += Set(points).sorted().map { value in
                .box(from: ChartPoint(x: Double(value) - extent / 300, y: middle - 0.32), to: ChartPoint(x: Double(value) + extent / 300, y: middle + 0.32),
                     fill: value < 0 ? Palette.negative : Palette.converted, opacity: 1, tooltip: nil)
            }
            let text = low == high ? ReportNumber.points(high) : "\(ReportNumber.points(low)) to \(ReportNumber.points(high))"
            chart.marks.append(.text(ChartPoint(x: Double(high), y: middle), text, anchor: .start, dx: 6, dy: 4, color: Palette.muted))
        }
        return chart
    }

    private func span(_ criterion: Criterion) -> Int { criterion.bestPoints - (criterion.conditions.map(\.points).min() ?? 0) }

    private func tierMarks(_ place: (ROCPoint) -> ChartPoint) -> [SVGChart.Mark] {
        tierCorners.flatMap { tier, corner -> [SVGChart.Mark] in
            let point = place(corner)
            return [.dot(point, radius: 4.5, fill: Palette.ink, tooltip: nil),
                    .text(point, "\(tier.name) \(tier.minimumPoints)+", anchor: .start, dx: 8, dy: 14, color: Palette.ink)]
        }
    }

    private var cardStroke: SVGChart.Stroke { SVGChart.Stroke(color: Palette.converted, width: 2.5) }
    private var randomStroke: SVGChart.Stroke { SVGChart.Stroke(color: Palette.axis, width: 1.5, dashed: true) }
}
