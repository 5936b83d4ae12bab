import Evaluation
import ScoreCardFormat

extension ReportDocument {
    /// The report on `card` as measured by `evaluation`.
    /// - Parameter data: which leads were measured, in words ("leads.csv", "the test split of …").
    /// - Parameter training: the exact fitting, validation and test counts when the caller knows them
    ///   (`train --report`); otherwise they are worked out from the card's provenance.
    init(card: ScoreCard, evaluation: CardEvaluation, data: String, training: TrainingLeads? = nil) throws {
        let figures = try ReportFigures(card: card, evaluation: evaluation)
        let phone = figures.forPhone
        title = card.name
        summary = card.description
        context = "Measured on \(data): \(ReportNumber.count(evaluation.rows)) leads, \(ReportNumber.percent(evaluation.positiveRate)) converted"
            + (evaluation.inSample ? " (IN-SAMPLE: the card learned from some or all of these leads)." : ".")
        var glance: [Block] = [.paragraph("Leads: \(evaluation.measuredOn).")] + evaluation.warnings.map { .paragraph("Warning: \($0).") }
        glance += [.metrics(Self.metrics(evaluation)), .paragraph("Probabilities from \(evaluation.probabilitySource).")]
        if !evaluation.absentFeatures.isEmpty {
            glance.append(.paragraph("Not in the data, so scored as missing: \(evaluation.absentFeatures.joined(separator: ", "))."))
        }
        sections = [
            Section(title: "At a glance", blocks: glance),
            Section(title: "How well the points rank and predict", blocks: [.figures([
                Figure(title: "ROC curve", caption: "Every threshold on the points, from the highest total down; the closer to the top left, the better the points separate converted from lost leads. Dots mark the tier thresholds.",
                       chart: figures.rocChart(), narrow: phone.rocChart()),
                Figure(title: "Cumulative gains", caption: "Working the leads with the most points first: the share of all conversions caught for the share of leads worked. The dashed diagonal is random order; the grey dashed corner is a perfect ranking.",
                       chart: figures.gainsChart(), narrow: phone.gainsChart()),
                Figure(title: "Reliability", caption: "Leads grouped by predicted probability (\(evaluation.reliability.binCount) equal-width bins): on the diagonal, the predictions come true as often as they say.",
                       chart: figures.reliabilityChart(), narrow: phone.reliabilityChart()),
                Figure(title: "Conversion by band of points", caption: "The leads in bands of about a tenth each by points, most first (leads with the same total always share a band, so bands can be larger or fewer): each band's conversion rate, and above it how many times the rate of all leads (dashed) that is.",
                       chart: figures.liftChart(), narrow: phone.liftChart()),
                Figure(title: "Points of converted and lost leads", caption: "How the totals of converted and of lost leads spread, each as shares of its own group; the less they overlap, the better the card separates them. Dashed lines are the tier thresholds.",
                       chart: figures.distributionChart(), narrow: phone.distributionChart(), wide: true),
            ])]),
            Section(title: "Tiers", blocks: Self.tierBlocks(card, evaluation)),
        ] + (evaluation.leadVelocity.map { [Self.velocitySection($0)] } ?? []) + [
            Section(title: "The card", blocks: [
                .figures([Figure(title: "Points per criterion", caption: "Each criterion's points, from its weakest to its best condition (a tick per condition), the widest span first: how far that criterion alone can move a lead's total.",
                                 chart: figures.criteriaChart(), narrow: phone.criteriaChart(), wide: true)]),
                .paragraph(Self.totalRule(card)),
                .table(Self.cardTable(card)),
            ]),
            Section(title: "Calibration: points to probability", blocks: Self.calibrationBlocks(card, evaluation)),
            Section(title: "Lift by band of points", blocks: [.table(Self.liftTable(figures.bands))]),
            Section(title: "Provenance", blocks: Self.provenanceBlocks(card, training: training ?? TrainingLeads(provenance: card.provenance))),
        ]
    }

    private static func metrics(_ evaluation: CardEvaluation) -> [Metric] {
        let scope = evaluation.inSample ? " (in-sample)" : ""
        return [
            Metric(name: "Leads", value: ReportNumber.count(evaluation.rows), meaning: "\(ReportNumber.percent(evaluation.positiveRate)) of them converted"),
            Metric(name: "AUC of the points\(scope)", value: ReportNumber.fixed(evaluation.auc),
                   meaning: "chance a converted lead has more points than a lost one (ties count half)"),
            Metric(name: "Top 10 % lift\(scope)", value: String(format: "%.1f×", evaluation.lift.groups.first?.lift ?? 0),
                   meaning: "conversion rate of the tenth with the most points, against all leads"),
            Metric(name: "Calibration error\(scope)", value: ReportNumber.percent(evaluation.ece),
                   meaning: "mean gap between predicted and actual conversion rate (\(evaluation.reliability.binCount) bins)"),
            Metric(name: "Average precision\(scope)", value: ReportNumber.fixed(evaluation.averagePrecision),
                   meaning: "precision averaged over every threshold; \(ReportNumber.fixed(evaluation.positiveRate)) for random order"),
            Metric(name: "KS\(scope)", value: ReportNumber.fixed(evaluation.ks), meaning: "widest gap between the points of converted and of lost leads"),
            Metric(name: "Brier score\(scope)", value: ReportNumber.fixed(evaluation.brier, digits: 4), meaning: "mean squared error of the probabilities; lower is better"),
            Metric(name: "Log loss\(scope)", value: ReportNumber.fixed(evaluation.logLoss, digits: 4), meaning: "penalty for confident wrong probabilities; lower is better"),
        ]
    }

    private static func tierBlocks(_ card: ScoreCard, _ evaluation: CardEvaluation) -> [Block] {
        guard let measured = evaluation.tiers else { return [.paragraph("The card has no tiers.")] }
        let withHistory = card.tiers.contains { $0.history?.conversionRate != nil }
        var columns = ["Tier", "Points", "Action", "Leads", "Converted", "95 % interval", "Of all conversions"].enumerated().map {
            Column(title: $0.element, numeric: $0.offset == 1 || $0.offset >= 3)
        }
        if withHistory { columns.append(Column(title: "Converted when trained", numeric: true)) }
        let rows: [Row] = zip(card.tiers.indices, measured.tiers).map { index, row in
            let tier = card.tiers[index]
            let top = index == 0 ? card.maximumPoints : card.tiers[index - 1].minimumPoints - 1
            var cells = [tier.name, "\(ReportNumber.points(tier.minimumPoints))–\(ReportNumber.points(top))", tier.action ?? "",
                         ReportNumber.percent(row.shareOfLeads), row.conversionRate.map { ReportNumber.percent($0) } ?? "–",
                         row.conversionInterval.map { "\(ReportNumber.percent($0.lower))–\(ReportNumber.percent($0.upper))" } ?? "–",
                         ReportNumber.percent(row.shareOfConversions)]
            if withHistory { cells.append(tier.history?.conversionRate.map { ReportNumber.percent($0) } ?? "–") }
            return .cells(cells)
        }
        var blocks: [Block] = [.table(Table(columns: columns, rows: rows))]
        if withHistory { blocks.append(.paragraph("“Converted when trained” is each tier's record on the held-out leads the tiers were chosen on.")) }
        return blocks
    }

    private static func totalRule(_ card: ScoreCard) -> String {
        var text = "A lead starts with \(ReportNumber.points(card.basePoints)) points and gets the points of the one condition its value matches in every criterion; the total is kept within 0–\(card.maximumPoints)."
        for group in card.groups {
            let caps = [group.minimumPoints.map { "at least \(ReportNumber.points($0))" }, group.maximumPoints.map { "at most \(ReportNumber.points($0))" }].compactMap { $0 }
            let name = group.label.map { "“\(group.name)” (\($0))" } ?? "“\(group.name)”"
            text += " Group \(name) " + (caps.isEmpty ? "adds its criteria's points." : "counts \(caps.joined(separator: " and ")) points in all.")
        }
        return text
    }

    static func cardTable(_ card: ScoreCard) -> Table {
        let all = card.criteria.flatMap { $0.conditions.map(\.points) }
        let span = min(0, all.min() ?? 0)...max(0, all.max() ?? 0)
        var rows: [Row] = []
        for criterion in card.criteria {
            let points = criterion.conditions.map(\.points)
            var detail = [criterion.feature == criterion.label ? nil : criterion.feature, criterion.type.rawValue,
                          criterion.group.map { "group \($0)" }].compactMap { $0 }
            detail.append("\(ReportNumber.points(points.min() ?? 0)) to \(ReportNumber.points(points.max() ?? 0)) points")
            rows.append(.heading(criterion.label, detail: detail.joined(separator: " · ")))
            rows += criterion.conditions.map { condition in
                let covered = values(condition.match)
                return .cells([condition.label, covered == condition.label ? "" : covered, ReportNumber.points(condition.points)], bar: condition.points)
            }
        }
        return Table(columns: [Column(title: "Condition"), Column(title: "Values"), Column(title: "Points", numeric: true, bars: span)], rows: rows)
    }

    /// What a condition matches, in the card's terms (left out of the table where the label says the same);
    /// long category lists are cut after twelve names.
    private static func values(_ match: Match) -> String {
        switch match {
        case .range(let range): return ReportNumber.range(range)
        case .categories(let names):
            return names.count <= 12 ? names.joined(separator: ", ") : names.prefix(12).joined(separator: ", ") + ", … (\(names.count) in all)"
        case .value(let flag): return flag ? "yes" : "no"
        case .missing: return "missing"
        case .otherwise: return "any other value"
        }
    }

    private static func calibrationBlocks(_ card: ScoreCard, _ evaluation: CardEvaluation) -> [Block] {
        guard let calibration = card.calibration else {
            return [.paragraph("The card has no calibration; the probabilities in this report are \(evaluation.probabilitySource).")]
        }
        var text = "Method: \(calibration.method)."
        if let logistic = calibration.logistic {
            text += " Logistic form: P(convert) = 1 / (1 + exp(−(\(ReportNumber.decimal((logistic.intercept * 1e4).rounded() / 1e4)) + \(ReportNumber.decimal((logistic.slope * 1e4).rounded() / 1e4)) × points)))."
        }
        if !calibration.table.isEmpty { text += " The card's table gives a probability for each of its \(calibration.table.count) reachable totals; some of them:" }
        let reachable = card.reachableTotals()
        let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500].first { card.maximumPoints <= 10 * $0 } ?? max(1, card.maximumPoints / 10)
        var totals: [Int] = []
        for target in stride(from: 0, through: card.maximumPoints, by: step) {
            if let total = reachable.first(where: { $0 >= target }), totals.last != total { totals.append(total) }
        }
        let probabilities = totals.map { calibration.probability(forTotal: $0).map { ReportNumber.percent($0) } ?? "–" }
        return [.paragraph(text), .table(Table(columns: [Column(title: "Points")] + totals.map { Column(title: ReportNumber.points($0), numeric: true) },
                                               rows: [.cells(["Probability"] + probabilities)]))]
    }

    private static func liftTable(_ bands: [PointBand]) -> Table {
        Table(columns: [Column(title: "Points"), Column(title: "Leads", numeric: true), Column(title: "Converted", numeric: true),
                        Column(title: "Lift", numeric: true), Column(title: "Conversions caught so far", numeric: true)],
              rows: bands.map { band in
                  .cells([ReportFigures.range(band), ReportNumber.percent(band.shareOfLeads), ReportNumber.percent(band.conversionRate),
                          String(format: "%.2f×", band.lift), ReportNumber.percent(band.cumulativeGain)])
              })
    }

    private static func provenanceBlocks(_ card: ScoreCard, training: TrainingLeads?) -> [Block] {
        var facts: [(String, String)] = []
        if let provenance = card.provenance {
            if let data = provenance.data {
                var text = data.file ?? "(file not named)"
                if let rows = data.rows { text += ": \(ReportNumber.count(rows)) leads" }
                if let rate = data.positiveRate { text += " (\(ReportNumber.percent(rate)) converted)" }
                if let training { text += " — " + training.text }
                facts.append(("Trained on", text))
                if let sha = data.sha256 { facts.append(("SHA-256 of the file", sha)) }
            }
            if let target = provenance.target {
                facts.append(("Outcome", provenance.positiveLabel.map { "\(target) = \($0) means converted" } ?? target))
            }
            if let trainer = provenance.trainer {
                let settings = trainer.settings.sorted { $0.key < $1.key }.map { "\($0.key) \(setting($0.value))" }
                facts.append(("Trainer", ([trainer.name] + settings).joined(separator: " · ")))
            }
            if let created = provenance.created { facts.append(("Created", created)) }
            if let version = provenance.leadscoreVersion { facts.append(("LeadScore", version)) }
        }
        if let metrics = card.metrics {
            let figures = [metrics.auc.map { "AUC \(ReportNumber.fixed($0))" }, metrics.logLoss.map { "log loss \(ReportNumber.fixed($0, digits: 4))" },
                           metrics.brier.map { "Brier \(ReportNumber.fixed($0, digits: 4))" }, metrics.ece.map { "calibration error \(ReportNumber.percent($0))" }]
            facts.append(("Card's own record", ([metrics.data].compactMap { $0 } + figures.compactMap { $0 }).joined(separator: " · ")))
        }
        return facts.isEmpty ? [.paragraph("The card records no provenance (a hand-written card?).")] : [.facts(facts)]
    }

    private static func setting(_ value: SettingValue) -> String {
        switch value {
        case .number(let number): return RawValue.format(number)
        case .text(let text): return text
        case .flag(let flag): return flag ? "yes" : "no"
        }
    }
}
