/// Rules for the descriptive records (metrics, provenance): numbers where they belong, so a card a
/// trainer wrote with a NaN in it is refused before anyone reads it.
extension CardMetrics {
    func check(into list: inout ProblemList) {
        list.nonNegative(rows, at: "metrics.rows")
        list.fraction(positiveRate, at: "metrics.positiveRate")
        list.fraction(auc, at: "metrics.auc")
        list.fraction(averagePrecision, at: "metrics.averagePrecision")
        list.fraction(brier, at: "metrics.brier")
        list.fraction(ece, at: "metrics.ece")
        if let logLoss, !(logLoss >= 0 && logLoss.isFinite) {
            list.add("metrics.logLoss", "must be a finite number, 0 or more; found \(logLoss)")
        }
    }
}

extension Provenance {
    func check(criteria: [Criterion], maximumPoints: Int, into list: inout ProblemList) {
        baseline?.check(criteria: criteria, maximumPoints: maximumPoints, into: &list)
        for (index, record) in (recalibrations ?? []).enumerated() {
            record.check(at: "provenance.recalibrations[\(index)]", into: &list)
        }
        if let data {
            list.nonNegative(data.rows, at: "provenance.data.rows")
            list.fraction(data.positiveRate, at: "provenance.data.positiveRate")
            if let sha256 = data.sha256, !(sha256.utf8.count == 64 && sha256.allSatisfy(\.isHexDigit)) {
                list.add("provenance.data.sha256", "must be 64 hexadecimal digits; found \(CardLocation.quoted(sha256))")
            }
        }
        for (key, value) in trainer?.settings.sorted(by: { $0.key < $1.key }) ?? [] {
            if case .number(let number) = value { list.finite(number, at: "provenance.trainer.settings.\(key)") }
        }
    }
}
