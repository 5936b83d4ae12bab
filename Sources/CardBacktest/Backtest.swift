import CardTraining
import Evaluation
import Foundation
import LeadData
import PointExport
import ScoreCardFormat

/// Why a backtest cannot run at all (a single period that cannot be tested is a note, not an error).
public enum BacktestError: Error, Equatable, CustomStringConvertible {
    /// The leads have no outcome column: set `LoadOptions.target`.
    case noOutcome(data: String)
    /// The leads have no column with the time column's name (`BacktestOptions.timeColumn`), so cannot be ordered.
    case unknownColumn(String, data: String)
    /// The time column is not a date (load it with the role `date`).
    case notADate(column: String, role: ColumnRole, data: String)
    /// No lead has a time.
    case noTimes(column: String, data: String)

    public var description: String {
        switch self {
        case .noOutcome(let data):
            return "\(data): the leads have no outcome column; name its column when loading the leads (LoadOptions.target)"
        case .unknownColumn(let column, let data):
            return "\(data): no column named '\(column)' to order the leads by"
        case .notADate(let column, let role, let data):
            return "\(data): column '\(column)' is \(role.rawValue); a backtest needs dates (ISO 8601) there — give \"\(column)\" the role date (LoadOptions.roles)"
        case .noTimes(let column, let data):
            return "\(data): column '\(column)' has no date in any row"
        }
    }
}

/// Rolling-origin evaluation: for each period (month, quarter or N days), a card is trained with
/// `CardTrainer` on the leads created before the period starts — all of them or a window — and measured
/// on the period's leads. Training never sees a lead of the period it is tested on, nor a later one. The
/// first card trained is also kept unchanged and measured on every later period, which shows how fast a
/// card goes stale and so how often to retrain.
///
/// ```swift
/// let leads = try Dataset.load(csv: "leads.csv", options: LoadOptions(target: "converted"))
/// let report = try Backtest(options: BacktestOptions(timeColumn: "created_at", every: .quarter)).run(leads)
/// print(report.text())
/// ```
public struct Backtest {
    /// How time is cut into periods and how each period's card is trained.
    public var options: BacktestOptions
    /// Called before each period is trained: its index, the number of periods, its label.
    public var progress: ((Int, Int, String) -> Void)?

    /// A backtest with these options, calling `progress` before each period when it is given.
    public init(options: BacktestOptions, progress: ((Int, Int, String) -> Void)? = nil) {
        self.options = options
        self.progress = progress
    }

    /// One period: `[start, end)` in seconds since 1970 UTC.
    struct Span {
        var label: String
        var start: Double, end: Double
    }

    /// - Parameter readAs: how the leads were read (the cards keep its missing-value texts and decimal mark).
    /// - Throws: `BacktestError` when the leads cannot be ordered in time or have no outcome;
    ///   `CancellationError` when the calling task is cancelled.
    public func run(_ leads: Dataset, readAs: LoadOptions = LoadOptions()) throws -> BacktestReport {
        let data = leads.source
        guard let labels = leads.labels else { throw BacktestError.noOutcome(data: data) }
        guard let column = leads.column(named: options.timeColumn) else { throw BacktestError.unknownColumn(options.timeColumn, data: data) }
        guard case .date(let times) = column.values else {
            throw BacktestError.notADate(column: options.timeColumn, role: column.role, data: data)
        }
        let dated = times.indices.filter { !times[$0].isNaN }
        guard let first = dated.map({ times[$0] }).min(), let last = dated.map({ times[$0] }).max() else {
            throw BacktestError.noTimes(column: options.timeColumn, data: data)
        }
        var training = options.training
        training.split = .timeOrdered(column: options.timeColumn)
        let trainer = CardTrainer(options: training)
        let spans = Self.spans(from: first, to: last, every: options.every)
        var notes: [String] = []
        if dated.count < leads.rowCount {
            notes.append("\(leads.rowCount - dated.count) leads without a date in '\(options.timeColumn)' are left out of every period")
        }
        var periods: [BacktestPeriod] = []
        var firstCard: (card: ScoreCard, points: PointModel, period: String)?
        for (index, span) in spans.enumerated() {
            try Task.checkCancellation()
            progress?(index, spans.count, span.label)
            let windowStart = Self.windowStart(before: span.start, window: options.window)
            let trainRows = dated.filter { times[$0] < span.start && times[$0] >= windowStart }
            let testRows = dated.filter { times[$0] >= span.start && times[$0] < span.end }
            let testPositives = testRows.reduce(0) { $0 + Int(labels[$1]) }
            let trainPositives = trainRows.reduce(0) { $0 + Int(labels[$1]) }
            var period = BacktestPeriod(
                period: span.label, start: Self.day(span.start), end: Self.day(span.end), trainingLeads: trainRows.count,
                trainingFrom: trainRows.map { times[$0] }.min().map(Self.day), trainingTo: trainRows.map { times[$0] }.max().map(Self.day),
                testLeads: testRows.count, conversionRate: testRows.isEmpty ? nil : Double(testPositives) / Double(testRows.count),
                tiers: [])
            if testRows.count < options.minimumTestLeads {
                period.note = "only \(testRows.count) leads (a period needs \(options.minimumTestLeads)): not tested"
            } else if testPositives == 0 || testPositives == testRows.count {
                period.note = "\(testPositives == 0 ? "no lead" : "every lead") converted: AUC and calibration need both outcomes; not tested"
            } else if trainRows.isEmpty {
                period.note = "no earlier leads to train on"
            } else if trainRows.count < options.minimumTrainingLeads
                        || min(trainPositives, trainRows.count - trainPositives) < options.minimumTrainingPerClass {
                period.note = "only \(trainRows.count) earlier leads (\(trainPositives) converted) in the window: a card needs "
                    + "\(options.minimumTrainingLeads) with \(options.minimumTrainingPerClass) of each outcome; not tested"
            } else {
                let test = leads.selecting(testRows)
                do {
                    let result = try trainer.train(leads.selecting(trainRows), test: test, readAs: readAs)
                    let measured = try Self.measure(card: result.card, points: result.points, on: test)
                    (period.auc, period.logLoss, period.ece, period.meanProbability) = (measured.auc, measured.logLoss, measured.ece, measured.mean)
                    period.tiers = try Self.tiers(card: result.card, points: result.points, on: test)
                    if firstCard == nil { firstCard = (result.card, result.points, span.label) }
                } catch let error as CancellationError {
                    throw error
                } catch {
                    period.note = "training failed: \(error)"
                }
            }
            if let firstCard, period.note == nil {
                let measured = try Self.measure(card: firstCard.card, points: firstCard.points, on: leads.selecting(testRows))
                (period.firstCardAUC, period.firstCardECE) = (measured.auc, measured.ece)
            }
            periods.append(period)
        }
        return BacktestReport(data: URL(fileURLWithPath: data).lastPathComponent, timeColumn: options.timeColumn,
                              every: options.every.description, window: options.window.description,
                              model: training.model.rawValue, periods: periods, firstCardPeriod: firstCard?.period, notes: notes)
    }

    static func measure(card: ScoreCard, points: PointModel, on leads: Dataset) throws -> (auc: Double, logLoss: Double, ece: Double, mean: Double) {
        let probabilities = points.totals(leads).map { card.calibration?.probability(forTotal: $0) ?? 0 }
        let metrics = try MetricSet(probabilities: probabilities, outcomes: leads.labels!)
        // AUC by points, as the rule scorer ranks leads (the table is monotone, so ties differ at most).
        let auc = try rocAUC(scores: points.totals(leads).map(Double.init), outcomes: leads.labels!)
        return (auc, metrics.logLoss, metrics.ece, probabilities.reduce(0, +) / Double(max(1, probabilities.count)))
    }

    static func tiers(card: ScoreCard, points: PointModel, on leads: Dataset) throws -> [BacktestPeriod.TierResult] {
        let records = try CardExport.tierRecords(totals: points.totals(leads), labels: leads.labels!,
                                                minimums: card.tiers.map(\.minimumPoints), names: card.tiers.map(\.name))
        return zip(card.tiers, records).map { tier, record in
            BacktestPeriod.TierResult(name: tier.name, minimumPoints: tier.minimumPoints, leads: record.leads ?? 0,
                                      shareOfLeads: record.shareOfLeads ?? 0,
                                      conversionRate: (record.leads ?? 0) > 0 ? record.conversionRate : nil)
        }
    }

    // MARK: Calendar (UTC)

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    static func day(_ seconds: Double) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The periods from the one holding `first` to the one holding `last`.
    static func spans(from first: Double, to last: Double, every: BacktestOptions.Period) -> [Span] {
        let calendar = calendar
        let firstDate = Date(timeIntervalSince1970: first)
        var start: Date, step: DateComponents
        switch every {
        case .month:
            start = calendar.date(from: calendar.dateComponents([.year, .month], from: firstDate))!
            step = DateComponents(month: 1)
        case .quarter:
            let parts = calendar.dateComponents([.year, .month], from: firstDate)
            start = calendar.date(from: DateComponents(year: parts.year, month: (parts.month! - 1) / 3 * 3 + 1))!
            step = DateComponents(month: 3)
        case .days(let days):
            start = calendar.startOfDay(for: firstDate)
            step = DateComponents(day: days)
        }
        var spans: [Span] = []
        while start.timeIntervalSince1970 <= last {
            let end = calendar.date(byAdding: step, to: start)!
            let parts = calendar.dateComponents([.year, .month], from: start)
            let label: String
            switch every {
            case .month: label = String(format: "%04d-%02d", parts.year!, parts.month!)
            case .quarter: label = String(format: "%04d-Q%d", parts.year!, (parts.month! - 1) / 3 + 1)
            case .days: label = day(start.timeIntervalSince1970)
            }
            spans.append(Span(label: label, start: start.timeIntervalSince1970, end: end.timeIntervalSince1970))
            start = end
        }
        return spans
    }

    /// Where a card's training leads begin for a period starting at `start`.
    static func windowStart(before start: Double, window: BacktestOptions.Window) -> Double {
        switch window {
        case .all: return -.infinity
        case .months(let months):
            return calendar.date(byAdding: DateComponents(month: -months), to: Date(timeIntervalSince1970: start))!.timeIntervalSince1970
        case .days(let days):
            return start - Double(days) * 86_400
        }
    }
}
