extension EvaluationReport {
    /// The report as readable plain text: one summary table with a row per split, then each split's
    /// reliability, lift and (if present) tier tables, then the cross-validation summary if there is one.
    public func renderTable() -> String {
        var sections: [String] = []
        var header = "Evaluation — split: \(splitMethod)"
        if let seed { header += ", seed \(seed)" }
        sections.append(header)

        var summary = TextTable([("split", .left), ("rows", .right), ("positives", .right), ("rate", .right),
                                 ("AUC", .right), ("avg prec", .right), ("log loss", .right), ("Brier", .right),
                                 ("ECE", .right), ("KS", .right)])
        for split in splits {
            let m = split.metrics
            summary.append([split.name, String(m.rows), String(m.positives), fixed(m.positiveRate), fixed(m.auc),
                            fixed(m.averagePrecision), fixed(m.logLoss), fixed(m.brier), fixed(m.ece), fixed(m.ks)])
        }
        sections.append(summary.render())
        sections.append("ECE over \(MetricSet.calibrationBins) equal-width bins; AUC counts tied scores as half.")

        for split in splits {
            sections.append(Self.renderReliability(split))
            sections.append(Self.renderLift(split))
            if let tiers = split.tiers { sections.append(Self.renderTiers(tiers, split: split.name)) }
        }
        if let crossValidation {
            sections.append(Self.renderCrossValidation(crossValidation))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    static func renderReliability(_ split: SplitEvaluation) -> String {
        let r = split.reliability
        let binning = r.binning == .equalWidth ? "equal-width" : "equal-count"
        var table = TextTable([("bin", .left), ("rows", .right), ("weight", .right),
                               ("mean predicted", .right), ("observed rate", .right), ("gap", .right)])
        for (i, bin) in r.bins.enumerated() {
            let open = i == 0 ? "[" : "("
            table.append(["\(open)\(fixed(bin.lower, 3)), \(fixed(bin.upper, 3))]", String(bin.rows), quantity(bin.weight),
                          fixed(bin.meanPredicted), fixed(bin.observedRate), fixed(bin.observedRate - bin.meanPredicted)])
        }
        return "Reliability — \(split.name), \(r.binCount) \(binning) bins (empty bins omitted), ECE \(fixed(r.expectedCalibrationError))\n"
            + table.render()
    }

    static func renderLift(_ split: SplitEvaluation) -> String {
        let l = split.lift
        var table = TextTable([("group", .right), ("scores", .left), ("leads", .right), ("conversions", .right),
                               ("rate", .right), ("lift", .right), ("cum. leads", .right), ("cum. gain", .right),
                               ("cum. lift", .right)])
        for row in l.groups {
            table.append([String(row.group), "\(fixed(row.minScore, 3))–\(fixed(row.maxScore, 3))", quantity(row.weight),
                          quantity(row.positives), fixed(row.conversionRate), fixed(row.lift, 2),
                          fixed(row.cumulativeShareOfLeads, 3), fixed(row.cumulativeGain, 3), fixed(row.cumulativeLift, 2)])
        }
        return "Lift — \(split.name), \(l.groups.count) groups, best scores first; overall rate \(fixed(l.overallConversionRate))\n"
            + table.render()
    }

    static func renderTiers(_ t: TierTable, split: String) -> String {
        var table = TextTable([("tier", .left), ("rows", .right), ("share of leads", .right), ("conversions", .right),
                               ("rate", .right), ("interval", .left), ("share of conversions", .right)])
        for tier in t.tiers {
            let interval = tier.conversionInterval.map { "\(fixed($0.lower, 3))–\(fixed($0.upper, 3))" } ?? "—"
            table.append([tier.name, String(tier.rows), fixed(tier.shareOfLeads, 3), quantity(tier.conversions),
                          tier.conversionRate.map { fixed($0) } ?? "—", interval, fixed(tier.shareOfConversions, 3)])
        }
        let level = fixed(t.confidence * 100, 0)
        return "Tiers — \(split), conversion rate with \(level) % Wilson interval\n" + table.render()
    }

    static func renderCrossValidation(_ cv: CrossValidationSummary) -> String {
        var table = TextTable([("metric", .left), ("mean", .right), ("std dev", .right)])
        let rows: [(String, MetricSpread)] = [("AUC", cv.auc), ("avg prec", cv.averagePrecision),
                                              ("log loss", cv.logLoss), ("Brier", cv.brier), ("ECE", cv.ece),
                                              ("KS", cv.ks), ("positive rate", cv.positiveRate)]
        for (name, spread) in rows {
            table.append([name, fixed(spread.mean), fixed(spread.standardDeviation)])
        }
        return "Cross-validation — \(cv.folds.count) folds, mean and sample standard deviation over folds\n" + table.render()
    }
}
