import CardTraining
import Foundation

/// How a backtest cuts time into periods and what each period's card learns from.
public struct BacktestOptions: Sendable, Equatable {
    /// The length of each test period.
    public enum Period: Sendable, Equatable, CustomStringConvertible {
        /// Calendar months (UTC).
        case month
        /// Calendar quarters (UTC): January, April, July, October.
        case quarter
        /// Runs of this many days from the first lead's day (UTC).
        case days(Int)

        public var description: String {
            switch self {
            case .month: return "month"
            case .quarter: return "quarter"
            case .days(let days): return "\(days) days"
            }
        }
    }

    /// How much history each card learns from.
    public enum Window: Sendable, Equatable, CustomStringConvertible {
        /// Every lead before the period (an expanding window).
        case all
        /// The calendar months just before the period.
        case months(Int)
        /// The days just before the period.
        case days(Int)

        public var description: String {
            switch self {
            case .all: return "every earlier lead"
            case .months(let months): return "the \(months) months before"
            case .days(let days): return "the \(days) days before"
            }
        }
    }

    /// The date column (or a number that grows with time) that orders the leads.
    public var timeColumn: String
    /// The length of each test period (a calendar month by default).
    public var every: Period
    /// How much of the history before each period its card learns from (every earlier lead by default).
    public var window: Window
    /// How each period's card is trained. Its split is set to time order by `timeColumn`, so within the
    /// training leads the newest validate (`--time`).
    public var training: TrainingOptions
    /// A period is tested only with at least this many leads, and both outcomes among them.
    public var minimumTestLeads: Int
    /// A card is trained only on at least this many leads with at least `minimumTrainingPerClass` of each outcome.
    public var minimumTrainingLeads: Int
    /// The fewest converted leads, and the fewest unconverted ones, a card is trained on.
    public var minimumTrainingPerClass: Int

    /// Options for a backtest ordered by `timeColumn`: by default monthly periods, every earlier lead, and at
    /// least 30 test leads and 100 training leads with 10 of each outcome.
    public init(timeColumn: String, every: Period = .month, window: Window = .all, training: TrainingOptions = TrainingOptions(),
                minimumTestLeads: Int = 30, minimumTrainingLeads: Int = 100, minimumTrainingPerClass: Int = 10) {
        self.timeColumn = timeColumn
        self.every = every
        self.window = window
        self.training = training
        self.minimumTestLeads = minimumTestLeads
        self.minimumTrainingLeads = minimumTrainingLeads
        self.minimumTrainingPerClass = minimumTrainingPerClass
    }

    /// Parses the CLI's `--every` value: `month`, `quarter` or a whole number of days.
    public static func period(_ text: String) -> Period? {
        switch text.lowercased() {
        case "month", "months", "monthly": return .month
        case "quarter", "quarters", "quarterly": return .quarter
        default:
            let digits = text.lowercased().hasSuffix("days") ? String(text.dropLast(4)) : text.lowercased().hasSuffix("d") ? String(text.dropLast()) : text
            guard let days = Int(digits), days >= 1 else { return nil }
            return .days(days)
        }
    }

    /// Parses the CLI's `--window` value: `12months`, `90days` or `all`.
    public static func window(_ text: String) -> Window? {
        let lower = text.lowercased().replacingOccurrences(of: " ", with: "")
        if lower == "all" { return .all }
        for (suffix, make) in [("months", Window.months), ("month", Window.months), ("m", Window.months),
                               ("days", Window.days), ("day", Window.days), ("d", Window.days)] as [(String, (Int) -> Window)] {
            if lower.hasSuffix(suffix), let count = Int(lower.dropLast(suffix.count)), count >= 1 { return make(count) }
        }
        return nil
    }
}
