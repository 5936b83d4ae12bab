import Foundation
import Dispatch
import Evaluation
import LeadData

/// Screens every candidate column of historical leads for leakage: a field filled in after the outcome
/// (sales notes, lead status, the last activity at export time) makes a card look excellent on test and
/// fail on new leads, and it is the most common way predictive lead scoring goes wrong.
///
/// Each column is measured alone: the conversion rate of each of its values (quantile bins for numbers)
/// is fitted on training leads and scored on held-out leads, giving a single-column AUC and information
/// value that are not flattered by the fit. Those and the column's name and values give the reasons and
/// the verdict; `docs/leakage.md` states the rule and `LeakageThresholds` its numbers.
public struct LeakageScreen: Sendable {
    /// The cut-offs for each kind of evidence (docs/training.md states them).
    public var thresholds: LeakageThresholds

    /// A screen with these thresholds (the documented defaults unless given).
    public init(thresholds: LeakageThresholds = LeakageThresholds()) {
        self.thresholds = thresholds
    }

    /// Placeholder values (such as `Select`) among the categorical columns; needs no outcome.
    public func placeholders(in dataset: Dataset) -> [PlaceholderFinding] {
        PlaceholderSearch(thresholds).find(in: dataset)
    }

    /// Screens `rows` of `dataset` (all rows by default) with a stratified split of its own, drawn with
    /// `seed`. Pass the rows a trainer learns from, so its test leads stay untouched.
    public func screen(_ dataset: Dataset, rows: [Int]? = nil, seed: UInt64 = 1) throws(LeakageScreenError) -> LeakageReport {
        guard let labels = dataset.labels else { throw .noOutcome }
        let rows = rows ?? Array(0..<dataset.rowCount)
        var generator = SeededGenerator(seed: seed)
        // Each screened row marked training (0) or held out (1), the others none (2); both parts then
        // collected in row order (`rowsOfParts`): the ascending lists sorting would give.
        var partOfRow = [UInt8](repeating: 2, count: dataset.rowCount)
        for outcome: UInt8 in [0, 1] {
            var part = rows.filter { labels[$0] == outcome }
            part.shuffle(using: &generator)
            let held = Int((Double(part.count) * thresholds.heldOutFraction).rounded())
            for row in part[..<held] { partOfRow[row] = 1 }
            for row in part[held...] { partOfRow[row] = 0 }
        }
        let parts = rowsOfParts(partOfRow, count: 2)
        let (training, heldOut) = (parts[0], parts[1])
        return try screen(dataset, training: training, heldOut: heldOut)
    }

    /// Screens every feature column of `dataset`, fitting on `training` rows and measuring on `heldOut`.
    public func screen(_ dataset: Dataset, training: [Int], heldOut: [Int]) throws(LeakageScreenError) -> LeakageReport {
        guard let labels = dataset.labels else { throw .noOutcome }
        let heldOutConverted = heldOut.count { labels[$0] == 1 }, trainingConverted = training.count { labels[$0] == 1 }
        guard heldOutConverted > 0, heldOutConverted < heldOut.count, trainingConverted > 0, trainingConverted < training.count else {
            throw .tooFewLeads(converted: heldOutConverted + trainingConverted, lost: training.count + heldOut.count - heldOutConverted - trainingConverted)
        }
        // Columns are independent: screened on all cores.
        let candidates = dataset.columns.filter(\.isFeature)
        let results = UnsafeMutableBufferPointer<ColumnScreening?>.allocate(capacity: candidates.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize().deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
            let column = candidates[index]
            guard let groups = ValueGroups(column, training: training, bins: thresholds.numericBins) else { return }
            slots[index] = screen(column, groups: groups, labels: labels, training: training, heldOut: heldOut)
        }
        var columns = results.compactMap { $0 }
        columns.sort { ($0.heldOutAUC ?? 0, $0.informationValue, $1.column) > ($1.heldOutAUC ?? 0, $1.informationValue, $0.column) }
        return LeakageReport(columns: columns, placeholders: PlaceholderSearch(thresholds).find(in: dataset),
                             trainingRows: training.count, heldOutRows: heldOut.count, thresholds: thresholds)
    }

    private func screen(_ column: DataColumn, groups: ValueGroups, labels: [UInt8], training: [Int], heldOut: [Int]) -> ColumnScreening {
        let trained = GroupCounts(groups, labels: labels, rows: training)
        let held = GroupCounts(groups, labels: labels, rows: heldOut)
        // Values with fewer than `pooledBelow` training leads share one rate (and one IV group), so that a
        // column of many rare values is not credited with the noise of their tiny counts.
        let pooled = groups.names.count
        let groupOf = groups.names.indices.map { trained.rows($0) < Self.pooledBelow ? pooled : $0 }
        var convertedOf = [Int](repeating: 0, count: pooled + 1), rowsOf = convertedOf
        for group in groups.names.indices {
            convertedOf[groupOf[group]] += trained.converted[group]
            rowsOf[groupOf[group]] += trained.rows(group)
        }
        let baseRate = Double(trained.totalConverted) / Double(training.count)
        let rate = (0...pooled).map { (Double(convertedOf[$0]) + baseRate) / (Double(rowsOf[$0]) + 1) }
        var heldConverted = [Int](repeating: 0, count: pooled + 1), heldLost = heldConverted
        for group in groups.names.indices {
            heldConverted[groupOf[group]] += held.converted[group]
            heldLost[groupOf[group]] += held.lost[group]
        }
        // Every held-out lead of a group has the group's score, so the AUC over leads equals the weighted
        // AUC over (group, outcome) pairs weighted by their counts: a few entries instead of a sort of all leads.
        var scores: [Double] = [], outcomes: [UInt8] = [], weights: [Double] = []
        for group in 0...pooled {
            for (outcome, count) in [(UInt8(1), heldConverted[group]), (0, heldLost[group])] where count > 0 {
                scores.append(rate[group])
                outcomes.append(outcome)
                weights.append(Double(count))
            }
        }
        let auc = try? rocAUC(scores: scores, outcomes: outcomes, weights: weights)
        let iv = informationValue(converted: heldConverted, lost: heldLost)

        var reasons: [LeakageReason] = []
        if let auc, auc >= thresholds.decisiveAUC {
            reasons.append(.decidesAlone(auc: auc))
        } else if let auc, auc >= thresholds.strongAUC {
            reasons.append(.veryStrongAlone(auc: auc))
        }
        if iv >= thresholds.relevantInformationValue {
            if let word = SuspiciousWords.nameWord(column.name, categorical: column.role == .categorical) {
                reasons.append(.suspiciousName(word: word))
            }
            let named = groups.names.indices.filter { groups.isValue[$0] && trained.rows($0) + held.rows($0) > 0 && SuspiciousWords.namesAnOutcome(groups.names[$0]) }
            if !named.isEmpty { reasons.append(.suspiciousValues(named.map { groups.names[$0] })) }
            reasons += purity(groups: groups, trained: trained, held: held, trainingRows: training.count)
        }
        let kinds = Set(reasons.map(\.kind) + (iv >= thresholds.strongInformationValue ? [0] : []))
        let verdict: LeakageVerdict = reasons.isEmpty ? .none
            : (reasons.contains { if case .decidesAlone = $0 { return true } else { return false } } || kinds.count >= 2 ? .likelyLeak : .suspect)
        return ColumnScreening(column: column.name, role: column.role, heldOutAUC: auc, informationValue: iv, reasons: reasons, verdict: verdict)
    }

    /// Values with only one outcome, and near-pure values covering a notable share of leads.
    private func purity(groups: ValueGroups, trained: GroupCounts, held: GroupCounts, trainingRows: Int) -> [LeakageReason] {
        var reasons: [LeakageReason] = []
        let candidates = groups.names.indices.filter { groups.isValue[$0] && trained.rows($0) >= thresholds.pureValueMinimumRows }
        // Confirmed on held-out leads: the value occurs there too, with the same single outcome.
        let single = candidates.filter { group in
            held.rows(group) > 0
                && ((trained.converted[group] == 0 && held.converted[group] == 0) || (trained.lost[group] == 0 && held.lost[group] == 0))
        }
        if !single.isEmpty {
            reasons.append(.singleOutcomeValues(single.sorted { trained.rows($0) > trained.rows($1) }.map {
                PureValue(value: groups.names[$0], rows: trained.rows($0) + held.rows($0), converted: trained.lost[$0] == 0)
            }))
        }
        let nearPure = candidates.filter {
            Double(min(trained.converted[$0], trained.lost[$0])) <= thresholds.nearPureMinorityShare * Double(trained.rows($0))
        }
        let share = Double(nearPure.map { trained.rows($0) }.reduce(0, +)) / Double(trainingRows)
        if share >= thresholds.nearPureCoverage {
            reasons.append(.nearPureValues(share: share, values: nearPure.sorted { trained.rows($0) > trained.rows($1) }.map { groups.names[$0] }))
        }
        return reasons
    }

    /// Σ (share of converted − share of lost) · ln(share of converted / share of lost) over groups with
    /// held-out leads, each count plus ½ so an empty cell stays finite.
    private func informationValue(converted: [Int], lost: [Int]) -> Double {
        let used = converted.indices.filter { converted[$0] + lost[$0] > 0 }
        let totalConverted = Double(converted.reduce(0, +)) + 0.5 * Double(used.count)
        let totalLost = Double(lost.reduce(0, +)) + 0.5 * Double(used.count)
        return used.reduce(0) { sum, group in
            let p = (Double(converted[group]) + 0.5) / totalConverted, q = (Double(lost[group]) + 0.5) / totalLost
            return sum + (p - q) * Foundation.log(p / q)
        }
    }

    /// Training leads a value needs for a rate of its own; rarer values share one.
    static let pooledBelow = 5
}

/// Why a screen could not run.
public enum LeakageScreenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data has no outcome column.
    case noOutcome
    /// Too few leads of one outcome to hold some out.
    case tooFewLeads(converted: Int, lost: Int)

    public var description: String {
        switch self {
        case .noOutcome: return "the leakage screen needs the outcome; name its column when loading the leads (LoadOptions.target)"
        case .tooFewLeads(let converted, let lost):
            return "too few leads to screen columns for leakage (\(converted) converted, \(lost) lost); both training and held-out leads need both outcomes"
        }
    }
}
